// Discord's CDN: attachment bytes behind signed URLs (ex, is, hm) that expire, like cdn.discordapp.com.
// https://discord.com/developers/docs/reference#signed-attachment-cdn-urls
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Reply, RouteContext } from './http.ts';

const LIFETIME_S = 24 * 60 * 60;
/** What a naive download sends (Node's fetch says "node"); hosts that refuse bots look for these. */
const BOT_LIKE = /bot|crawl|spider|curl|wget|python|node|undici|axios|go-http|java|okhttp|libwww/i;

export interface CdnOptions {
  /**
   * Answer 403 to a download without a User-Agent or with a bot-like one, as some hosts (and Cloudflare
   * in front of them) do; off by default because Discord's own CDN serves such clients.
   */
  refuseBotUserAgents?: boolean;
}

export class Cdn {
  private secret = randomBytes(32);
  private readonly baseUrl: () => string;
  readonly options: CdnOptions;

  constructor(baseUrl: () => string, options: CdnOptions = {}) {
    this.baseUrl = baseUrl;
    this.options = options;
  }

  /** `kind` is 'attachments/{channel}' or 'ephemeral-attachments/{application}'. */
  url(kind: string, id: string, filename: string): string {
    const issued = Math.floor(Date.now() / 1000);
    const ex = (issued + LIFETIME_S).toString(16);
    const is = issued.toString(16);
    const path = `/${kind}/${id}/${encodeURIComponent(filename)}`;
    return `${this.baseUrl()}${path}?ex=${ex}&is=${is}&hm=${this.mac(id, filename, ex, is)}&`;
  }

  /** The media proxy serves the same signed file under /media (media.discordapp.net). */
  proxyUrl(url: string): string {
    const base = this.baseUrl();
    return `${base}/media${url.slice(base.length)}`;
  }

  /** Every URL issued so far stops working, as when Discord's signatures run out. */
  expireAll(): void {
    this.secret = randomBytes(32);
  }

  valid(id: string, filename: string, query: Record<string, string>): boolean {
    const { ex, is, hm } = query;
    if (!ex || !is || !hm || Number.parseInt(ex, 16) * 1000 < Date.now()) return false;
    const expected = Buffer.from(this.mac(id, filename, ex, is));
    const given = Buffer.from(hm);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(id: string, filename: string, ex: string, is: string): string {
    return createHmac('sha256', this.secret).update(`${id}/${filename}:${ex}:${is}`).digest('hex');
  }
}

const text = (status: number, body: string): Reply => ({
  status,
  raw: Buffer.from(body),
  headers: { 'content-type': 'text/plain; charset=utf-8' },
});

/** Attachment URLs point here; like the CDN, no authorization is needed, but the signature is. */
export function attachment(ctx: RouteContext): Reply {
  const { state, params, query, headers } = ctx;
  const id = params.attachment ?? '';
  const file = state.messages.files.get(id);
  // Discord's CDN answers an unknown, unsigned or expired URL alike.
  if (!file || file.filename !== params.filename || !state.cdn.valid(id, file.filename, query)) {
    return text(404, 'This content is no longer available.');
  }
  const agent = headers['user-agent'];
  if (state.cdn.options.refuseBotUserAgents && (!agent || BOT_LIKE.test(agent))) {
    return text(403, 'Forbidden');
  }
  return { status: 200, raw: file.data, headers: { 'content-type': file.contentType } };
}
