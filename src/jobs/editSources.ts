import type { SourceRef } from '../core/editSources.ts';
import { UserError } from '../core/userError.ts';
import type { FalStorage } from '../fal/falStorage.ts';
import { downloadSourceImage, SourceImageError } from '../fal/sourceImage.ts';
import type { Logger } from '../logger.ts';

/** Turns an edit's sources into URLs fal can fetch without auth and that outlive Discord's signatures. */
export interface SourcePreparer {
  prepare(sources: readonly SourceRef[], log: Logger, signal?: AbortSignal): Promise<string[]>;
}

export function createSourcePreparer(deps: {
  storage: FalStorage;
  maxBytes: number;
  allowHttpHosts: readonly string[];
}): SourcePreparer {
  const one = async (source: SourceRef, log: Logger, signal?: AbortSignal): Promise<string> => {
    if (source.kind === 'hosted') return source.url;
    const image = await downloadSourceImage(source.url, {
      maxBytes: deps.maxBytes,
      allowHttpHosts: deps.allowHttpHosts,
      fileName: source.fileName,
      ...(signal ? { signal } : {}),
    });
    const url = await deps.storage.upload(image, signal);
    log.info(
      { fileName: source.fileName, bytes: image.data.length, sha256: image.sha256 },
      'edit source uploaded to fal',
    );
    return url;
  };
  return {
    async prepare(sources, log, signal) {
      try {
        // In order: fal receives them in the order the member gave them.
        return await Promise.all(sources.map((source) => one(source, log, signal)));
      } catch (error) {
        if (error instanceof SourceImageError) {
          log.info({ refusal: error.refusal, reason: error.message }, 'edit source refused');
          throw new UserError(`🖼️ ${error.message}`);
        }
        log.warn({ err: error }, 'edit source could not be handed to fal');
        throw new UserError("⚠️ I couldn't hand your image to fal just now. Please try again in a moment.");
      }
    },
  };
}
