import { expect, test } from 'vitest';
import { DEFAULT_HOST_MODERATION, parseConfig } from '../../src/config.ts';

const base = { DISCORD_TOKEN: 'discord-token', FAL_KEY: 'fal-key' };

test('defaults fill every optional setting', () => {
  expect(parseConfig(base)).toEqual({
    ok: true,
    config: {
      discordToken: 'discord-token',
      falKey: 'fal-key',
      discordApiUrl: 'https://discord.com/api',
      falQueueUrl: 'https://queue.fal.run',
      falRestUrl: 'https://rest.fal.ai',
      editMaxImageBytes: 10 * 1024 * 1024,
      databaseUrl: 'sqlite:./data/kontext-bot.sqlite',
      guildId: undefined,
      logLevel: 'info',
      falTimeoutMs: 300_000,
      falConcurrency: 4,
      allowHttpHosts: [],
      queuePerMember: 3,
      imageMemoryBytes: 48 * 1024 * 1024,
      shutdownGraceMs: 20_000,
      runJobs: true,
      sharding: undefined,
      metrics: undefined,
      workerId: undefined,
      moderation: DEFAULT_HOST_MODERATION,
    },
  });
});

test.each([
  [{ FAL_KEY: 'k' }, 'DISCORD_TOKEN: required'],
  [{ DISCORD_TOKEN: 't' }, 'FAL_KEY: required'],
  [{ ...base, DISCORD_TOKEN: '' }, 'DISCORD_TOKEN: required'],
  [{ ...base, FAL_QUEUE_URL: 'not a url' }, 'FAL_QUEUE_URL'],
  [{ ...base, DISCORD_GUILD_ID: 'abc' }, 'DISCORD_GUILD_ID'],
  [{ ...base, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  [{ ...base, PRICE_PER_IMAGE_USD: '0' }, 'PRICE_PER_IMAGE_USD'],
  [{ ...base, DEFAULT_SAFETY_LEVEL: '7' }, 'DEFAULT_SAFETY_LEVEL'],
  [{ ...base, MAX_SAFETY_LEVEL: 'high' }, 'MAX_SAFETY_LEVEL'],
  [{ ...base, DEFAULT_SAFETY_LEVEL: '5', MAX_SAFETY_LEVEL: '3' }, 'DEFAULT_SAFETY_LEVEL: must not be above'],
  [{ ...base, ALLOW_DMS: 'maybe' }, 'ALLOW_DMS'],
  [{ ...base, ALLOW_USER_INSTALLS: 'maybe' }, 'ALLOW_USER_INSTALLS'],
  [{ ...base, DEFAULT_MAX_COUNT: '5' }, 'DEFAULT_MAX_COUNT'],
  [{ ...base, DEFAULT_DAILY_PER_USER: '-1' }, 'DEFAULT_DAILY_PER_USER'],
  [{ ...base, DEFAULT_DAILY_BUDGET_USD: 'lots' }, 'DEFAULT_DAILY_BUDGET_USD'],
  [{ ...base, RUN_JOBS: 'false' }, 'RUN_JOBS: false needs a PostgreSQL DATABASE_URL'],
  [{ ...base, SHARD_IDS: '0,1' }, 'SHARD_IDS: needs SHARD_COUNT'],
  [{ ...base, SHARD_COUNT: '2', SHARD_IDS: '1,2' }, 'SHARD_IDS: every shard id must be below SHARD_COUNT'],
  [{ ...base, SHARD_COUNT: '2', SHARD_IDS: 'one' }, 'SHARD_IDS: must be shard numbers'],
  [{ ...base, SHARD_COUNT: '0' }, 'SHARD_COUNT'],
  [{ ...base, METRICS_PORT: '70000' }, 'METRICS_PORT'],
  [{ ...base, METRICS_PORT: '-1' }, 'METRICS_PORT'],
  [
    { ...base, ALLOW_HTTP_HOSTS: '127.0.0.1:8788,http://x/' },
    'ALLOW_HTTP_HOSTS: http://x/ is not a host:port',
  ],
])('a missing or bad variable is named in one line: %j', (env, expected) => {
  const result = parseConfig(env);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error).toContain(expected);
    expect(result.error).not.toContain('\n');
  }
});

test('the host sets prices, defaults for new servers, the maximum level and DMs', () => {
  const result = parseConfig({
    ...base,
    PRICE_PER_IMAGE_USD: '0.08',
    MAX_PRICE_PER_IMAGE_USD: '0.16',
    EDIT_MODEL: 'max',
    EDIT_MAX_SAFETY_LEVEL: '3',
    DEFAULT_SAFETY_LEVEL: '1',
    MAX_SAFETY_LEVEL: '4',
    ALLOW_DMS: 'true',
    ALLOW_USER_INSTALLS: 'false',
    DEFAULT_COOLDOWN_SECONDS: '30',
    DEFAULT_DAILY_PER_USER: '10',
    DEFAULT_DAILY_SERVER: '',
    DEFAULT_MAX_COUNT: '2',
    DEFAULT_DAILY_BUDGET_USD: '2.5',
  });
  expect(result.ok && result.config.moderation).toEqual({
    pricePerImageUsd: 0.08,
    maxPricePerImageUsd: 0.16,
    editModel: 'max',
    editMaxSafety: '3',
    defaultSafety: '1',
    maxSafety: '4',
    allowDms: true,
    allowUserInstalls: false,
    defaults: { cooldownSeconds: 30, dailyPerUser: 10, dailyServer: 0, maxCount: 2, dailyBudgetUsd: 2.5 },
  });
});

test('ALLOW_HTTP_HOSTS lists hosts the way URL.host spells them', () => {
  const parsed = parseConfig({ ...base, ALLOW_HTTP_HOSTS: ' 127.0.0.1:8788, Example.COM:80 ,' });
  expect(parsed.ok && parsed.config.allowHttpHosts).toEqual(['127.0.0.1:8788', 'example.com']);
});

test('a deployment on PostgreSQL names its shards, its metrics port and whether it runs jobs', () => {
  const result = parseConfig({
    ...base,
    DATABASE_URL: 'postgres://bot@db.internal:5432/kontext',
    RUN_JOBS: 'false',
    SHARD_COUNT: '4',
    SHARD_IDS: '3, 1,1',
    METRICS_PORT: '9464',
    WORKER_ID: 'gw-1',
  });
  expect(result.ok && result.config).toMatchObject({
    runJobs: false,
    sharding: { count: 4, ids: [1, 3] },
    metrics: { port: 9464, host: '127.0.0.1' },
    workerId: 'gw-1',
  });
  const allShards = parseConfig({ ...base, SHARD_COUNT: '3' });
  expect(allShards.ok && allShards.config.sharding).toEqual({ count: 3, ids: [0, 1, 2] });
});
