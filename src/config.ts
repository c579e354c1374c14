import { z } from 'zod';
import type { ModelTier } from './core/endpoints/index.ts';
import { SAFETY_LEVELS, type SafetyLevel } from './core/imagineOptions.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  // Credentials in a URL end up in logs and error messages; the message must not echo them either.
  .refine((u) => !URL.canParse(u) || (new URL(u).username === '' && new URL(u).password === ''), {
    error: 'must not contain credentials (user:password@): remove them from the URL',
  })
  .transform((u) => u.replace(/\/+$/, ''));
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema);
const wholeNumber = (min: number, max: number) =>
  z.coerce.number('must be a number').int('must be a whole number').min(min).max(max);
const level = z.enum(SAFETY_LEVELS, 'must be a level from 1 to 6');
// host or host:port, written the way URL.host spells it (lower case, default port dropped), so the
// check against an image URL is one exact comparison.
const hostList = z.string().transform((value, ctx) => {
  const hosts: string[] = [];
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const host = URL.canParse(`http://${entry}`) ? new URL(`http://${entry}`) : undefined;
    if (
      !host ||
      host.host === '' ||
      `${host.username}${host.password}${host.search}${host.hash}` !== '' ||
      host.pathname !== '/'
    ) {
      ctx.addIssue({ code: 'custom', message: `${entry.slice(0, 60)} is not a host:port` });
      return z.NEVER;
    }
    hosts.push(host.host);
  }
  return hosts;
});

const shardList = z.string().transform((value, ctx) => {
  const ids = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (ids.length === 0 || ids.some((id) => !/^\d{1,5}$/.test(id))) {
    ctx.addIssue({ code: 'custom', message: 'must be shard numbers separated by commas, e.g. 0,1' });
    return z.NEVER;
  }
  return [...new Set(ids.map(Number))].sort((a, b) => a - b);
});

// Images held at once (downloaded, waiting for Discord). Each held image costs about twice its size
// while it uploads, and Node's heap grows under a burst of interactions: a 500-request burst of 4 PNGs
// peaked at 394–406 MB with 64 MB (npm run bench); 48 leaves a margin under 400 MB, inside a 512 MB host,
// and 32 delivered that burst as fast, so the budget is not what limits it.
export const DEFAULT_IMAGE_MEMORY_MB = 48;

/** What the host decides for every server: prices, defaults for new servers, and hard caps. */
export interface HostModeration {
  /** Per image of a [pro] model (text-to-image and pro edits). */
  pricePerImageUsd: number;
  /** Per image of a [max] model. */
  maxPricePerImageUsd: number;
  /** Which tier runs image edits. */
  editModel: ModelTier;
  /** No request with input images is sent more permissive than this, whatever the server chose. */
  editMaxSafety: SafetyLevel;
  defaultSafety: SafetyLevel;
  /** No server may choose a more permissive safety level than this. */
  maxSafety: SafetyLevel;
  allowDms: boolean;
  /** Members may install the app to their account and use it where the bot is not (ALLOW_USER_INSTALLS). */
  allowUserInstalls: boolean;
  defaults: {
    cooldownSeconds: number;
    /** 0 means no limit, here and for the other daily figures. */
    dailyPerUser: number;
    dailyServer: number;
    maxCount: number;
    dailyBudgetUsd: number;
  };
}

export const DEFAULT_HOST_MODERATION: HostModeration = {
  // fal's listed price for FLUX.1 Kontext [pro] text-to-image.
  pricePerImageUsd: 0.04,
  maxPricePerImageUsd: 0.08,
  editModel: 'pro',
  // Replicate documents 2 as the most permissive level with input images; fal documents none.
  editMaxSafety: '2',
  defaultSafety: '2',
  maxSafety: '6',
  allowDms: false,
  allowUserInstalls: true,
  defaults: { cooldownSeconds: 0, dailyPerUser: 25, dailyServer: 0, maxCount: 4, dailyBudgetUsd: 5 },
};
const hostDefaults = DEFAULT_HOST_MODERATION.defaults;

