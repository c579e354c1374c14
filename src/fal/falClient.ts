// The bot's way to fal's queue API: a small typed client over fetch. Every call, and every image
// download, goes through one retry policy (src/core/retryPolicy.ts) applied once in falHttp.ts.
import { type FalKontextInput, textToImage } from '../core/endpoints/index.ts';
import { type RetryPolicy, resolvePolicy } from '../core/retryPolicy.ts';
import { MAX_JSON_BYTES, readJson } from './boundedBody.ts';
import { createDownloadSlots } from './downloadSlots.ts';
import { classifyFalError, FalError } from './falErrors.ts';
import { createFalHttp } from './falHttp.ts';
import {
  type FalKontextOutput,
  type FalQueueStatus,
  parseOutput,
  parseStatus,
  parseSubmitted,
} from './falOutput.ts';
import { type DownloadedImage, followSameOrigin, readImage } from './imageDownload.ts';
import { createRequestUrls } from './requestUrls.ts';
import { followStatus } from './statusStream.ts';

export type { FalImage, FalKontextOutput, FalQueueStatus } from './falOutput.ts';

export const KONTEXT_ENDPOINT = textToImage.id;
// Status, result and cancel live under the app id, without the endpoint's sub-path: every Kontext
// endpoint (text-to-image, kontext, kontext/max, …/multi) is under this one.
const KONTEXT_APP = 'fal-ai/flux-pro';

export interface FalGateway {
  /** `endpoint` is a fal endpoint id under fal-ai/flux-pro (src/core/endpoints); text-to-image if absent. */
  submit(
    input: FalKontextInput,
    endpoint?: string,
  ): Promise<{ requestId: string; queuePosition: number | undefined }>;
  /** Follows the request's status stream until COMPLETED; reports every status it sees. */
  waitForCompletion(
    requestId: string,
    onStatus: (status: FalQueueStatus) => void,
    signal: AbortSignal,
  ): Promise<void>;
  result(requestId: string): Promise<FalKontextOutput>;
  cancel(requestId: string): Promise<void>;
  /** Refuses (FalError) a non-https URL, a redirect elsewhere, a non-image, or more than `maxBytes`. */
  download(url: string, signal: AbortSignal, maxBytes?: number): Promise<DownloadedImage>;
}

// The default upload limit of a Discord channel: an image above it could not be posted anyway.
export const DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024;
// 8 × a 10 MiB cap bounds the bytes held by downloads at 80 MiB, whatever fal returns at once.
export const DOWNLOAD_CONCURRENCY = 8;

export function createFalGateway(options: {
  key: string;
  queueUrl: string;
  retry?: Partial<RetryPolicy>;
  /** host:port pairs whose images may be fetched over plain http (ALLOW_HTTP_HOSTS). */
  allowHttpHosts?: readonly string[];
  downloadConcurrency?: number;
}): FalGateway {
  const policy = resolvePolicy(options.retry);
  const http = createFalHttp({ key: options.key, policy });
  const base = options.queueUrl.replace(/\/+$/, '');
  const urls = createRequestUrls(base, KONTEXT_APP);
  const allowHttp = new Set((options.allowHttpHosts ?? []).map((host) => host.toLowerCase()));
  const downloads = createDownloadSlots(options.downloadConcurrency ?? DOWNLOAD_CONCURRENCY);
  const json = (response: Response): Promise<unknown> => readJson(response, 'fal', MAX_JSON_BYTES);
  // Whatever escapes (a parse error, a bug) still reaches the runner as a FalError.
  const wrap = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw classifyFalError(error, what);
    }
  };
  const get = (what: string, url: string, signal?: AbortSignal) =>
    http.send({ what, method: 'GET', url, auth: true }, json, signal);

  return {
    submit: (input, endpoint = KONTEXT_ENDPOINT) =>
      wrap('fal submit', async () => {
        if (!endpoint.startsWith(`${KONTEXT_APP}/`))
          throw new FalError('invalid', `not a Kontext endpoint: ${endpoint}`);
        const url = `${base}/${endpoint}`;
        const answer = await http.send(
          { what: 'fal submit', method: 'POST', url, json: input, auth: true, idempotent: false },
          json,
        );
        const submitted = parseSubmitted(answer);
        urls.remember(submitted.requestId, submitted);
        return { requestId: submitted.requestId, queuePosition: submitted.queuePosition };
      }),

    waitForCompletion: (requestId, onStatus, signal) =>
      wrap('fal status', () =>
        followStatus(
          {
            open: (streamSignal) =>
              http.send(
                {
                  what: 'fal status',
                  method: 'GET',
                  url: urls.stream(requestId),
                  accept: 'text/event-stream',
                  auth: true,
                },
                async (response) => response,
                streamSignal,
              ),
            poll: async (pollSignal) =>
              parseStatus(await get('fal status', urls.status(requestId), pollSignal)),
          },
          policy,
          Math.random,
          onStatus,
          signal,
        ),
      ),

    result: (requestId) =>
      wrap('fal result', async () => {
        const output = parseOutput(await get('fal result', urls.result(requestId)));
        urls.forget(requestId);
        return output;
      }),

    cancel: (requestId) =>
      wrap('fal cancel', async () => {
        await http.send(
          { what: 'fal cancel', method: 'PUT', url: urls.cancel(requestId), auth: true },
          async (response) => void (await response.body?.cancel()),
        );
      }),

    download: (url, signal, maxBytes = DEFAULT_MAX_IMAGE_BYTES) =>
      wrap('image download', () =>
        downloads.run(() =>
          followSameOrigin(url, allowHttp, (next) =>
            http.send(
              { what: 'image download', method: 'GET', url: next, auth: false, manualRedirect: true },
              (response) => readImage(response, maxBytes),
              signal,
            ),
          ),
        ),
      ),
  };
}
