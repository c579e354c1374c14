import { DefaultRestOptions, REST, type RESTOptions, type ResponseLike } from '@discordjs/rest';
import { type Logger, maskTokens } from '../logger.ts';

export interface RestClients {
  /** For discord.js's Client (`rest:`): bot-authenticated routes and the gateway lookup. */
  clientRest: Partial<RESTOptions>;
  /** For routes addressed by an interaction token: edit original, follow-ups. */
  interactionRest: REST;
}

/** 1 s, 2 s, 4 s … a minute: far under Discord's 10,000 invalid requests per 10 minutes. */
const FIRST_WAIT_MS = 1000;
const LONGEST_WAIT_MS = 60_000;

/**
 * @discordjs/rest 2.6 waits only as long as a 429's headers say. Cloudflare's 429 (an HTML page, no
 * Retry-After, no X-RateLimit-*) therefore makes it retry at once, forever: over a thousand uploads a
 * second against the emulator, each one counted towards an IP ban. Such an answer is given a Retry-After
 * here, doubling while they keep coming. One streak for both clients: Cloudflare limits the IP, not a route.
 */
class HeaderlessBackoff {
  private streak = 0;

  /** Milliseconds to wait, with up to a quarter more so queued requests do not all come back at once. */
  next(): number {
    const ms = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** this.streak);
    this.streak++;
    return Math.round(ms * (1 + Math.random() / 4));
  }

  reset(): void {
    this.streak = 0;
  }
}

/** Interaction tokens are credentials: logged routes carry their shape only. */
function routeShape(url: string): string {
  return maskTokens(new URL(url).pathname);
}

/**
 * @discordjs/rest's default of 15 s fails a 4 × 10 MiB upload on anything under ~22 Mbit/s; 180 s fits
 * it at ~1.9 Mbit/s up. A token still has minutes left then, and delivery probes before re-sending.
 */
export const REST_TIMEOUT_MS = 180_000;

/**
 * A message-creating POST that timed out or lost its connection may have been accepted: Discord could
 * hold the message already. @discordjs/rest re-sends on AbortError and ECONNRESET (its `retries`, 3),
 * (and on a 5xx), which would post up to four copies, and fails other resets outright; this error is one it does not
 * retry, so the caller can look first.
 */
export class OutcomeUnknownError extends Error {
  override readonly name = 'OutcomeUnknownError';
}

const CREATES_MESSAGE = [/\/channels\/\d+\/messages$/, /\/webhooks\/\d+\/[^/]+$/];
const createsMessage = (url: string, method: string | undefined) =>
  method === 'POST' && CREATES_MESSAGE.some((pattern) => pattern.test(new URL(url).pathname));
// undici reports a socket closed before the answer as UND_ERR_SOCKET ("other side closed").
const RESET_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);
const isTimeoutOrReset = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'AbortError' ||
    RESET_CODES.has(String((error as { code?: unknown }).code)) ||
    error.message.includes('ECONNRESET'));

function withRetryAfter(res: ResponseLike, waitMs: number): ResponseLike {
  const headers = new Headers(res.headers);
  headers.set('retry-after', String(waitMs / 1000));
  return {
    body: res.body,
    arrayBuffer: () => res.arrayBuffer(),
    json: () => res.json(),
    text: () => res.text(),
    get bodyUsed() {
      return res.bodyUsed;
    },
    headers,
    ok: res.ok,
    status: res.status,
    statusText: res.statusText,
  };
}

function makeRequestFor(backoff: HeaderlessBackoff, logger: Logger): RESTOptions['makeRequest'] {
  return async (url, init) => {
    let res: ResponseLike;
    try {
      res = await DefaultRestOptions.makeRequest(url, init);
    } catch (error) {
      if (!createsMessage(url, init.method) || !isTimeoutOrReset(error)) throw error;
      throw new OutcomeUnknownError(`${init.method} ${routeShape(url)}: no answer, the message may exist`, {
        cause: error,
      });
    }
    // A 5xx (often 502/504 from Discord's edge) does not say whether the message was created either,
    // and @discordjs/rest would re-send it too.
    if (res.status >= 500 && createsMessage(url, init.method)) {
      await res.arrayBuffer().catch(() => undefined);
      throw new OutcomeUnknownError(
        `${init.method} ${routeShape(url)}: answered ${res.status}, the message may exist`,
      );
    }
    if (res.status !== 429) {
      backoff.reset();
      return res;
    }
    const route = routeShape(url);
    const retryAfter = res.headers.get('retry-after');
    if (retryAfter !== null) {
      backoff.reset();
      const scope = res.headers.get('x-ratelimit-scope');
      logger.warn({ route, scope, retryAfterS: Number(retryAfter) }, 'Discord rate limited a request');
      return res;
    }
    const waitMs = backoff.next();
    logger.warn({ route, waitMs }, 'Discord answered 429 without Retry-After (Cloudflare); backing off');
    return withRetryAfter(res, waitMs);
  };
}

export function createRestClients(
  api: string,
  logger: Logger,
  options: { timeoutMs?: number } = {},
): RestClients {
  const makeRequest = makeRequestFor(new HeaderlessBackoff(), logger);
  const timeout = options.timeoutMs ?? REST_TIMEOUT_MS;
  return {
    clientRest: { api, makeRequest, timeout },
    // Routes addressed by an interaction token have their own per-token buckets and are not bound by
    // Discord's global limit, but @discordjs/rest counts them against its 50/s global counter; a
    // separate client without that counter keeps 200 simultaneous deliveries from queueing for seconds.
    // Per-route buckets and any 429 Discord sends are still honoured by this client.
    interactionRest: new REST({
      api,
      makeRequest,
      timeout,
      globalRequestsPerSecond: Number.POSITIVE_INFINITY,
    }),
  };
}
