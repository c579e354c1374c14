// Public types of the Discord emulator; index.ts re-exports them.
import type { CdnOptions } from './cdn.ts';
import type { GatewayShardingOptions } from './sharding.ts';

export type { CdnOptions, GatewayShardingOptions };

export interface ChannelSpec {
  id: string;
  name?: string;
  nsfw?: boolean;
  /** The bot's permissions in this channel (sent as a member overwrite, enforced on channel routes). */
  appPermissions?: bigint;
}

export interface RoleSpec {
  id: string;
  name?: string;
}

export interface GuildSpec {
  id: string;
  name?: string;
  channels?: ChannelSpec[];
  /** Roles besides @everyone and the bot's, so members can carry them (discord.js drops unknown ones). */
  roles?: RoleSpec[];
  /**
   * false: a server the bot is not in (only members' own installs reach it): absent from READY and
   * GUILD_CREATE, and bot-token REST on it or its channels answers 403 50001 Missing Access.
   */
  botMember?: boolean;
}

export interface DiscordEmulatorOptions {
  port?: number;
  token?: string;
  guilds?: GuildSpec[];
  cdn?: CdnOptions;
  /** GET /gateway/bot's recommended shards and identify limits, and how IDENTIFY's `shard` is checked. */
  gateway?: GatewayShardingOptions;
  /** Group DMs between members (context 2), without the bot: interactions there need `install: 'user'`. */
  privateChannels?: string[];
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  route: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  json: unknown;
  files: RecordedFile[];
  status: number;
  receivedAt: number;
}

export interface UserSpec {
  id: string;
  username?: string;
  /** Another bot (e.g. one that posts pictures). */
  bot?: boolean;
}

/** Bytes a test hands the emulator as if a member (or another app) had uploaded them. */
export interface FileSpec {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface PostedMessage {
  author: UserSpec;
  content?: string;
  files?: FileSpec[];
  embeds?: unknown[];
}

export interface InteractionContext {
  user?: UserSpec;
  guildId?: string | null;
  channelId?: string;
  nsfw?: boolean;
  memberPermissions?: bigint;
  roles?: string[];
  appPermissions?: bigint;
  attachmentSizeLimit?: number;
  locale?: string;
  /** The server's language (`guild_locale`, `guild.locale`); default en-US. */
  guildLocale?: string;
  /**
   * Which install authorizes the interaction: 'guild' (default; authorizing_integration_owners "0") or
   * 'user', a member's own install ({ "1": user id }). Where the bot is not (botMember: false, a private
   * channel), a user install may send at most 5 follow-ups within the token's 15 minutes.
   */
  install?: 'guild' | 'user';
  /** Discord makes the reply ephemeral whatever the app asked (as it may where the bot is not). */
  forceEphemeral?: boolean;
}

export interface AutocompleteChoice {
  name: string;
  value: string | number;
  name_localizations?: Record<string, string> | null;
}

export interface SentInteraction {
  id: string;
  token: string;
  sentAt: number;
  /**
   * Resolves with the first callback request received for this interaction, whatever its status
   * (check `status`); rejects after timeoutMs (default 10 s).
   */
  callback(timeoutMs?: number): Promise<RecordedRequest>;
}

export interface EmulatedAttachment {
  id: string;
  filename: string;
  size: number;
  content_type?: string;
  url: string;
  [key: string]: unknown;
}

export interface EmulatedMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: EmulatedAttachment[];
  flags: number;
  [key: string]: unknown;
}

export interface SlashOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: SlashOption[];
  /** The option being typed in an autocomplete interaction. */
  focused?: boolean;
}

/** The request takes effect, then its answer comes `delayMs` late, or the socket is reset instead. */
export type StallSpec = { delayMs: number } | 'reset';

