// fal's answers, checked at the edge: everything past here can rely on these shapes.
import { MAX_SEED, MIN_SEED } from '../core/imagineOptions.ts';
import { FalError } from './falErrors.ts';

export interface FalImage {
  url: string;
  width?: number;
  height?: number;
  content_type?: string;
}

export interface FalKontextOutput {
  images: FalImage[];
  /** undefined: fal did not say (the requested seed, if any, is the one used). */
  seed: number | undefined;
  has_nsfw_concepts?: boolean[];
  prompt?: string;
}

export type FalQueueStatus =
  | { status: 'IN_QUEUE'; queuePosition: number | undefined }
  | { status: 'IN_PROGRESS' }
  | { status: 'COMPLETED' };

/** The submit answer: the id, and the URLs fal wants us to use for this request. */
export interface FalSubmitted {
  requestId: string;
  queuePosition: number | undefined;
  statusUrl: string | undefined;
  responseUrl: string | undefined;
  cancelUrl: string | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function parseSubmitted(data: unknown): FalSubmitted {
  const value = (data ?? {}) as Record<string, unknown>;
  const requestId = text(value.request_id);
  if (!requestId) throw new FalError('server', 'fal submit answered without a request id');
  return {
    requestId,
    queuePosition: typeof value.queue_position === 'number' ? value.queue_position : undefined,
    statusUrl: text(value.status_url),
    responseUrl: text(value.response_url),
    cancelUrl: text(value.cancel_url),
  };
}

export function parseStatus(raw: unknown): FalQueueStatus {
  const value = (raw ?? {}) as { status?: unknown; queue_position?: unknown };
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

export function parseOutput(data: unknown): FalKontextOutput {
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
    seed: parseSeed(value.seed),
    has_nsfw_concepts: Array.isArray(value.has_nsfw_concepts) ? value.has_nsfw_concepts : [],
    ...(typeof value.prompt === 'string' ? { prompt: value.prompt } : {}),
  };
}

/**
 * A seed the bot could not store exactly would make Same seed draw a different image (or, before,
 * make the row unreadable): refused here, before anything is written.
 */
function parseSeed(seed: unknown): number | undefined {
  if (seed === undefined || seed === null) return undefined;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < MIN_SEED || seed > MAX_SEED) {
    throw new FalError('server', `fal reported a seed the bot cannot use: ${String(seed).slice(0, 40)}`);
  }
  return seed;
}
