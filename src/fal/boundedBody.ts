// Reads a peer's answer without trusting its size: at most `maxBytes` are ever held, and the stream is
// cancelled as soon as that is reached, so a 768 MiB error page costs what we keep, not what it sends.
import { FalError } from './falErrors.ts';

/** Enough for any answer fal documents (a Kontext result is a few KB); only a broken peer gets near it. */
export const MAX_JSON_BYTES = 1024 * 1024;

export interface BoundedRead {
  bytes: Buffer;
  /** The body went on past `maxBytes`; `bytes` holds only the first `maxBytes`. */
  truncated: boolean;
}

async function readChunks(
  response: Response,
  maxBytes: number,
): Promise<{ chunks: Uint8Array[]; truncated: boolean }> {
  if (!response.body) return { chunks: [], truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      const room = maxBytes - size;
      if (chunk.value.byteLength > room) {
        chunks.push(chunk.value.subarray(0, room));
        return { chunks, truncated: true };
      }
      chunks.push(chunk.value);
      size += chunk.value.byteLength;
    }
    return { chunks, truncated: false };
  } finally {
    // Releases the socket at once rather than draining the rest of a huge body.
    reader.cancel().catch(() => undefined);
  }
}

export async function readBounded(response: Response, maxBytes: number): Promise<BoundedRead> {
  const { chunks, truncated } = await readChunks(response, maxBytes);
  return { bytes: Buffer.concat(chunks), truncated };
}

/**
 * The same read into a Blob: the chunks are copied once, into memory a multipart upload streams from
 * (a Buffer would be copied again into a Blob for every upload attempt).
 */
export async function readBoundedBlob(
  response: Response,
  maxBytes: number,
  type: string,
): Promise<{ blob: Blob; truncated: boolean }> {
  const { chunks, truncated } = await readChunks(response, maxBytes);
  return { blob: new Blob(chunks as Uint8Array<ArrayBuffer>[], { type }), truncated };
}

/** A 2xx JSON answer, refused (not retried) when it is larger than any real fal answer could be. */
export async function readJson(
  response: Response,
  what: string,
  maxBytes = MAX_JSON_BYTES,
): Promise<unknown> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(what, maxBytes);
  }
  const { bytes, truncated } = await readBounded(response, maxBytes);
  if (truncated) throw tooLarge(what, maxBytes);
  return JSON.parse(bytes.toString('utf8')) as unknown;
}

const tooLarge = (what: string, maxBytes: number): FalError =>
  new FalError('server', `${what} answer is larger than ${maxBytes} bytes: refused`);
