import { checkImageUrl } from './imageDownload.ts';

const PROBE_TIMEOUT_MS = 5000;

/**
 * Whether a URL still answers 2xx to a HEAD without credentials, as fal's fetch of it would. Any doubt
 * (a refused scheme, a timeout, a 404 after fal dropped the file) is a no: the caller has a fallback.
 */
export async function isFetchable(
  url: string,
  allowHttpHosts: readonly string[],
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    checkImageUrl(url, new Set(allowHttpHosts));
    const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
    const response = await fetch(url, {
      method: 'HEAD',
      redirect: 'follow',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok;
  } catch {
    return false;
  }
}
