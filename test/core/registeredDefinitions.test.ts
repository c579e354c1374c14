import { expect, test } from 'vitest';
import { registeredDefinitions } from '../../src/bot.ts';
import { DEFAULT_HOST_MODERATION } from '../../src/config.ts';

const reach = (guildId: string | undefined, allowDms = false) =>
  Object.fromEntries(
    registeredDefinitions({ guildId, moderation: { ...DEFAULT_HOST_MODERATION, allowDms } }).map((c) => [
      c.name,
      [c.integration_types, c.contexts],
    ]),
  );

test('global commands: the member commands for both installs, /settings and /usage for the server install', () => {
  const global = reach(undefined, true);
  expect(global.imagine).toEqual([
    [0, 1],
    [0, 1, 2],
  ]);
  expect(global['Edit with Kontext']).toEqual([
    [0, 1],
    [0, 2],
  ]);
  expect(global.settings).toEqual([[0], [0]]);
  expect(global.usage).toEqual([[0], [0]]);
});

test('commands for one server (DISCORD_GUILD_ID) stay with the server install: Discord offers user installs globally only', () => {
  for (const [integrationTypes, contexts] of Object.values(reach('100000000000000001'))) {
    expect(integrationTypes).toEqual([0]);
    expect(contexts).not.toContain(2);
  }
});
