// The bot's way to fal's queue API: a small typed client over fetch. Every call, and every image
// download, goes through one retry policy (src/core/retryPolicy.ts) applied once in falHttp.ts.
import type { FalKontextInput } from '../core/imagineOptions.ts';
import { type RetryPolicy, resolvePolicy } from '../core/retryPolicy.ts';
import { classifyFalError } from './falErrors.ts';
import { createFalHttp } from './falHttp.ts';
import {
  type FalKontextOutput,
  type FalQueueStatus,
  parseOutput,
  parseStatus,
  parseSubmitted,
} from './falOutput.ts';
import { readImage } from './imageDownload.ts';
import { createRequestUrls } from './requestUrls.ts';
import { followStatus } from './statusStream.ts';

export type { FalImage, FalKontextOutput, FalQueueStatus } from './falOutput.ts';

export const KONTEXT_ENDPOINT = 'fal-ai/flux-pro/kontext/text-to-image';
// Status, result and cancel live under the app id, without the endpoint's sub-path.
const KONTEXT_APP = 'fal-ai/flux-pro';

export interface FalGateway {
  submit(input: FalKontextInput): Promise<{ requestId: string; queuePosition: number | undefined }>;
  /** Follows the request's status stream until COMPLETED; reports every status it sees. */
  waitForCompletion(
    requestId: string,
    onStatus: (status: FalQueueStatus) => void,
    signal: AbortSignal,
  ): Promise<void>;
  result(requestId: string): Promise<FalKontextOutput>;
  cancel(requestId: string): Promise<void>;
  download(url: string, signal: AbortSignal): Promise<{ data: Buffer; contentType: string }>;
}

export function createFalGateway(options: {
  key: string;
  queueUrl: string;
  retry?: Partial<RetryPolicy>;
}): FalGateway {
  const policy = resolvePolicy(options.retry);
  const http = createFalHttp({ key: options.key, policy });
  const base = options.queueUrl.replace(/\/+$/, '');
  const urls = createRequestUrls(base, KONTEXT_APP);
  const json = (response: Response): Promise<unknown> => response.json();
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
    submit: (input) =>
      wrap('fal submit', async () => {
        const url = `${base}/${KONTEXT_ENDPOINT}`;
        const answer = await http.send(
          { what: 'fal submit', method: 'POST', url, json: input, auth: true },
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

    download: (url, signal) =>
      wrap('image download', () =>
        http.send({ what: 'image download', method: 'GET', url, auth: false }, (r) => readImage(r), signal),
      ),
  };
}
