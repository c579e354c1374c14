// Puts a member's image on fal's storage so an edit endpoint can fetch it, by the protocol
// @fal-ai/client 1.10 uses: an authenticated initiate on the REST API hands back a signed upload_url and
// the public file_url; the bytes go to upload_url with no key (it is signed, and may be another host).
import { type RetryPolicy, resolvePolicy } from '../core/retryPolicy.ts';
import { MAX_JSON_BYTES, readJson } from './boundedBody.ts';
import { classifyFalError, FalError } from './falErrors.ts';
import { createFalHttp } from './falHttp.ts';

export const FAL_REST_URL_DEFAULT = 'https://rest.fal.ai';
// Reroll, "Same seed" and edit chains send the same file_url to fal again, days after the first edit;
// a week covers that without keeping members' images on fal's CDN for good.
export const UPLOAD_LIFETIME_SECONDS = 7 * 24 * 3600;

export interface FalStorage {
  /** Returns the file_url fal can fetch without auth. Throws FalError on failure. */
  upload(
    file: { data: Uint8Array; contentType: string; fileName: string },
    signal?: AbortSignal,
  ): Promise<string>;
}

interface Initiated {
  uploadUrl: string;
  fileUrl: string;
}

function httpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function parseInitiated(body: unknown): Initiated {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { upload_url: uploadUrl, file_url: fileUrl } = answer;
  if (!httpUrl(uploadUrl) || !httpUrl(fileUrl)) {
    throw new FalError('server', 'fal storage initiate answered without http(s) upload_url and file_url');
  }
  return { uploadUrl, fileUrl };
}

export function createFalStorage(options: {
  key: string;
  restUrl: string;
  retry?: Partial<RetryPolicy>;
}): FalStorage {
  const http = createFalHttp({ key: options.key, policy: resolvePolicy(options.retry) });
  const initiateUrl = `${options.restUrl.replace(/\/+$/, '')}/storage/upload/initiate?storage_type=fal-cdn-v3`;
  const lifecycle = JSON.stringify({ expiration_duration_seconds: UPLOAD_LIFETIME_SECONDS });

  return {
    async upload(file, signal) {
      try {
        // Both calls may run twice: a repeated initiate only issues another unused URL, and a repeated
        // PUT writes the same bytes to the same object.
        const initiated = parseInitiated(
          await http.send(
            {
              what: 'fal storage initiate',
              method: 'POST',
              url: initiateUrl,
              json: { content_type: file.contentType, file_name: file.fileName },
              headers: { 'X-Fal-Object-Lifecycle': lifecycle },
              auth: true,
            },
            (response) => readJson(response, 'fal storage initiate', MAX_JSON_BYTES),
            signal,
          ),
        );
        await http.send(
          {
            what: 'fal storage upload',
            method: 'PUT',
            url: initiated.uploadUrl,
            body: file.data,
            contentType: file.contentType,
            auth: false, // a signed URL: the key goes to restUrl only
          },
          async (response) => void (await response.body?.cancel()),
          signal,
        );
        return initiated.fileUrl;
      } catch (error) {
        throw classifyFalError(error, 'fal storage upload');
      }
    },
  };
}
