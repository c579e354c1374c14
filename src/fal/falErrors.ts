import { isNetworkError } from '../core/retryPolicy.ts';
import { FalHttpError } from './falHttpError.ts';

export type FalErrorKind =
  | 'auth'
  | 'invalid'
  | 'policy'
  | 'rate'
  | 'server'
  | 'timeout'
  | 'network'
  | 'canceled'
  /** A request that must not run twice may or may not have reached fal: it was not re-sent. */
  | 'uncertain';

/** A failure talking to fal, classified by what the member and the host should be told. */
export class FalError extends Error {
  override readonly name = 'FalError';
  readonly kind: FalErrorKind;
  readonly status: number | undefined;
  /** For 422s: which field was rejected and why, in fal's words. */
  readonly detail: string | undefined;

  constructor(
    kind: FalErrorKind,
    message: string,
    options: { status?: number; detail?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.detail = options.detail;
  }
}

interface DetailItem {
  loc?: unknown;
  msg?: unknown;
  type?: unknown;
}

/** fal answers `{ detail: [{ loc, msg, type }] }` for model errors, or `{ detail: "..." }`. */
export function describeDetail(body: unknown): { text: string | undefined; types: string[] } {
  const detail = (body as { detail?: unknown } | null | undefined)?.detail;
  if (typeof detail === 'string') return { text: detail, types: [] };
  if (!Array.isArray(detail)) return { text: undefined, types: [] };
  const items = detail as DetailItem[];
  const text = items
    .map((item) => {
      const loc = Array.isArray(item.loc) ? item.loc.filter((part) => part !== 'body').join('.') : '';
      const msg = typeof item.msg === 'string' ? item.msg : 'invalid';
      return loc ? `${loc}: ${msg}` : msg;
    })
    .join('; ');
  return { text, types: items.map((item) => String(item.type ?? '')) };
}

/**
 * Names a failure for the member and the host. `what` says which call failed ("fal submit", "image
 * download"). Messages never carry the key or request headers: only statuses and fal's own detail.
 */
export function classifyFalError(error: unknown, what = 'fal'): FalError {
  if (error instanceof FalError) return error;
  if (error instanceof FalHttpError) return classifyHttp(error);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new FalError('timeout', `${what} got no answer in time`, { cause: error });
  }
  if (isNetworkError(error)) {
    return new FalError('network', `${what} could not connect: ${networkReason(error)}`, { cause: error });
  }
  return new FalError('server', `${what} failed: ${message}`, { cause: error });
}

function classifyHttp(error: FalHttpError): FalError {
  const { status, what } = error;
  const { text, types } = describeDetail(error.body);
  const options = { status, cause: error };
  if (status === 401 || status === 403) return new FalError('auth', `${what}: fal rejected the key`, options);
  if (types.includes('content_policy_violation')) {
    return new FalError('policy', 'fal refused the prompt (content policy)', { ...options, detail: text });
  }
  if (status === 422) {
    return new FalError('invalid', `fal rejected the input: ${text ?? 'invalid input'}`, {
      ...options,
      detail: text,
    });
  }
  if (status === 429) return new FalError('rate', `${what}: fal is rate limiting the bot`, options);
  if (status === 408 || status === 504 || types.includes('generation_timeout')) {
    return new FalError('timeout', `${what}: fal timed out (${status})`, options);
  }
  // fal answers the result of a request cancelled before it finished with 400 and this detail.
  if (status === 400 && text === 'Request was cancelled') {
    return new FalError('canceled', 'the request was cancelled at fal', options);
  }
  const said = text ?? statusField(error.body);
  return new FalError('server', `${what} answered ${status}${said ? `: ${said}` : ''}`, options);
}

// fal's cancel answers `{ status: "ALREADY_COMPLETED" }` rather than a detail.
function statusField(body: unknown): string | undefined {
  const value = (body as { status?: unknown } | null | undefined)?.status;
  return typeof value === 'string' ? value : undefined;
}

// undici says "fetch failed" and keeps the useful part ("connect ECONNREFUSED …", "other side closed")
// in its cause.
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  let current: Error = error;
  while (current.cause instanceof Error) current = current.cause;
  return current.message;
}

/** Why a caller's signal stopped the work: its deadline (AbortSignal.timeout) or a cancel. */
export function abortedError(signal: AbortSignal, what: string): FalError {
  const reason: unknown = signal.reason;
  if (reason instanceof FalError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new FalError('timeout', `${what} ran out of time`, { cause: reason });
  }
  return new FalError('canceled', `${what} was cancelled`, { cause: reason });
}

/** Adds how hard we tried, for the host reading the log; the member sees only the kind. */
export function afterAttempts(error: FalError, attempts: number): FalError {
  if (attempts < 2) return error;
  const { status, detail, cause } = error;
  return new FalError(error.kind, `${error.message} (gave up after ${attempts} attempts)`, {
    status,
    detail,
    cause,
  });
}
