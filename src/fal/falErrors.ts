import { ApiError } from '@fal-ai/client';

export type FalErrorKind =
  | 'auth'
  | 'invalid'
  | 'policy'
  | 'rate'
  | 'server'
  | 'timeout'
  | 'network'
  | 'canceled';

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

export function classifyFalError(error: unknown): FalError {
  if (error instanceof FalError) return error;
  if (error instanceof ApiError) {
    const status = error.status;
    const { text, types } = describeDetail(error.body);
    if (status === 401 || status === 403)
      return new FalError('auth', 'fal rejected the key', { status, cause: error });
    if (types.includes('content_policy_violation')) {
      return new FalError('policy', 'fal refused the prompt (content policy)', {
        status,
        detail: text,
        cause: error,
      });
    }
    if (status === 422)
      return new FalError('invalid', `fal rejected the input: ${text}`, {
        status,
        detail: text,
        cause: error,
      });
    if (status === 429) return new FalError('rate', 'fal is rate limiting the bot', { status, cause: error });
    if (status === 408 || status === 504 || types.includes('generation_timeout')) {
      return new FalError('timeout', 'fal timed out', { status, cause: error });
    }
    return new FalError('server', `fal answered ${status}${text ? `: ${text}` : ''}`, {
      status,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new FalError('timeout', `fal did not answer in time: ${message}`, { cause: error });
  }
  return new FalError('network', `could not reach fal: ${message}`, { cause: error });
}
