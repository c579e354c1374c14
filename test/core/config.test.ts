import { expect, test } from 'vitest';
import { parseConfig } from '../../src/config.ts';

const base = { DISCORD_TOKEN: 'discord-token', FAL_KEY: 'fal-key' };

test('defaults fill every optional setting', () => {
  expect(parseConfig(base)).toEqual({
    ok: true,
    config: {
      discordToken: 'discord-token',
      falKey: 'fal-key',
      discordApiUrl: 'https://discord.com/api',
      falQueueUrl: 'https://queue.fal.run',
      databaseUrl: 'sqlite:./data/kontext-bot.sqlite',
      guildId: undefined,
      logLevel: 'info',
      falTimeoutMs: 300_000,
      falConcurrency: 4,
      queuePerMember: 3,
      shutdownGraceMs: 20_000,
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
])('a missing or bad variable is named in one line: %j', (env, expected) => {
  const result = parseConfig(env);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error).toContain(expected);
    expect(result.error).not.toContain('\n');
  }
});
