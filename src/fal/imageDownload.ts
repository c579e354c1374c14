// Reads a generated image's body, refusing anything over the limit before it fills memory.
import { FalError } from './falErrors.ts';

// Far above what fal sends (a 1024 px PNG is ~2 MB): only a broken or hostile answer reaches it.
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export async function readImage(
  response: Response,
  maxBytes = MAX_IMAGE_BYTES,
): Promise<{ data: Buffer; contentType: string }> {
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
  const tooLarge = (size: number) =>
    new FalError('server', `image download is too large (${size} bytes, limit ${maxBytes})`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(declared);
  }
  if (!response.body) return { data: Buffer.alloc(0), contentType };
  // The declared length may be missing or wrong: count what actually arrives.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(size);
    }
    chunks.push(chunk.value);
  }
  return { data: Buffer.concat(chunks), contentType };
}
