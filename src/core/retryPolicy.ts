// One retry policy for every call to fal and every image download: which outcomes may be retried, how
// long to wait before the next attempt, and when to give up. Pure: the caller passes the clock and the
// random source, so the rules are tested without timers.

export interface RetryPolicy {
  /** Backoff ceiling before the second attempt; it doubles per attempt (full jitter picks 0..ceiling). */
  baseDelayMs: number;
  /** Cap on one backoff delay. A longer Retry-After is still honoured, within the deadline. */
  maxDelayMs: number;
  /**
   * No attempt starts after this long since the first one. One already started keeps its full
   * attemptTimeoutMs, so its real outcome is what gets reported; the worst case is the sum of both.
   */
  deadlineMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** One request, headers and body, may take this long before it counts as a timeout. */
  attemptTimeoutMs: number;
  /** A status stream silent this long is closed, checked with one poll and reopened. */
  streamIdleMs: number;
}

// Five attempts 300 ms apart doubling (full jitter) spend at most ~4.5 s waiting on plain 5xx/resets:
// long enough to ride out a blip or a runner restart, short enough that a member hears about an outage
// within seconds. The 60 s deadline only binds when fal asks for a long Retry-After.
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  baseDelayMs: 300,
  maxDelayMs: 8_000,
  deadlineMs: 60_000,
  maxAttempts: 5,
  attemptTimeoutMs: 20_000,
  streamIdleMs: 30_000,
};

export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * What one attempt ended with, as far as retrying is concerned. `unsent`: the connection was never made,
 * so the peer cannot have seen the request; `network` and `timeout` may come after it was sent.
 */
export type AttemptOutcome =
  | { kind: 'status'; status: number; headers?: HeaderSource }
  | { kind: 'unsent' }
  | { kind: 'network' }
  | { kind: 'timeout' };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not-retryable' | 'attempts' | 'deadline' };

// The same request would be refused again: bad input, bad key, unknown id, finished or refused run.
const NEVER_RETRIED = new Set([400, 401, 403, 404, 422]);
const RETRIED = new Set([408, 429, 500, 502, 503, 504]);
// A request that must not run twice (fal submit bills a job; fal documents no idempotency key) is
// re-sent only after an answer saying it was not taken: 408 (the server gave up reading it), 429 and
// 503 (refused before processing, RFC 9110 §15.5.9, §15.6.4; RFC 6585 §4), and 500 (fal's queue itself
// failing: fal bills no request that ends in a 5xx, docs "Reliability"). 502 and 504 come from a proxy
// that may have passed the request on and lost the answer: outcome unknown, never re-sent.
const RETRIED_UNTAKEN = new Set([408, 429, 500, 503]);

// Failures to connect at all: nothing was sent, so even a request that must not run twice is re-sent.
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

// Socket-level failures that a new connection can cure (Node's net errors and undici's own codes).
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function resolvePolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/** fal's `X-Fal-Retryable` (also documented as `X-Fal-Needs-Retry`): true, false, or no opinion. */
export function retryableHint(headers: HeaderSource | undefined): boolean | undefined {
  const value = (headers?.get('x-fal-retryable') ?? headers?.get('x-fal-needs-retry'))?.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

/** `idempotent: false` for a request that must not run twice: only outcomes that prove it did not run. */
export function isRetryable(outcome: AttemptOutcome, idempotent = true): boolean {
  if (outcome.kind === 'unsent') return true;
  if (outcome.kind !== 'status') return idempotent;
  if (NEVER_RETRIED.has(outcome.status)) return false;
  return retryableHint(outcome.headers) ?? (idempotent ? RETRIED : RETRIED_UNTAKEN).has(outcome.status);
}

/**
 * A request that must not run twice ended without saying whether the peer took it: a timeout or broken
 * connection after sending, or a 5xx the peer does not vouch for. It may have been billed.
 */
export function isOutcomeUnknown(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'network' || outcome.kind === 'timeout') return true;
  if (outcome.kind === 'unsent') return false;
  return (
    outcome.status >= 500 &&
    !RETRIED_UNTAKEN.has(outcome.status) &&
    retryableHint(outcome.headers) === undefined
  );
}

/** Retry-After as delta-seconds or an HTTP-date, in ms from `nowMs`; undefined when absent or garbled. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Every HTTP-date form names the weekday; V8's lax Date.parse would otherwise take "-1" for a year.
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): 0..min(max, base·2^(n-1)). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}

/**
 * After attempt number `attempt` (1-based) failed with `outcome`: wait `delayMs` and try again, or stop.
 * `startedAt` and `now` are wall-clock ms (Retry-After dates are wall-clock too).
 */
export function decideRetry(
  policy: RetryPolicy,
  outcome: AttemptOutcome,
  state: { attempt: number; startedAt: number; now: number; random: () => number; idempotent?: boolean },
): RetryDecision {
  if (!isRetryable(outcome, state.idempotent)) return { retry: false, reason: 'not-retryable' };
  if (state.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts' };
  const backoff = backoffDelay(policy, state.attempt, state.random);
  const retryAfter =
    outcome.kind === 'status' ? parseRetryAfter(outcome.headers?.get('retry-after'), state.now) : undefined;
  const delayMs = Math.max(backoff, retryAfter ?? 0);
  if (state.now + delayMs - state.startedAt >= policy.deadlineMs) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}

/** A thrown fetch error from failing to connect at all, before any byte of the request was sent. */
export function isConnectFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECT_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}

/** A thrown fetch error that a new connection may cure ("fetch failed", "terminated", socket codes). */
export function isNetworkError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (current.name === 'TypeError' && /^(fetch failed|terminated)$/.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
