// Every request to fal and to its image host goes through `send`, so the retry policy is applied once,
// in one place: per-attempt timeout, retry of retryable outcomes with backoff, a total deadline.
import {
  type AttemptOutcome,
  decideRetry,
  isConnectFailure,
  isNetworkError,
  isOutcomeUnknown,
  type RetryPolicy,
} from '../core/retryPolicy.ts';
import { abortedError, afterAttempts, classifyFalError, FalError } from './falErrors.ts';
import { FalHttpError, readErrorBody } from './falHttpError.ts';

export interface FalCall {
  /** Names the call in error messages: "fal submit", "image download". */
  what: string;
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  json?: unknown;
  /** A binary body instead of `json` (a storage upload), sent with `contentType`. */
  body?: Uint8Array;
  contentType?: string;
  /** Extra request headers (fal's `X-Fal-Object-Lifecycle`); never the key, which `auth` adds. */
  headers?: Record<string, string>;
  accept?: string;
  /** Send `Authorization: Key …`: to fal's queue only, never to the image host. */
  auth: boolean;
  /**
   * false for a call that must not run twice (submit bills a job): it is re-sent only when the failure
   * proves the peer did not take it, and an unknown outcome fails with kind `uncertain`.
   */
  idempotent?: boolean;
  /** Hand 3xx answers to `read` instead of following them, so the caller can check where they lead. */
  manualRedirect?: boolean;
}

/** Reads a 2xx answer inside the attempt, so a reset or stall mid-body is retried like any other. */
export type ReadAnswer<T> = (response: Response) => Promise<T>;

export interface FalHttp {
  send<T>(call: FalCall, read: ReadAnswer<T>, signal?: AbortSignal): Promise<T>;
}

// Marks the abort of an attempt by its own timer, as opposed to the caller's signal.
class AttemptTimedOut extends Error {
  override readonly name = 'AttemptTimedOut';
}

export function createFalHttp(options: { key: string; policy: RetryPolicy; random?: () => number }): FalHttp {
  const { policy } = options;
  const random = options.random ?? Math.random;

  async function attempt<T>(
    call: FalCall,
    read: ReadAnswer<T>,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<{ ok: true; value: T } | { ok: false; outcome: AttemptOutcome; error: unknown }> {
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new AttemptTimedOut()), timeoutMs);
    const headers: Record<string, string> = { ...call.headers };
    if (call.auth) headers.authorization = `Key ${options.key}`;
    if (call.accept) headers.accept = call.accept;
    if (call.json !== undefined) headers['content-type'] = 'application/json';
    if (call.body !== undefined && call.contentType) headers['content-type'] = call.contentType;
    try {
      const response = await fetch(call.url, {
        method: call.method,
        headers,
        ...(call.json === undefined ? {} : { body: JSON.stringify(call.json) }),
        ...(call.body === undefined ? {} : { body: call.body }),
        signal: signal ? AbortSignal.any([signal, timer.signal]) : timer.signal,
        ...(call.manualRedirect ? { redirect: 'manual' as const } : {}),
      });
      const redirect = call.manualRedirect === true && response.status >= 300 && response.status < 400;
      if (response.ok || redirect) return { ok: true, value: await read(response) };
      const error = new FalHttpError(
        call.what,
        response.status,
        await readErrorBody(response),
        response.headers,
      );
      return {
        ok: false,
        outcome: { kind: 'status', status: response.status, headers: response.headers },
        error,
      };
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal, call.what);
      if (timer.signal.aborted) {
        const late = new FalError('timeout', `${call.what} got no answer within ${timeoutMs} ms`);
        return { ok: false, outcome: { kind: 'timeout' }, error: late };
      }
      if (isConnectFailure(error)) return { ok: false, outcome: { kind: 'unsent' }, error };
      if (isNetworkError(error)) return { ok: false, outcome: { kind: 'network' }, error };
      throw classifyFalError(error, call.what); // e.g. a 200 whose body is not what we expect
    } finally {
      clearTimeout(timeout);
    }
  }

  return {
    async send(call, read, signal) {
      const startedAt = Date.now();
      for (let number = 1; ; number++) {
        if (signal?.aborted) throw abortedError(signal, call.what);
        const result = await attempt(call, read, signal, policy.attemptTimeoutMs);
        if (result.ok) return result.value;
        const idempotent = call.idempotent ?? true;
        const decision = decideRetry(policy, result.outcome, {
          attempt: number,
          startedAt,
          now: Date.now(),
          random,
          idempotent,
        });
        if (!decision.retry) {
          const error = classifyFalError(result.error, call.what);
          if (!idempotent && isOutcomeUnknown(result.outcome)) throw uncertain(error, call.what, number);
          throw afterAttempts(error, number);
        }
        await sleep(decision.delayMs, signal);
      }
    },
  };
}

function uncertain(error: FalError, what: string, attempts: number): FalError {
  return new FalError(
    'uncertain',
    `${what}: outcome unknown after attempt ${attempts} (${error.message}); not sent again, but fal may ` +
      'have queued it and may bill it',
    { ...(error.status === undefined ? {} : { status: error.status }), cause: error },
  );
}

/** Waits `ms`, or less when the signal aborts (the caller checks it); leaves no timer or listener. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
