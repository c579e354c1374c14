import type { ByteBudget } from '../core/byteBudget.ts';
import type { SourceRef } from '../core/editSources.ts';
import { NestedRefusal } from '../core/nestedRefusal.ts';
import { UserError } from '../core/userError.ts';
import type { FalStorage } from '../fal/falStorage.ts';
import { downloadSourceImage, SourceImageError, type SourceRefusal } from '../fal/sourceImage.ts';
import { isFetchable } from '../fal/urlProbe.ts';
import type { MessageId } from '../i18n/translate.ts';
import type { Logger } from '../logger.ts';

// What fal's download refusals say to the member (sourceImage.ts keeps its English for logs).
const REFUSAL_IDS = {
  too_large: 'error.source.tooLarge',
  not_image: 'error.source.notImageBytes',
  unreachable: 'error.source.unreachable',
  expired: 'error.source.expired',
} as const satisfies Record<SourceRefusal, MessageId>;

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** A refused source, and which file it was when the member gave several. */
class SourceRefused extends Error {
  override readonly cause: SourceImageError;
  readonly fileName: string | undefined;

  constructor(cause: SourceImageError, fileName: string | undefined) {
    super(cause.message);
    this.cause = cause;
    this.fileName = fileName;
  }
}

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
          if (!(error instanceof SourceImageError)) throw error;
          // With several files, the member needs to know which one it was.
          const name =
            sources.length === 1
              ? undefined
              : ((source.kind === 'attachment' ? source.fileName : source.fallback?.fileName) ?? 'image');
          throw new SourceRefused(error, name);
        });
      try {
        return await Promise.all(sources.map(named));
      } catch (error) {
        if (error instanceof SourceRefused) {
          const { refusal, message } = error.cause;
          log.info({ refusal, reason: message }, 'edit source refused');
          const problem = { id: REFUSAL_IDS[refusal], params: { max: mb(deps.maxBytes) } };
          if (error.fileName === undefined) throw new NestedRefusal('error.source.refused', problem);
          throw new NestedRefusal('error.source.refusedNamed', problem, {
            name: error.fileName.replace(/`/g, "'"),
          });
        }
        log.warn({ err: error }, 'edit source could not be handed to fal');
        throw new UserError({ id: 'error.source.handOff' });
      }
    },
  };
}
