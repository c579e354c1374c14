// Fetches a generated image from a URL fal returned, trusting nothing about it: https only (plain http
// only for hosts the host named, e.g. loopback emulators), redirects followed on the same origin only,
// an image/* content type, and at most `maxBytes` read, so a hostile or broken answer cannot fill memory.
import { readBoundedBlob } from './boundedBody.ts';
import { FalError } from './falErrors.ts';

// A URL that redirects further than this is not an image host behaving normally.
const MAX_REDIRECTS = 3;

export interface DownloadedImage {
  /** Held as a Blob: uploads stream from it without copying it again. */
  data: Blob;
  contentType: string;
}

export type ImageAnswer<T = DownloadedImage> = { redirect: string } | T;

const refused = (why: string): FalError => new FalError('server', `image download refused: ${why}`);

/** The one refusal that concerns a single image: the result goes out without it, with a notice. */
export class ImageTooLargeError extends FalError {
  constructor(message: string) {
    super('server', `image download refused: ${message}`);
  }
}

/** Throws a FalError unless the URL may be fetched: https, or http to a host:port in `allowHttpHosts`. */
export function checkImageUrl(url: string, allowHttpHosts: ReadonlySet<string>): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused('not a URL');
  }
  if (parsed.username || parsed.password) throw refused('the URL carries credentials');
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && allowHttpHosts.has(parsed.host)) return parsed;
  throw refused(`${parsed.protocol}//${parsed.host} is not https (ALLOW_HTTP_HOSTS names plain-http hosts)`);
}

/** Follows `fetchOnce` through same-origin redirects; another origin is refused, never fetched. */
export async function followSameOrigin<T extends object = DownloadedImage>(
  url: string,
  allowHttpHosts: ReadonlySet<string>,
  fetchOnce: (url: string) => Promise<ImageAnswer<T>>,
): Promise<T> {
  const origin = checkImageUrl(url, allowHttpHosts).origin;
  let current = url;
  for (let hops = 0; ; hops++) {
    const answer = await fetchOnce(current);
    if (!('redirect' in answer)) return answer;
    if (hops >= MAX_REDIRECTS) throw refused(`more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(answer.redirect, current);
    if (next.origin !== origin) throw refused(`redirect to another origin (${next.origin})`);
    current = checkImageUrl(next.toString(), allowHttpHosts).toString();
  }
}

export async function readImage(response: Response, maxBytes: number): Promise<ImageAnswer> {
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    if (!location) throw refused(`${response.status} without a Location`);
    return { redirect: location };
  }
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const tooLarge = (size: string) =>
    new ImageTooLargeError(
      `the image is larger than the channel's upload limit (${size} bytes, limit ${maxBytes})`,
    );
  if (!contentType.startsWith('image/')) {
    await response.body?.cancel().catch(() => undefined);
    throw refused(`content type ${contentType.slice(0, 60) || 'missing'} is not an image`);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(String(declared));
  }
  // The declared length may be missing or wrong: count what actually arrives.
  const { blob, truncated } = await readBoundedBlob(response, maxBytes, contentType);
  if (truncated) throw tooLarge(`over ${maxBytes}`);
  return { data: blob, contentType };
}
