import type { ByteBudget } from '../core/byteBudget.ts';
import type { SourceRef } from '../core/editSources.ts';
import { UserError } from '../core/userError.ts';
import type { FalStorage } from '../fal/falStorage.ts';
import { downloadSourceImage, SourceImageError } from '../fal/sourceImage.ts';
import { isFetchable } from '../fal/urlProbe.ts';
import type { Logger } from '../logger.ts';

/** Turns an edit's sources into URLs fal can fetch without auth and that outlive Discord's signatures. */
export interface SourcePreparer {
  prepare(sources: readonly SourceRef[], log: Logger, signal?: AbortSignal): Promise<string[]>;
}

export function createSourcePreparer(deps: {
  storage: FalStorage;
  maxBytes: number;
  /** Shared with result images: a source is held from download to upload. */
  budget: ByteBudget;
  allowHttpHosts: readonly string[];
}): SourcePreparer {
  const one = async (source: SourceRef, log: Logger, signal?: AbortSignal): Promise<string> => {
    if (source.kind === 'hosted') {
      if (!source.fallback || (await isFetchable(source.url, deps.allowHttpHosts, signal))) return source.url;
      log.info({ url: source.url }, 'fal no longer serves this result: uploading the posted copy instead');
      return one({ kind: 'attachment', ...source.fallback }, log, signal);
    }
    const lease = await deps.budget.acquire(Math.min(source.size, deps.maxBytes), signal);
    try {
      const image = await downloadSourceImage(source.url, {
        maxBytes: deps.maxBytes,
        allowHttpHosts: deps.allowHttpHosts,
        fileName: source.fileName,
        ...(signal ? { signal } : {}),
      });
      lease.resize(image.data.length);
      const url = await deps.storage.upload(image, signal);
      log.info(
        { fileName: source.fileName, bytes: image.data.length, sha256: image.sha256 },
        'edit source uploaded to fal',
      );
      return url;
    } finally {
      lease.release();
    }
  };
  return {
    async prepare(sources, log, signal) {
      // In order: fal receives them in the order the member gave them.
      const named = (source: SourceRef) =>
        one(source, log, signal).catch((error: unknown) => {
          if (!(error instanceof SourceImageError) || sources.length === 1) throw error;
          // With several files, the member needs to know which one it was.
          const name =
            (source.kind === 'attachment' ? source.fileName : source.fallback?.fileName) ?? 'an image';
          throw new SourceImageError(error.refusal, `\`${name.replace(/`/g, "'")}\`: ${error.message}`);
        });
      try {
        return await Promise.all(sources.map(named));
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
