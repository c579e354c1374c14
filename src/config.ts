import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const schema = z.object({
  DISCORD_TOKEN: z.string('required').min(1, 'required'),
  FAL_KEY: z.string('required').min(1, 'required'),
  DISCORD_API_URL: z.preprocess(emptyAsUndefined, httpUrl.default('https://discord.com/api')),
  FAL_QUEUE_URL: z.preprocess(emptyAsUndefined, httpUrl.default('https://queue.fal.run')),
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
  FAL_CONCURRENCY: z.preprocess(
    emptyAsUndefined,
    z.coerce.number('must be a number').int('must be a whole number').min(1).max(10_000).default(4),
  ),
  QUEUE_PER_MEMBER: z.preprocess(
    emptyAsUndefined,
    z.coerce.number('must be a number').int('must be a whole number').min(1).max(1000).default(3),
  ),
  SHUTDOWN_GRACE_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number('must be a number').min(0).max(600).default(20),
  ),
});

export interface Config {
  discordToken: string;
  falKey: string;
  discordApiUrl: string;
  falQueueUrl: string;
  databaseUrl: string;
  guildId: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  falTimeoutMs: number;
  /** Generations in flight at fal at once; the rest wait in a fair queue. */
  falConcurrency: number;
  /** Generations one member may have waiting in that queue. */
  queuePerMember: number;
  shutdownGraceMs: number;
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
      databaseUrl: e.DATABASE_URL,
      guildId: e.DISCORD_GUILD_ID,
      logLevel: e.LOG_LEVEL,
      falTimeoutMs: e.FAL_TIMEOUT_SECONDS * 1000,
      falConcurrency: e.FAL_CONCURRENCY,
      queuePerMember: e.QUEUE_PER_MEMBER,
      shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    },
  };
}