export interface FailureSpec {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** X-RateLimit-Scope: the bot's own bucket, the resource's (shared by everyone), or the bot's global limit. */
export type RateLimitScope = 'user' | 'shared' | 'global';

export type RateLimitSpec =
  | {
      cloudflare?: false;
      scope: RateLimitScope;
      /** Sent as retry_after (seconds, float) and, rounded up to whole seconds, as Retry-After. */
      retryAfterMs: number;
      /** X-RateLimit-Limit (default 5). */
      limit?: number;
      /** Some limits carry a JSON error code, e.g. 40062 "Service resource is being rate limited." */
      code?: number;
    }
  | {
      /** Cloudflare's 429: HTML body, no Retry-After, no X-RateLimit headers, for every matching request. */
      cloudflare: true;
      /** How long the ban lasts from the first matching request. */
      forMs: number;
    };

export interface SentRateLimit {
  method: string;
  route: string;
  scope: RateLimitScope | 'cloudflare';
  /** performance.now() when the 429 was sent (same clock as RecordedRequest.receivedAt). */
  sentAt: number;
  /** What the answer told the client to wait (absent for Cloudflare's). */
  retryAfterMs?: number;
}

export type GatewayEventKind =
  | 'connect'
  | 'identify'
  | 'ready'
  | 'resume'
  | 'resumed'
  | 'reconnect'
  | 'invalid-session'
  | 'close'
  | 'dispatch';

export interface GatewayEvent {
  kind: GatewayEventKind;
  /** performance.now(), the clock of RecordedRequest.receivedAt. */
  at: number;
  sessionId?: string;
  /** The session's [shard_id, num_shards] ([0, 1] unsharded), where a session is known. */
  shard?: [number, number];
  /** dispatch: the event name (t), the guild it was routed by (null: shard 0), and whether it was sent now
   * (false: it waits in the session's log for a RESUME). */
  event?: string;
  guildId?: string | null;
  delivered?: boolean;
  /** connect: the path the socket was opened on ('/' for the gateway URL, '/resume' for resume_gateway_url). */
  path?: string;
  /** resume: the seq the client sent; resumed: how many dispatches were replayed. */
  seq?: number;
  replayed?: number;
  /** invalid-session: the d flag. */
  resumable?: boolean;
  /** close: the close code, and whether the client or the emulator closed. */
  code?: number;
  by?: 'client' | 'server';
}

export interface DiscordEmulator {
  /** Base for discord.js `rest: { api }` (it appends /v10), e.g. http://127.0.0.1:PORT/api. */
  readonly apiUrl: string;
  /** What GET /gateway/bot announces, e.g. ws://127.0.0.1:PORT. */
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  /** Every request, in the order answered. */
  readonly requests: RecordedRequest[];
  /** 'METHOD /route: what was wrong' for every broken Discord limit, late callback or unknown route. */
  readonly violations: string[];
  /** Registered commands, global or of one guild, as Discord stores them (with id, version, ...). */
  commands(guildId?: string): unknown[];
  /** Successful command writes: bulk PUTs, POSTs, PATCHes and DELETEs. */
  readonly commandWrites: number;
  /**
   * Resolves once a session has identified (or resumed) and its socket is open: for that shard, or
   * without one for every shard of `shardCount` (unsharded: the one session).
   */
  waitForConnection(shardId?: number): Promise<void>;
  /**
   * num_shards of the latest IDENTIFY or RESUME (1 before any, and for an IDENTIFY without `shard`);
   * dispatches go to shard (guild_id >> 22) % shardCount, DMs to shard 0.
   */
  readonly shardCount: number;
  /** Shard ids, ascending, that have an open session now. */
  connectedShards(): number[];
  /** The shard a guild's events go to (null: a DM, shard 0), over shardCount unless given. */
  shardFor(guildId: string | null, shardCount?: number): number;
  /** What GET /gateway/bot answers from now on: `shards`, and max_concurrency if given. */
  recommendShards(shards: number, maxConcurrency?: number): void;
  /** An ATTACHMENT option (type 11) takes the id of an ephemeralAttachment as its value. */
  slashCommand(name: string, options?: SlashOption[], ctx?: InteractionContext): SentInteraction;
  /** An autocomplete interaction (type 4) for command `name`: one of `options` has `focused: true`. */
  autocomplete(name: string, options: SlashOption[], ctx?: InteractionContext): SentInteraction;
  /** The choices the bot answered an autocomplete interaction with (callback type 8), if it did. */
  autocompleteChoices(token: string): AutocompleteChoice[] | undefined;
  /**
   * A message context-menu command (type 3) on `target`: data.target_id and data.resolved.messages carry
   * the message with its attachments. Runs in the message's channel unless ctx says otherwise.
   */
  messageCommand(name: string, target: EmulatedMessage, ctx?: InteractionContext): SentInteraction;
  /** Stores a message from anyone (not dispatched: MESSAGE_CREATE needs intents the bot does not use). */
  postMessage(channelId: string, message: PostedMessage): EmulatedMessage;
  /** A file a member picked for an attachment option or a modal file upload, served on the CDN. */
  ephemeralAttachment(file: FileSpec): EmulatedAttachment;
  /** Every attachment URL issued so far answers 404 from now on, as when Discord's signatures expire. */
  expireAttachmentUrls(): void;
  button(customId: string, message: EmulatedMessage, ctx?: InteractionContext): SentInteraction;
  /**
   * Text for a text input, chosen values for a string select, ephemeralAttachment ids for a file upload;
   * the layout follows the modal the bot last showed with that custom_id.
   */
  modalSubmit(
    customId: string,
    fields: Record<string, string | readonly string[]>,
    ctx?: InteractionContext & { message?: EmulatedMessage },
  ): SentInteraction;
  /** First past or future request matching; rejects after timeoutMs (10 s) listing recent routes. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  originalMessage(interactionToken: string): EmulatedMessage | undefined;
  message(id: string): EmulatedMessage | undefined;
  channelMessages(channelId: string): EmulatedMessage[];
  lastModal(interactionToken: string): unknown;
  /** From now on that token's callback answers 404 (10062) and its webhook routes 401 (50027). */
  expireToken(interactionToken: string): void;
  /** The next request matching gets this answer instead (before auth and routing). */
  failNext(match: (method: string, route: string) => boolean, response: FailureSpec): void;
  /** The next request matching is handled (a message is created) but its answer is late or never comes. */
  stallNext(match: (method: string, route: string) => boolean, stall: StallSpec): void;
  /**
   * The next request matching gets a 429 shaped as Discord (or Cloudflare) sends it. A request the
   * limit binds that arrives before retry_after elapsed is a violation and gets another 429; so are
   * more than 20 answered 429 on one route within a second (a hot loop).
   */
  rateLimitNext(match: (method: string, route: string) => boolean, spec: RateLimitSpec): void;
  /** Every 429 rateLimitNext caused, in order. */
  readonly rateLimits: readonly SentRateLimit[];
  /** How many requests reached this exact method and route (whatever the answer). */
  requestCount(method: string, route: string): number;
  /**
   * Kills gateway sockets without a close frame (all, or that shard's session's); dispatches queue up
   * and replay on RESUME.
   */
  dropConnections(shardId?: number): void;
  /**
   * Sends op 7 RECONNECT to every shard's open session, or that shard's; dispatches queue for a RESUME,
   * and the socket is closed 5 s later if still open. Throws if there is no such open session.
   */
  sendReconnect(shardId?: number): void;
  /**
   * Sends op 9 INVALID_SESSION (to every shard's open session, or that shard's). Resumable (d: true):
   * dispatches queue for a RESUME. Not resumable: the session is gone, a RESUME of it gets op 9 false,
   * and the client must IDENTIFY again.
   */
  invalidateSession(resumable: boolean, shardId?: number): void;
  /**
   * What happened on the gateway: connections, IDENTIFY / RESUME, op 7 / op 9 sent, closes, and every
   * dispatch (kind 'dispatch', with its event and the session's shard).
   */
  readonly gatewayEvents: readonly GatewayEvent[];
  /** First past or future gateway event matching; rejects after timeoutMs (10 s). */
  waitForGatewayEvent(predicate: (e: GatewayEvent) => boolean, timeoutMs?: number): Promise<GatewayEvent>;
  /** Bytes of a stored attachment, by attachment id (same as downloading its url). */
  attachmentData(attachmentId: string): Buffer | undefined;
  close(): Promise<void>;
}
