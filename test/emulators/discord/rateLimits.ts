// 429s as Discord and Cloudflare send them, and what the client did after each one.
// https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
import { createHash } from 'node:crypto';
import type { Reply } from './http.ts';
import type { RateLimitScope, RateLimitSpec, SentRateLimit } from './types.ts';

type Matcher = (method: string, route: string) => boolean;
type Spec = Extract<RateLimitSpec, { scope: RateLimitScope }>;

export interface IncomingRequest {
  method: string;
  route: string;
  receivedAt: number;
  /** Carries the bot token; Discord applies the global limit to the token, else to the IP. */
  authenticated: boolean;
  applicationId: string;
}

interface ActiveLimit {
  method: string;
  route: string;
  spec: Spec;
  until: number;
  authenticated: boolean;
}

interface Ban {
  match: Matcher;
  until: number;
}

/** Above this many 429s on one route within a second, the client is retrying without waiting. */
const HOT_LOOP_PER_SECOND = 20;

/**
 * Bucket hashes do not include top-level resources (ids, webhook tokens), so every interaction's
 * @original shares one, as on Discord.
 */
function bucketHash(method: string, route: string): string {
  const shape = route
    .replace(/^\/webhooks\/(\d+)\/[^/]+/, '/webhooks/$1/:token')
    .replace(/\/interactions\/\d+\/[^/]+/, '/interactions/:id/:token')
    .replace(/\d{17,20}/g, ':id');
  return createHash('md5').update(`${method} ${shape}`).digest('hex');
}

/** Interaction endpoints are not bound by the bot's global limit (docs: Global Rate Limit). */
function isInteractionEndpoint(route: string, applicationId: string): boolean {
  return route.startsWith('/interactions/') || route.startsWith(`/webhooks/${applicationId}/`);
}

function secondsText(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function discordAnswer(method: string, route: string, ms: number, spec: Spec): Reply {
  const { scope } = spec;
  const limit = spec.limit ?? 5;
  const headers: Record<string, string> = {
    // Discord rounds the header up to whole seconds; the body and X-RateLimit-Reset-After are exact.
    'retry-after': String(Math.ceil(ms / 1000)),
    'x-ratelimit-scope': scope,
  };
  if (scope === 'global') headers['x-ratelimit-global'] = 'true';
  else {
    headers['x-ratelimit-limit'] = String(limit);
    // A shared (per-resource) limit leaves the bot's own bucket as it was, as in Discord's example.
    headers['x-ratelimit-remaining'] = scope === 'shared' ? String(limit - 1) : '0';
    headers['x-ratelimit-reset'] = secondsText(Date.now() + ms);
    headers['x-ratelimit-reset-after'] = secondsText(ms);
    headers['x-ratelimit-bucket'] = bucketHash(method, route);
  }
  const body: Record<string, unknown> = {
    message: scope === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.',
    retry_after: Number(secondsText(ms)),
    global: scope === 'global',
  };
  if (spec.code !== undefined) body.code = spec.code;
  return { status: 429, body, headers };
}

const CLOUDFLARE_PAGE = Buffer.from(
  '<!DOCTYPE html><html><head><title>Access denied | discord.com used Cloudflare to restrict access</title>' +
    '</head><body><h1>Error 1015</h1><h2>You are being rate limited</h2></body></html>',
);

/** Cloudflare's own 429 in front of Discord: an HTML page, no Retry-After, no X-RateLimit headers. */
function cloudflareAnswer(): Reply {
  return {
    status: 429,
    raw: CLOUDFLARE_PAGE,
    headers: { 'content-type': 'text/html; charset=UTF-8', server: 'cloudflare', 'cf-ray': 'emulator-LHR' },
  };
}

export class RateLimits {
  /** Every 429 this emulator sent, in order. */
  readonly sent: SentRateLimit[] = [];
  private readonly pending: { match: Matcher; spec: RateLimitSpec }[] = [];
  private active: ActiveLimit[] = [];
  private readonly bans: Ban[] = [];
  private readonly hits = new Map<string, number>();
  private readonly recent429s = new Map<string, number[]>();
  private readonly hotLoops = new Set<string>();

  next(match: Matcher, spec: RateLimitSpec): void {
    this.pending.push({ match, spec });
  }

  /** Requests that reached the route so far (answered or refused). */
  count(method: string, route: string): number {
    return this.hits.get(`${method} ${route}`) ?? 0;
  }

  /**
   * Answers a 429 when one is due, and adds to `warnings` what a real Discord would count against the
   * bot: a retry before retry_after elapsed, or a hot loop.
   */
  answer(request: IncomingRequest, warnings: string[]): Reply | undefined {
    const key = `${request.method} ${request.route}`;
    this.hits.set(key, (this.hits.get(key) ?? 0) + 1);
    const reply = this.decide(request, warnings);
    if (reply) this.watchForHotLoop(key, request.receivedAt, warnings);
    return reply;
  }

  private decide(request: IncomingRequest, warnings: string[]): Reply | undefined {
    const { method, route, receivedAt } = request;
    this.active = this.active.filter((limit) => limit.until > receivedAt);
    const early = this.active.find((limit) => this.binds(limit, request));
    if (early) {
      warnings.push(
        `retried before retry_after: ${Math.round(early.until - receivedAt)} ms early after a ${early.spec.scope} 429 on ${early.method} ${early.route}`,
      );
      // Discord answers such a retry with another 429 for the time that is left.
      return this.sendDiscord(request, early.until - receivedAt, early.spec);
    }
    const ban = this.bans.find((b) => receivedAt < b.until && b.match(method, route));
    if (ban) return this.sendCloudflare(request);
    const at = this.pending.findIndex((p) => p.match(method, route));
    if (at < 0) return undefined;
    const [{ match, spec }] = this.pending.splice(at, 1) as [{ match: Matcher; spec: RateLimitSpec }];
    if (spec.cloudflare) {
      this.bans.push({ match, until: receivedAt + spec.forMs });
      return this.sendCloudflare(request);
    }
    return this.sendDiscord(request, spec.retryAfterMs, spec);
  }

  private binds(limit: ActiveLimit, request: IncomingRequest): boolean {
    if (limit.method === request.method && limit.route === request.route) return true;
    return (
      limit.spec.scope === 'global' &&
      limit.authenticated === request.authenticated &&
      !isInteractionEndpoint(request.route, request.applicationId)
    );
  }

  private sendDiscord(request: IncomingRequest, ms: number, spec: Spec): Reply {
    const { method, route, authenticated } = request;
    const sentAt = performance.now();
    const retryAfterMs = Math.max(1, Math.round(ms));
    this.sent.push({ method, route, scope: spec.scope, sentAt, retryAfterMs });
    this.active.push({ method, route, spec, until: sentAt + retryAfterMs, authenticated });
    return discordAnswer(method, route, retryAfterMs, spec);
  }

  private sendCloudflare(request: IncomingRequest): Reply {
    this.sent.push({
      method: request.method,
      route: request.route,
      scope: 'cloudflare',
      sentAt: performance.now(),
    });
    return cloudflareAnswer();
  }

  private watchForHotLoop(key: string, at: number, warnings: string[]): void {
    const times = (this.recent429s.get(key) ?? []).filter((t) => at - t < 1000);
    times.push(at);
    this.recent429s.set(key, times);
    if (times.length > HOT_LOOP_PER_SECOND && !this.hotLoops.has(key)) {
      this.hotLoops.add(key);
      warnings.push(`hot loop: ${times.length} requests answered 429 within one second`);
    }
  }
}