const schema = z
  .object({
    DISCORD_TOKEN: z.string('required').min(1, 'required'),
    FAL_KEY: z.string('required').min(1, 'required'),
    DISCORD_API_URL: z.preprocess(emptyAsUndefined, httpUrl.default('https://discord.com/api')),
    FAL_QUEUE_URL: z.preprocess(emptyAsUndefined, httpUrl.default('https://queue.fal.run')),
    FAL_REST_URL: z.preprocess(emptyAsUndefined, httpUrl.default('https://rest.fal.ai')),
    DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().default('sqlite:./data/kontext-bot.sqlite')),
    DISCORD_GUILD_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
    LOG_LEVEL: z.preprocess(
      emptyAsUndefined,
      z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`).default('info'),
    ),
    FAL_TIMEOUT_SECONDS: z.preprocess(
      emptyAsUndefined,
      z.coerce.number('must be a number').int('must be a whole number').min(10).max(3600).default(300),
    ),
    FAL_CONCURRENCY: optional(wholeNumber(1, 10_000).default(4)),
    ALLOW_HTTP_HOSTS: optional(hostList.default([])),
    QUEUE_PER_MEMBER: optional(wholeNumber(1, 1000).default(3)),
    MAX_IMAGE_MEMORY_MB: optional(wholeNumber(8, 65_536).default(DEFAULT_IMAGE_MEMORY_MB)),
    SHUTDOWN_GRACE_SECONDS: optional(z.coerce.number('must be a number').min(0).max(600).default(20)),
    PRICE_PER_IMAGE_USD: optional(
      z.coerce
        .number('must be a number')
        .positive('must be more than 0')
        .max(10)
        .default(DEFAULT_HOST_MODERATION.pricePerImageUsd),
    ),
    MAX_PRICE_PER_IMAGE_USD: optional(
      z.coerce
        .number('must be a number')
        .positive('must be more than 0')
        .max(10)
        .default(DEFAULT_HOST_MODERATION.maxPricePerImageUsd),
    ),
    EDIT_MODEL: optional(
      z.enum(['pro', 'max'], 'must be pro or max').default(DEFAULT_HOST_MODERATION.editModel),
    ),
    EDIT_MAX_SAFETY_LEVEL: optional(level.default(DEFAULT_HOST_MODERATION.editMaxSafety)),
    EDIT_MAX_IMAGE_MB: optional(z.coerce.number('must be a number').min(1).max(50).default(10)),
    DEFAULT_SAFETY_LEVEL: optional(level.default(DEFAULT_HOST_MODERATION.defaultSafety)),
    MAX_SAFETY_LEVEL: optional(level.default(DEFAULT_HOST_MODERATION.maxSafety)),
    ALLOW_DMS: optional(z.stringbool('must be true or false').default(DEFAULT_HOST_MODERATION.allowDms)),
    ALLOW_USER_INSTALLS: optional(
      z.stringbool('must be true or false').default(DEFAULT_HOST_MODERATION.allowUserInstalls),
    ),
    DEFAULT_COOLDOWN_SECONDS: optional(wholeNumber(0, 86_400).default(hostDefaults.cooldownSeconds)),
    DEFAULT_DAILY_PER_USER: optional(wholeNumber(0, 100_000).default(hostDefaults.dailyPerUser)),
    DEFAULT_DAILY_SERVER: optional(wholeNumber(0, 1_000_000).default(hostDefaults.dailyServer)),
    DEFAULT_MAX_COUNT: optional(wholeNumber(1, 4).default(hostDefaults.maxCount)),
    RUN_JOBS: optional(z.stringbool('must be true or false').default(true)),
    SHARD_COUNT: optional(wholeNumber(1, 65_536).optional()),
    SHARD_IDS: optional(shardList.optional()),
    METRICS_PORT: optional(wholeNumber(0, 65_535).optional()),
    METRICS_HOST: optional(z.string().min(1).default('127.0.0.1')),
    WORKER_ID: optional(z.string().min(1).max(100).optional()),
    DEFAULT_DAILY_BUDGET_USD: optional(
      z.coerce.number('must be a number').min(0).max(100_000).default(hostDefaults.dailyBudgetUsd),
    ),
  })
  .refine((env) => Number(env.DEFAULT_SAFETY_LEVEL) <= Number(env.MAX_SAFETY_LEVEL), {
    path: ['DEFAULT_SAFETY_LEVEL'],
    message: 'must not be above MAX_SAFETY_LEVEL',
  })
  .refine((env) => env.SHARD_IDS === undefined || env.SHARD_COUNT !== undefined, {
    path: ['SHARD_IDS'],
    message: 'needs SHARD_COUNT (how many shards there are in all)',
  })
  .refine((env) => (env.SHARD_IDS ?? []).every((id) => id < (env.SHARD_COUNT ?? 1)), {
    path: ['SHARD_IDS'],
    message: 'every shard id must be below SHARD_COUNT',
  })
  .refine((env) => env.RUN_JOBS || isPostgresUrl(env.DATABASE_URL), {
    path: ['RUN_JOBS'],
    message: 'false needs a PostgreSQL DATABASE_URL shared with workers (`npm run worker`)',
  });

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

export interface Config {
  discordToken: string;
  falKey: string;
  discordApiUrl: string;
  falQueueUrl: string;
  /** fal's REST API (storage uploads for edit sources). */
  falRestUrl: string;
  /** The largest source image an edit accepts, in bytes (EDIT_MAX_IMAGE_MB). */
  editMaxImageBytes: number;
  databaseUrl: string;
  guildId: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  falTimeoutMs: number;
  /** Generations in flight at fal at once; the rest wait in a fair queue. */
  falConcurrency: number;
  /** host:port pairs whose images may be downloaded over plain http (everything else must be https). */
  allowHttpHosts: string[];
  /** Generations one member may have waiting in that queue. */
  queuePerMember: number;
  /** Bytes of images the bot holds at once (MAX_IMAGE_MEMORY_MB). */
  imageMemoryBytes: number;
  shutdownGraceMs: number;
  /** false: a gateway that leaves every job to workers (PostgreSQL only). */
  runJobs: boolean;
  /** undefined: one gateway connection for every server (no sharding). */
  sharding: { count: number; ids: number[] } | undefined;
  /** Where /livez, /readyz and /metrics are served; undefined: not served. */
  metrics: { port: number; host: string } | undefined;
  /** Names this process in job leases and logs (default host:pid). */
  workerId: string | undefined;
  moderation: HostModeration;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

/** Parses the environment once; the error names the variable in one readable line. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') ?? 'config'}: ${issue?.message ?? 'invalid'}` };
  }
  const e = result.data;
  return {
    ok: true,
    config: {
      discordToken: e.DISCORD_TOKEN,
      falKey: e.FAL_KEY,
      discordApiUrl: e.DISCORD_API_URL,
      falQueueUrl: e.FAL_QUEUE_URL,
      falRestUrl: e.FAL_REST_URL,
      editMaxImageBytes: Math.round(e.EDIT_MAX_IMAGE_MB * 1024 * 1024),
      databaseUrl: e.DATABASE_URL,
      guildId: e.DISCORD_GUILD_ID,
      logLevel: e.LOG_LEVEL,
      falTimeoutMs: e.FAL_TIMEOUT_SECONDS * 1000,
      falConcurrency: e.FAL_CONCURRENCY,
      allowHttpHosts: e.ALLOW_HTTP_HOSTS,
      queuePerMember: e.QUEUE_PER_MEMBER,
      imageMemoryBytes: e.MAX_IMAGE_MEMORY_MB * 1024 * 1024,
      shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
      runJobs: e.RUN_JOBS,
      sharding:
        e.SHARD_COUNT === undefined
          ? undefined
          : {
              count: e.SHARD_COUNT,
              ids: e.SHARD_IDS ?? Array.from({ length: e.SHARD_COUNT }, (_, id) => id),
            },
      metrics: e.METRICS_PORT === undefined ? undefined : { port: e.METRICS_PORT, host: e.METRICS_HOST },
      workerId: e.WORKER_ID,
      moderation: {
        pricePerImageUsd: e.PRICE_PER_IMAGE_USD,
        maxPricePerImageUsd: e.MAX_PRICE_PER_IMAGE_USD,
        editModel: e.EDIT_MODEL,
        editMaxSafety: e.EDIT_MAX_SAFETY_LEVEL,
        defaultSafety: e.DEFAULT_SAFETY_LEVEL,
        maxSafety: e.MAX_SAFETY_LEVEL,
        allowDms: e.ALLOW_DMS,
        allowUserInstalls: e.ALLOW_USER_INSTALLS,
        defaults: {
          cooldownSeconds: e.DEFAULT_COOLDOWN_SECONDS,
          dailyPerUser: e.DEFAULT_DAILY_PER_USER,
          dailyServer: e.DEFAULT_DAILY_SERVER,
          maxCount: e.DEFAULT_MAX_COUNT,
          dailyBudgetUsd: e.DEFAULT_DAILY_BUDGET_USD,
        },
      },
    },
  };
}
