import type { HeaderSource } from '../core/retryPolicy.ts';
import { retryableHint } from '../core/retryPolicy.ts';
import { readBounded } from './boundedBody.ts';

/** A non-2xx answer from fal or the image host, kept raw until classifyFalError names it for people. */
export class FalHttpError extends Error {
  override readonly name = 'FalHttpError';
  /** What was being done, for messages: "fal submit", "image download". */
  readonly what: string;
  readonly status: number;
  /** The parsed JSON body, or its text (cut short) when it was not JSON. */
  readonly body: unknown;
  /** fal's X-Fal-Retryable, when it sent one. */
  readonly retryable: boolean | undefined;
  readonly headers: HeaderSource;

  constructor(what: string, status: number, body: unknown, headers: HeaderSource) {
    super(`${what} answered ${status}`);
    this.what = what;
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.retryable = retryableHint(headers);
  }
}

const MAX_ERROR_BODY = 4096;

/** Reads an error answer's body for its detail; a body that cannot be read is simply absent. */
export async function readErrorBody(response: Response): Promise<unknown> {
  try {
    // Only the start is ever kept, so only the start is read; the rest is never downloaded.
    const text = (await readBounded(response, MAX_ERROR_BODY)).bytes.toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text || undefined;
    }
  } catch {
    return undefined;
  }
}
