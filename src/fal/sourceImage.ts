// Downloads the image a member points the bot at (a Discord CDN attachment) before it goes to fal:
// https only, redirects on the same origin only, at most `maxBytes` held, and the bytes themselves must
// be an image fal can read, whatever Content-Type the host claims. Refusals carry a sentence for the
// member, since a stale link or a wrong file is theirs to fix, not an outage.
import { createHash } from 'node:crypto';
import { readBounded } from './boundedBody.ts';
import { FalError } from './falErrors.ts';
import { createFalHttp } from './falHttp.ts';
import { checkImageUrl, followSameOrigin, type ImageAnswer } from './imageDownload.ts';

interface SourceBytes {
  data: Buffer;
  contentType: string;
}

export const SOURCE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type SourceContentType = (typeof SOURCE_CONTENT_TYPES)[number];
export type SourceRefusal = 'too_large' | 'not_image' | 'unreachable' | 'expired';

export class SourceImageError extends Error {
  override readonly name = 'SourceImageError';
  readonly refusal: SourceRefusal;

  constructor(refusal: SourceRefusal, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.refusal = refusal;
  }
}

export interface SourceImage {
  data: Buffer;
  contentType: string;
  fileName: string;
  sha256: string;
}

// Hosts that turn away scripts (Cloudflare in front of an image host) match words such as "bot",
// "node" or "undici" in the User-Agent; this one names the fetcher without them.
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) KontextImageFetcher/0.1';
const DEFAULT_TIMEOUT_MS = 30_000;
// Discord's CDN signs links for 24 h and answers a stale one like a missing one.
const EXPIRED_STATUSES = new Set([403, 404, 410]);

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

/** Sniffs magic bytes: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, GIF87a/GIF89a, RIFF....WEBP. */
export function sniffImageType(bytes: Uint8Array): SourceContentType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}

const tooLarge = (maxBytes: number): SourceImageError =>
  new SourceImageError(
    'too_large',
    `That image is larger than ${(maxBytes / (1024 * 1024)).toFixed(1)} MB: please use a smaller one.`,
  );

async function readSource(response: Response, maxBytes: number): Promise<ImageAnswer<SourceBytes>> {
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    if (!location) throw new FalError('server', `source image: ${response.status} without a Location`);
    return { redirect: location };
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  // The declared length may be missing or wrong: count what actually arrives.
  const { bytes, truncated } = await readBounded(response, maxBytes);
  if (truncated) throw tooLarge(maxBytes);
  const contentType = sniffImageType(bytes);
  if (!contentType) {
    throw new SourceImageError('not_image', 'That file is not a JPEG, PNG, WebP or GIF image.');
  }
  return { data: bytes, contentType };
}

// falHttp wraps what `read` throws in a FalError; the refusal is found again in its causes.
function refusalIn(error: unknown): SourceImageError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof SourceImageError) return current;
    current = current.cause;
  }
  return undefined;
}

function toRefusal(error: unknown): SourceImageError {
  const refusal = refusalIn(error);
  if (refusal) return refusal;
  const status = error instanceof FalError ? error.status : undefined;
  if (status !== undefined && EXPIRED_STATUSES.has(status)) {
    return new SourceImageError(
      'expired',
      "That image's link has expired: post the image again and retry with the new message.",
      { cause: error },
    );
  }
  return new SourceImageError('unreachable', 'That image could not be downloaded: try again in a moment.', {
    cause: error,
  });
}

export async function downloadSourceImage(
  url: string,
  options: {
    maxBytes: number;
    allowHttpHosts: readonly string[];
    fileName: string;
    signal?: AbortSignal;
    timeoutMs?: number;
  },
): Promise<SourceImage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const allowHttp = new Set(options.allowHttpHosts.map((host) => host.toLowerCase()));
  // One retry rides out a CDN blip; a member waiting on a broken link should hear so quickly.
  const http = createFalHttp({
    key: '',
    policy: {
      baseDelayMs: 250,
      maxDelayMs: 1_000,
      deadlineMs: timeoutMs,
      maxAttempts: 2,
      attemptTimeoutMs: timeoutMs,
      streamIdleMs: timeoutMs,
    },
  });
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  try {
    checkImageUrl(url, allowHttp);
  } catch (error) {
    throw new SourceImageError('unreachable', 'That link cannot be used: only https image links are.', {
      cause: error,
    });
  }
  let image: SourceBytes;
  try {
    image = await followSameOrigin<SourceBytes>(url, allowHttp, (next) =>
      http.send(
        {
          what: 'source image download',
          method: 'GET',
          url: next,
          headers: { 'user-agent': USER_AGENT, accept: 'image/*' },
          auth: false,
          manualRedirect: true,
        },
        (response) => readSource(response, options.maxBytes),
        signal,
      ),
    );
  } catch (error) {
    // The caller's own cancel is not the image's fault: it propagates as the FalError it is.
    if (options.signal?.aborted) throw error;
    throw toRefusal(error);
  }
  const sha256 = createHash('sha256').update(image.data).digest('hex');
  return { data: image.data, contentType: image.contentType, fileName: options.fileName, sha256 };
}
