// Everything the emulator knows: guilds, channels, users, interactions, commands, recorded requests.
import { randomBytes } from 'node:crypto';
import { Cdn } from './cdn.ts';
import { MessageStore } from './messages.ts';
import { RateLimits } from './rateLimits.ts';
import { ShardingConfig } from './sharding.ts';
import type {
  DiscordEmulatorOptions,
  EmulatedMessage,
  FailureSpec,
  RecordedRequest,
  RoleSpec,
  StallSpec,
  UserSpec,
} from './types.ts';
import { botUserJson, userJson } from './users.ts';

export interface ChannelInfo {
  id: string;
  /** 0 a server's text channel, 1 the bot's DM with a user, 3 a group DM between members. */
  type: 0 | 1 | 3;
  guildId: string | null;
  name: string;
  nsfw: boolean;
  appPermissions?: bigint;
  recipientId?: string;
  /** The bot cannot see it (a server it is not in, a group DM): bot-token REST gets 403 50001. */
  botAbsent?: boolean;
}

export interface GuildInfo {
  id: string;
  name: string;
  channels: ChannelInfo[];
  roles: RoleSpec[];
  botMember: boolean;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Record<string, unknown>;
  sentAt: number;
  channelId: string;
  guildId: string | null;
  user: Record<string, unknown>;
  attachmentSizeLimit: number;
  /** The message a component (or modal opened from one) sits on. */
  sourceMessageId?: string;
  acknowledged: boolean;
  callbackType?: number;
  originalMessageId?: string;
  /** A type-5 defer whose loading message the first follow-up replaces. */
  deferPending: boolean;
  expired: boolean;
  modal?: unknown;
  /** Messages this interaction's webhook may address by id (original and follow-ups). */
  messageIds: Set<string>;
  /** A member's own install where the bot is not: Discord allows 5 follow-ups. */
  interactionOnly: boolean;
  /** Follow-ups accepted so far. */
  followUps: number;
  forceEphemeral: boolean;
}

/** Where a dispatch goes: the shard of guildId; null is a DM (shard 0). */
export interface DispatchTarget {
  guildId?: string | null;
}

interface RequestWaiter {
  predicate: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
  reject: (e: Error) => void;
}

const DISCORD_EPOCH = 1420070400000n;
export const DEFAULT_GUILD_ID = '100000000000000001';
export const DEFAULT_USER: Required<Omit<UserSpec, 'bot'>> = { id: '300000000000000001', username: 'member' };
export const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

export class EmulatorState {
  readonly token: string;
  readonly applicationId = '400000000000000001';
  readonly botUserId = '400000000000000001';
  readonly guilds: GuildInfo[];
  readonly channels = new Map<string, ChannelInfo>();
  readonly dmByUser = new Map<string, string>();
  readonly users = new Map<string, Record<string, unknown>>();
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly failures: { match: (method: string, route: string) => boolean; response: FailureSpec }[] = [];
  /** Requests handled as usual whose answer is then held back (delayMs) or never sent (socket reset). */
  readonly stalls: { match: (method: string, route: string) => boolean; stall: StallSpec }[] = [];
  readonly rateLimits = new RateLimits();
  readonly commands = new Map<string, Record<string, unknown>[]>();
  commandWrites = 0;
  readonly interactions = new Map<string, InteractionRecord>();
  readonly byToken = new Map<string, InteractionRecord>();
  readonly modalsByCustomId = new Map<string, unknown>();
  readonly messages: MessageStore;
  readonly cdn: Cdn;
  readonly sharding: ShardingConfig;
  baseUrl = '';
  gatewayUrl = '';
  /**
   * Sends a gateway dispatch to the session of the guild's shard (target.guildId, else data.guild_id;
   * none or null: shard 0); wired to the gateway by index.ts.
   */
  dispatch: (event: string, data: unknown, target?: DispatchTarget) => void = () => {
    throw new Error('Discord emulator: gateway not started');
  };
  private lastId = 0n;
  private waiters = new Set<RequestWaiter>();

  constructor(options: DiscordEmulatorOptions) {
    this.token = options.token ?? 'emulator-bot-token';
    const specs = options.guilds ?? [
      {
        id: DEFAULT_GUILD_ID,
        channels: [{ id: '200000000000000001' }, { id: '200000000000000002', name: 'nsfw', nsfw: true }],
      },
    ];
    this.guilds = specs.map((g, gi) => ({
      id: g.id,
      name: g.name ?? `Guild ${gi + 1}`,
      roles: g.roles ?? [],
      botMember: g.botMember ?? true,
      channels: (g.channels ?? []).map((c, ci) => ({
        id: c.id,
        type: 0 as const,
        guildId: g.id,
        name: c.name ?? (ci === 0 ? 'general' : `channel-${ci + 1}`),
        nsfw: c.nsfw ?? false,
        ...(c.appPermissions === undefined ? {} : { appPermissions: c.appPermissions }),
        ...(g.botMember === false ? { botAbsent: true } : {}),
      })),
    }));
    for (const channel of this.guilds.flatMap((g) => g.channels)) this.channels.set(channel.id, channel);
    for (const id of options.privateChannels ?? []) {
      this.channels.set(id, { id, type: 3, guildId: null, name: '', nsfw: false, botAbsent: true });
    }
    this.users.set(this.botUserId, this.botUser());
    this.sharding = new ShardingConfig(options.gateway);
    this.cdn = new Cdn(() => this.baseUrl, options.cdn);
    this.messages = new MessageStore(this);
  }

  /** Snowflake-shaped, strictly increasing ids, so creation order and timestamps look real. */
  nextId(): string {
    const fromClock = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    this.lastId = fromClock > this.lastId ? fromClock : this.lastId + 1n;
    return this.lastId.toString();
  }

  newToken(): string {
    return `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
  }

  botUser(): Record<string, unknown> {
    return botUserJson(this.botUserId);
  }

  /** Remembers the user so later REST lookups (GET /users/{id}, DMs) find it. */
  user(spec: UserSpec): Record<string, unknown> {
    const user = userJson(spec);
    this.users.set(spec.id, user);
    return user;
  }

  dmChannel(userId: string, channelId?: string): ChannelInfo {
    const existing = this.dmByUser.get(userId);
    const found = existing === undefined ? undefined : this.channels.get(existing);
    if (found && (channelId === undefined || channelId === found.id)) return found;
    const channel: ChannelInfo = {
      id: channelId ?? this.nextId(),
      type: 1,
      guildId: null,
      name: '',
      nsfw: false,
      recipientId: userId,
    };
    this.channels.set(channel.id, channel);
    this.dmByUser.set(userId, channel.id);
    return channel;
  }

  record(request: RecordedRequest): void {
    this.requests.push(request);
    for (const waiter of this.waiters) {
      if (waiter.predicate(request)) {
        this.waiters.delete(waiter);
        waiter.resolve(request);
      }
    }
  }

  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    const past = this.requests.find(predicate);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const waiter: RequestWaiter = {
        predicate,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.requests.slice(-15).map((r) => `${r.method} ${r.route} -> ${r.status}`);
        reject(
          new Error(`waitForRequest timed out after ${timeoutMs} ms; recent: ${recent.join(', ') || 'none'}`),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** On close: pending waits fail now instead of holding a timer open. */
  rejectWaiters(): void {
    for (const waiter of this.waiters) waiter.reject(new Error('Discord emulator closed'));
    this.waiters.clear();
  }

  originalMessage(token: string): EmulatedMessage | undefined {
    const record = this.byToken.get(token);
    return record?.originalMessageId === undefined ? undefined : this.messages.get(record.originalMessageId);
  }
}
