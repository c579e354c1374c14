// What an edit run does first: fetch each input URL and check it is an image, failing the run the way
// fal's model errors do (422, a `detail` entry whose loc names the field). Never leaves loopback: the
// emulator's own files and uploads are read in process, other loopback hosts (the Discord emulator's
// CDN) over plain HTTP, data: URIs decoded; any other host fails as undownloadable.
import { createHash } from 'node:crypto';
import { decodeImage } from './images.ts';
import type { FalInputImage } from './types.ts';

/** Per input file; fal states no limit for these endpoints, so this is the emulator's own. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export interface FetchedImage extends FalInputImage {
  width?: number;
  height?: number;
}

export type RunError = { status: number; body: unknown };

/** Bytes the emulator serves itself for a URL on its own origin, or undefined when it has none. */
export type OwnFiles = (path: string) => { data: Buffer; contentType: string } | undefined;

type Fetched = { ok: true; data: Buffer; contentType: string } | { ok: false; type: ErrorType };
type ErrorType = 'file_download_error' | 'file_too_large' | 'image_load_error';

const MESSAGES: Record<ErrorType, string> = {
  file_download_error: 'Failed to download the file. Please check if the file URL is accessible.',
  file_too_large: 'File size exceeds the maximum allowed size.',
  image_load_error:
    'Failed to load the image. Please ensure the image file is not corrupted and is in a supported format.',
};

function runError(type: ErrorType, loc: (string | number)[], input: string): RunError {
  const entry = {
    loc,
    msg: MESSAGES[type],
    type,
    url: `https://docs.fal.ai/errors#${type}`,
    input,
    ...(type === 'file_too_large' ? { ctx: { max_size: MAX_INPUT_BYTES } } : {}),
  };
  return { status: 422, body: { detail: [entry] } };
}

function fromDataUri(uri: string): Fetched {
  const comma = uri.indexOf(',');
  if (comma < 0) return { ok: false, type: 'file_download_error' };
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  const data = meta.endsWith(';base64')
    ? Buffer.from(payload, 'base64')
    : Buffer.from(decodeURIComponent(payload), 'latin1');
  return { ok: true, data, contentType: meta.split(';')[0] || 'text/plain' };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

async function overHttp(url: URL): Promise<Fetched> {
  if (!LOOPBACK.has(url.hostname)) return { ok: false, type: 'file_download_error' };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return { ok: false, type: 'file_download_error' };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > MAX_INPUT_BYTES) {
        await res.body.cancel().catch(() => undefined);
        return { ok: false, type: 'file_too_large' };
      }
      chunks.push(Buffer.from(chunk));
    }
    return { ok: true, data: Buffer.concat(chunks), contentType: res.headers.get('content-type') ?? '' };
  } catch {
    return { ok: false, type: 'file_download_error' };
  }
}

// JPEG and PNG are decoded fully; WebP and GIF (which fal also takes) are recognised by signature only.
function imageSize(data: Buffer): { width?: number; height?: number } | undefined {
  const ascii = (from: number, to: number): string => data.subarray(from, to).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return {};
  if (ascii(0, 4) === 'GIF8') return {};
  try {
    const { width, height } = decodeImage(data);
    return { width, height };
  } catch {
    return undefined;
  }
}

export async function fetchInputs(
  urls: string[],
  field: 'image_url' | 'image_urls',
  ownOrigin: string,
  own: OwnFiles,
): Promise<{ ok: true; images: FetchedImage[] } | { ok: false; error: RunError }> {
  const images: FetchedImage[] = [];
  for (const [index, url] of urls.entries()) {
    const loc = field === 'image_url' ? ['body', field] : ['body', field, index];
    let fetched: Fetched;
    if (url.startsWith('data:')) fetched = fromDataUri(url);
    else {
      const parsed = new URL(url);
      const served = parsed.origin === ownOrigin ? own(parsed.pathname) : undefined;
      if (served) fetched = { ok: true, ...served };
      else if (parsed.origin === ownOrigin) fetched = { ok: false, type: 'file_download_error' };
      else fetched = await overHttp(parsed);
    }
    if (fetched.ok && fetched.data.length > MAX_INPUT_BYTES) fetched = { ok: false, type: 'file_too_large' };
    if (!fetched.ok) return { ok: false, error: runError(fetched.type, loc, url) };
    const size = imageSize(fetched.data);
    if (!size) return { ok: false, error: runError('image_load_error', loc, url) };
    images.push({
      url,
      sha256: createHash('sha256').update(fetched.data).digest('hex'),
      bytes: fetched.data.length,
      contentType: fetched.contentType,
      ...size,
    });
  }
  return { ok: true, images };
}
