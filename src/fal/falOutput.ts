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
  throw new FalError('server', `fal sent an unknown status: ${shown(value.status)}`);
}

export function parseOutput(data: unknown): FalKontextOutput {
  const value = data as Partial<Record<keyof FalKontextOutput, unknown>> | null;
  // An empty list slipped past the url check before and got a paid generation "delivered" with nothing.
  if (!value || !Array.isArray(value.images) || value.images.length === 0) {
    throw new FalError('server', 'fal returned a result without images');
  }
  return {
    images: value.images.map(parseImage),
    seed: parseSeed(value.seed),
    has_nsfw_concepts: parseFlags(value.has_nsfw_concepts),
    ...(typeof value.prompt === 'string' ? { prompt: value.prompt } : {}),
  };
}

// Only the checked fields are kept, so the types past this point hold: the others are never read.
function parseImage(image: unknown): FalImage {
  const value = (image ?? {}) as Partial<Record<keyof FalImage, unknown>>;
  if (typeof value.url !== 'string') throw new FalError('server', 'fal returned an image without a url');
  return {
    url: value.url,
    ...(typeof value.width === 'number' ? { width: value.width } : {}),
    ...(typeof value.height === 'number' ? { height: value.height } : {}),
    ...(typeof value.content_type === 'string' ? { content_type: value.content_type } : {}),
  };
}

/**
 * A flag that is not a boolean cannot say whether an image is safe to post: refused rather than
 * guessed (it used to pass through typed as boolean[], and `!== true` then posted the image).
 */
function parseFlags(flags: unknown): boolean[] {
  if (!Array.isArray(flags)) return [];
  if (flags.some((flag) => typeof flag !== 'boolean')) {
    throw new FalError('server', 'fal returned has_nsfw_concepts that are not booleans');
  }
  return flags as boolean[];
}

/** String() throws a TypeError on JSON such as {"toString": null}; a message must never do that. */
function shown(value: unknown): string {
  try {
    return String(value).slice(0, 40);
  } catch {
    return typeof value;
  }
}

/**
 * A seed the bot could not store exactly would make Same seed draw a different image (or, before,
 * make the row unreadable): refused here, before anything is written.
 */
function parseSeed(seed: unknown): number | undefined {
  if (seed === undefined || seed === null) return undefined;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < MIN_SEED || seed > MAX_SEED) {
    throw new FalError('server', `fal reported a seed the bot cannot use: ${shown(seed)}`);
  }
  return seed;
}
