import { createFalClient, type FalClient } from '@fal-ai/client';
import type { FalKontextInput } from '../core/imagineOptions.ts';
import { classifyFalError, FalError } from './falErrors.ts';

export const KONTEXT_ENDPOINT = 'fal-ai/flux-pro/kontext/text-to-image';
// The official client always builds URLs on this base; requestMiddleware moves them to FAL_QUEUE_URL.
const OFFICIAL_QUEUE_BASE = 'https://queue.fal.run';
const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export interface FalImage {
  url: string;
  width?: number;
  height?: number;
  content_type?: string;
}

export interface FalKontextOutput {
  images: FalImage[];
  seed: number;
  has_nsfw_concepts?: boolean[];
  prompt?: string;
}

export type FalQueueStatus =
  | { status: 'IN_QUEUE'; queuePosition: number | undefined }
  | { status: 'IN_PROGRESS' }
  | { status: 'COMPLETED' };

export interface FalGateway {
  submit(input: FalKontextInput): Promise<{ requestId: string; queuePosition: number | undefined }>;
  /** Follows the request's status stream until COMPLETED; reports every status it sees. */
  waitForCompletion(
    requestId: string,
    onStatus: (status: FalQueueStatus) => void,
    signal: AbortSignal,
  ): Promise<void>;
  result(requestId: string): Promise<FalKontextOutput>;
  cancel(requestId: string): Promise<void>;
  download(url: string, signal: AbortSignal): Promise<{ data: Buffer; contentType: string }>;
}

export function createFalGateway(options: { key: string; queueUrl: string }): FalGateway {
  const client = createFalClient({
    credentials: options.key,
    requestMiddleware: async (request) => ({
      ...request,
      url: request.url.startsWith(OFFICIAL_QUEUE_BASE)
        ? options.queueUrl + request.url.slice(OFFICIAL_QUEUE_BASE.length)
        : request.url,
    }),
  });
  const wrap = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw classifyFalError(error);
    }
  };

  const pollStatus = async (requestId: string): Promise<FalQueueStatus> => {
    const status = await client.queue.status(KONTEXT_ENDPOINT, { requestId, logs: false });
    return toStatus(status);
  };

  return {
    submit: (input) =>
      wrap(async () => {
        const queued = await client.queue.submit(KONTEXT_ENDPOINT, { input });
        return { requestId: queued.request_id, queuePosition: queued.queue_position };
      }),

    waitForCompletion: (requestId, onStatus, signal) =>
      wrap(async () => {
        // The stream can end early (proxy, idle timeout): then ask once and reopen it.
        for (let attempt = 0; !signal.aborted; attempt++) {
          try {
            const stream = await client.queue.streamStatus(KONTEXT_ENDPOINT, { requestId, logs: false });
            if (await followStream(stream, onStatus, signal)) return;
          } catch (error) {
            const classified = classifyFalError(error);
            if (classified.kind === 'auth' || classified.kind === 'invalid' || attempt >= 5) throw classified;
          }
          const status = await pollStatus(requestId);
          onStatus(status);
          if (status.status === 'COMPLETED') return;
          await delay(Math.min(250 * 2 ** attempt, 2000), signal);
        }
        throw new FalError('canceled', 'stopped waiting for fal');
      }),

    result: (requestId) =>
      wrap(async () => {
        const { data } = await client.queue.result(KONTEXT_ENDPOINT, { requestId });
        return parseOutput(data);
      }),

    cancel: (requestId) => wrap(() => client.queue.cancel(KONTEXT_ENDPOINT, { requestId })),

    download: (url, signal) =>
      wrap(async () => {
        const response = await fetch(url, { signal });
        if (!response.ok)
          throw new FalError('server', `image download answered ${response.status}`, {
            status: response.status,
          });
        const length = Number(response.headers.get('content-length') ?? 0);
        if (length > MAX_IMAGE_BYTES) throw new FalError('server', `image is too large (${length} bytes)`);
        const data = Buffer.from(await response.arrayBuffer());
        return { data, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
      }),
  };
}

type StatusStream = Awaited<ReturnType<FalClient['queue']['streamStatus']>>;

/**
 * True once the stream reported COMPLETED, false if it ended or was aborted before. Listens to the
 * stream's events rather than `for await`: the client's async iterator looks at its buffer every 16 ms,
 * which the benchmark measured as up to 16 ms (8 on average) added to every delivery, plus a timer per
 * waiting generation.
 */
function followStream(
  stream: StatusStream,
  onStatus: (status: FalQueueStatus) => void,
  signal: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = () => stream.abort();
    const finish = (completed: boolean, error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(completed);
      else reject(error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    stream.on('data', (raw: unknown) => {
      if (settled) return;
      try {
        const status = toStatus(raw);
        onStatus(status);
        if (status.status === 'COMPLETED') finish(true);
      } catch (error) {
        stream.abort();
        finish(false, error);
      }
    });
    stream.done().then(
      () => finish(false),
      (error: unknown) => finish(false, error),
    );
  });
}

function toStatus(raw: unknown): FalQueueStatus {
  const value = raw as { status?: unknown; queue_position?: unknown };
  if (value.status === 'COMPLETED') return { status: 'COMPLETED' };
  if (value.status === 'IN_PROGRESS') return { status: 'IN_PROGRESS' };
  if (value.status === 'IN_QUEUE') {
    return {
      status: 'IN_QUEUE',
      queuePosition: typeof value.queue_position === 'number' ? value.queue_position : undefined,
    };
  }
  throw new FalError('server', `fal sent an unknown status: ${String(value.status)}`);
}

function parseOutput(data: unknown): FalKontextOutput {
  const value = data as Partial<FalKontextOutput> | null;
  if (
    !value ||
    !Array.isArray(value.images) ||
    value.images.some((image) => typeof image?.url !== 'string')
  ) {
    throw new FalError('server', 'fal returned a result without images');
  }
  return {
    images: value.images,
    seed: typeof value.seed === 'number' ? value.seed : Number.NaN,
    has_nsfw_concepts: Array.isArray(value.has_nsfw_concepts) ? value.has_nsfw_concepts : [],
    ...(typeof value.prompt === 'string' ? { prompt: value.prompt } : {}),
  };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
