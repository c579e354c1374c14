// Gateway sharding as Discord defines it: a guild's events go to shard (guild_id >> 22) % num_shards,
// DMs to shard 0. https://discord.com/developers/docs/events/gateway#sharding
import type { EmulatorState } from './state.ts';

/** Discord's limit: a shard carrying more guilds than this must be split (close 4011 "Sharding required"). */
export const DEFAULT_MAX_GUILDS_PER_SHARD = 2500;
const DAY_MS = 24 * 60 * 60 * 1000;
const SESSION_STARTS_PER_DAY = 1000;
/** A timestamp part (ms since Discord's epoch, mid-2016) for the guild ids guildIdOnShard makes. */
const GUILD_ID_TIMESTAMP = 46_000_000_000n;

/** The shard a guild's events go to; null (a DM, no guild) is shard 0. */
export function shardOf(guildId: string | null | undefined, shardCount: number): number {
  if (guildId === null || guildId === undefined) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * A snowflake guild id that lands on `shardId` of `shardCount`; `index` gives further distinct ids on the
 * same shard. Its last digit is never 9, so the bot's role id (the guild id ending in 9) stays distinct.
 */
export function guildIdOnShard(shardId: number, shardCount: number, index = 0): string {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error(`bad shard count ${shardCount}`);
  if (!Number.isInteger(shardId) || shardId < 0 || shardId >= shardCount) {
    throw new Error(`shard ${shardId} is not one of ${shardCount}`);
  }
  const count = BigInt(shardCount);
  const timestamp =
    GUILD_ID_TIMESTAMP - (GUILD_ID_TIMESTAMP % count) + BigInt(shardId) + BigInt(index) * count;
  let low = 1n;
  while ((((timestamp << 22n) | low) % 10n).toString() === '9') low++;
  return ((timestamp << 22n) | low).toString();
}

/** What GET /gateway/bot announces and what the gateway accepts in IDENTIFY's `shard`. */
export class ShardingConfig {
  /** GET /gateway/bot `shards`: the count Discord recommends. */
  recommendedShards: number;
  /** session_start_limit.max_concurrency: identifies allowed per 5 s bucket (shard_id % max_concurrency). */
  maxConcurrency: number;
  /** An IDENTIFY whose shard would carry more guilds closes with 4011 "Sharding required". */
  maxGuildsPerShard: number;
  /** IDENTIFY with a num_shards other than a live session's closes with 4010 "Invalid shard". */
  strictShardCount: boolean;
  private readonly sessionStarts: number[] = [];

  constructor(options: GatewayShardingOptions = {}) {
    this.recommendedShards = options.recommendedShards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    this.maxGuildsPerShard = options.maxGuildsPerShard ?? DEFAULT_MAX_GUILDS_PER_SHARD;
    this.strictShardCount = options.strictShardCount ?? true;
  }

  /** Counts an accepted IDENTIFY against session_start_limit. */
  sessionStarted(): void {
    this.sessionStarts.push(Date.now());
  }

  gatewayBot(state: EmulatorState): Record<string, unknown> {
    const now = Date.now();
    while (this.sessionStarts.length > 0 && (this.sessionStarts[0] ?? 0) + DAY_MS <= now) {
      this.sessionStarts.shift();
    }
    const first = this.sessionStarts[0];
    return {
      url: state.gatewayUrl,
      shards: this.recommendedShards,
      session_start_limit: {
        total: SESSION_STARTS_PER_DAY,
        remaining: Math.max(0, SESSION_STARTS_PER_DAY - this.sessionStarts.length),
        reset_after: first === undefined ? 0 : first + DAY_MS - now,
        max_concurrency: this.maxConcurrency,
      },
    };
  }
}

export interface GatewayShardingOptions {
  /** GET /gateway/bot `shards` (default 1). */
  recommendedShards?: number;
  /**
   * session_start_limit.max_concurrency (default 1, as for most bots). discord.js waits 5 s between two
   * identifies in one bucket (shard_id % max_concurrency): give it the shard count to start shards at once.
   */
  maxConcurrency?: number;
  /** More guilds on one shard closes the IDENTIFY with 4011 "Sharding required" (default 2500, Discord's). */
  maxGuildsPerShard?: number;
  /** 4010 for an IDENTIFY whose num_shards differs from a connected session's (default true). */
  strictShardCount?: boolean;
}
