import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { expectNoViolations, imagine, type Stack, startStack } from './harness.ts';
import { answer, asMember, channelId, falSubmits, generate, guildId, guilds } from './moderationDriver.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ discord: { guilds: guilds(3) } });
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

/** Rows as another version (or a hand edit) may have left them; the bot restarts to read them. */
async function storeRawSettings(rows: [guild: string, setting: string, valueJson: string][]): Promise<void> {
  await stack.restartBot(() => {
    const db = new DatabaseSync(stack.dbPath);
    const put =
      db.prepare(`INSERT OR REPLACE INTO guild_settings (guild_id, setting, value_json, updated_at, updated_by)
      VALUES (?, ?, ?, 0, 'test')`);
    for (const row of rows) put.run(...row);
    db.close();
  });
  await stack.discord.waitForConnection();
}

describe('GIVEN stored server settings with invalid entries', () => {
  test('WHEN one channel id or blocklist entry is invalid THEN only that entry is dropped and logged; the rest still apply', async () => {
    await storeRawSettings([
      [guildId(1), 'channels', JSON.stringify(['not-a-channel', channelId(1, 2), 42])],
      [guildId(1), 'blocklist', JSON.stringify([7, 'kraken', '', 'x'.repeat(500)])],
      [guildId(2), 'roles', '{this is not json'],
      [guildId(2), 'max_count', '"four"'],
    ]);
    const before = falSubmits(stack);
    expect(await answer(stack, imagine(stack, { prompt: 'a boat' }, asMember(1)))).toBe(
      `🔒 In this server, images can only be made in <#${channelId(1, 2)}>.`,
    );
    const inAllowed = asMember(1, 1, { channelId: channelId(1, 2) });
    expect(await answer(stack, imagine(stack, { prompt: 'a kraken' }, inAllowed))).toContain(
      'does not allow “kraken”',
    );
    expect(falSubmits(stack)).toBe(before);
    await generate(stack, 'a boat', inAllowed);

    // Unreadable JSON and an invalid value fall back to the host's default, and the server still works.
    await generate(stack, 'a tower', asMember(2), { count: 4 });

    const dropped = stack.logs
      .entries()
      .filter((entry) => entry.msg === 'stored server setting is invalid')
      .map((entry) => [entry.guildId, entry.setting]);
    expect(dropped).toEqual(
      expect.arrayContaining([
        [guildId(1), 'channels'],
        [guildId(1), 'blocklist'],
        [guildId(2), 'roles'],
        [guildId(2), 'max_count'],
      ]),
    );
  });
});
