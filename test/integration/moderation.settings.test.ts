import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DefaultMemberPermissions, Permissions } from '../emulators/discord/index.ts';
import { delivery, expectNoViolations, type Stack, startStack } from './harness.ts';
import {
  answer,
  asMember,
  asModerator,
  buttonId,
  channelId,
  editPrompt,
  generate,
  guildId,
  guilds,
  MODERATOR,
  NSFW_CHANNEL,
  queryDb,
  settings,
} from './moderationDriver.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ discord: { guilds: guilds(7) } });
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

const lastSafety = () => stack.fal.jobs.at(-1)!.input.safety_tolerance;

describe('GIVEN a moderator with Manage Server', () => {
  test('/settings is registered for servers only, hidden by default from members without Manage Server', () => {
    const command = stack.discord.commands().find((c) => (c as { name: string }).name === 'settings') as {
      default_member_permissions: string;
      contexts: number[];
    };
    expect(command.default_member_permissions).toBe(String(Permissions.ManageGuild));
    expect(command.contexts).toEqual([0]);
  });

  test('WHEN they set level 5 THEN the next /imagine, Reroll, Same seed and Edit prompt all send "5"', async () => {
    const old = await generate(stack, 'a lighthouse', asMember(1));
    expect(lastSafety()).toBe('2');

    const reply = await answer(stack, settings(stack, ['safety'], { level: 5 }, asModerator(1)));
    expect(reply).toBe('✅ safety_level: 2 (default) → 5');

    await generate(stack, 'a lighthouse at night', asMember(1));
    expect(lastSafety()).toBe('5');
    // Buttons on a result made before the change follow the server's current level too.
    await delivery(stack, stack.discord.button(buttonId(old.message, 'Reroll'), old.message, asMember(1)));
    expect(lastSafety()).toBe('5');
    await delivery(stack, stack.discord.button(buttonId(old.message, 'Same seed'), old.message, asMember(1)));
    expect(lastSafety()).toBe('5');
    await delivery(stack, await editPrompt(stack, old.message, 'a lighthouse in fog', asMember(1)));
    expect(stack.fal.jobs.at(-1)!.input).toMatchObject({
      prompt: 'a lighthouse in fog',
      safety_tolerance: '5',
    });
  });

  test('WHEN they set nsfw_level THEN it applies only in an age-restricted channel', async () => {
    await answer(stack, settings(stack, ['safety'], { level: 2, nsfw_level: 6 }, asModerator(2)));
    await generate(stack, 'a garden', asMember(2));
    expect(lastSafety()).toBe('2');
    await generate(stack, 'a garden', asMember(2, 1, { channelId: channelId(2, NSFW_CHANNEL) }));
    expect(lastSafety()).toBe('6');
    const stored = queryDb(
      stack,
      'SELECT channel_nsfw FROM generations WHERE guild_id = ? ORDER BY created_at',
      guildId(2),
    );
    expect(stored.map((row) => row.channel_nsfw)).toEqual([0, 1]);
  });

  test("WHEN server A changes its settings THEN server B's generations are untouched", async () => {
    await answer(stack, settings(stack, ['safety'], { level: 1 }, asModerator(3)));
    await answer(stack, settings(stack, ['blocklist', 'add'], { term: 'owl' }, asModerator(3)));
    await generate(stack, 'an owl', asMember(4));
    expect(stack.fal.jobs.at(-1)!.input).toMatchObject({ prompt: 'an owl', safety_tolerance: '2' });
    const show = await answer(stack, settings(stack, ['show'], {}, asModerator(4)));
    expect(show).toContain('**safety_level**: 2 · default 2');
    expect(show).toContain('none yet');
  });

  test('WHEN the host lowers the maximum level THEN a higher stored level is capped and can no longer be chosen', async () => {
    await answer(stack, settings(stack, ['safety'], { level: 6 }, asModerator(5)));
    const host = stack.config.moderation;
    stack.config.moderation = { ...host, maxSafety: '4' };
    try {
      await stack.restartBot();
      await stack.discord.waitForConnection();
      await generate(stack, 'a comet', asMember(5));
      expect(lastSafety()).toBe('4');
      const reply = await answer(stack, settings(stack, ['safety'], { level: 5 }, asModerator(5)));
      expect(reply).toContain('at most level 4');
      const audit = queryDb(
        stack,
        'SELECT setting, new_json FROM settings_audit WHERE guild_id = ?',
        guildId(5),
      );
      expect(audit).toEqual([{ setting: 'safety_level', new_json: '"6"' }]);
    } finally {
      stack.config.moderation = host;
      await stack.restartBot();
      await stack.discord.waitForConnection();
    }
  });
});

describe('GIVEN a member without Manage Server', () => {
  test('WHEN they run any /settings subcommand THEN it is refused ephemerally and nothing changes', async () => {
    const before = queryDb(stack, 'SELECT COUNT(*) AS n FROM settings_audit')[0]!.n;
    for (const [path, options] of [
      [['safety'], { level: 6 }],
      [['show'], {}],
      [['blocklist', 'add'], { term: 'x' }],
      [['reset'], {}],
    ] as const) {
      const reply = await answer(stack, settings(stack, [...path] as [string], options, asMember(6)));
      expect(reply).toBe('Only members with the Manage Server permission can change these settings.');
    }
    expect(queryDb(stack, 'SELECT COUNT(*) AS n FROM settings_audit')[0]!.n).toBe(before);
    await generate(stack, 'a kite', asMember(6));
    expect(lastSafety()).toBe('2');
    const refusals = stack.logs
      .entries()
      .filter((e) => e.msg === 'refused' && String(e.reason).includes('Manage Server'));
    expect(refusals.length).toBe(4);
  });

  test('WHEN an administrator (no explicit Manage Server bit) runs it THEN it is allowed', async () => {
    const admin = asModerator(6, { memberPermissions: DefaultMemberPermissions | Permissions.Administrator });
    expect(await answer(stack, settings(stack, ['limits'], { cooldown: 0 }, admin))).toContain(
      'Nothing changed',
    );
  });
});

describe('GIVEN settings changes', () => {
  test('THEN each is written to the audit table and show lists the last changes', async () => {
    const mod = asModerator(7);
    await answer(stack, settings(stack, ['limits'], { cooldown: 30, max_count: 2, budget: 1.5 }, mod));
    await answer(stack, settings(stack, ['blocklist', 'add'], { term: 'gore' }, mod));
    const rows = queryDb(
      stack,
      'SELECT user_id, user_name, setting, old_json, new_json, changed_at FROM settings_audit WHERE guild_id = ? ORDER BY id',
      guildId(7),
    );
    expect(rows.map((r) => [r.user_id, r.user_name, r.setting, r.old_json, r.new_json])).toEqual([
      [MODERATOR.id, 'mod', 'cooldown', null, '30'],
      [MODERATOR.id, 'mod', 'max_count', null, '2'],
      [MODERATOR.id, 'mod', 'budget', null, '1.5'],
      [MODERATOR.id, 'mod', 'blocklist', null, '["gore"]'],
    ]);
    expect(Number(rows[0]!.changed_at)).toBeGreaterThan(Date.now() - 60_000);
    const logged = stack.logs
      .entries()
      .filter((e) => e.msg === 'server setting changed' && e.guildId === guildId(7));
    expect(logged.map((e) => e.setting)).toEqual(['cooldown', 'max_count', 'budget', 'blocklist']);

    const show = await answer(stack, settings(stack, ['show'], {}, mod));
    expect(show).toContain('✏️ **cooldown**: 30 s · default none');
    expect(show).toContain('✏️ **budget**: $1.50 a day (37 images at $0.04) · default $5.00 a day');
    expect(show).toContain(`<@${MODERATOR.id}> blocklist: added \`gore\``);
  });

  test('WHEN reset is confirmed with the button THEN every setting is back to its default, audited', async () => {
    const mod = asModerator(3);
    const ask = settings(stack, ['reset'], {}, mod);
    expect(await answer(stack, ask)).toContain('Reset **every** setting');
    const prompt = stack.discord.originalMessage(ask.token)!;
    const cancel = stack.discord.button(buttonId(prompt, 'Cancel'), prompt, mod);
    expect(((await cancel.callback()).json as { data: { content: string } }).data.content).toBe(
      'Nothing changed.',
    );
    expect(
      queryDb(stack, 'SELECT COUNT(*) AS n FROM guild_settings WHERE guild_id = ?', guildId(3))[0]!.n,
    ).toBe(2);

    // The press is checked again: a member without Manage Server cannot confirm someone's reset.
    const forged = stack.discord.button(buttonId(prompt, 'Reset to defaults'), prompt, asMember(3));
    expect(await answer(stack, forged)).toContain('Only members with the Manage Server permission');
    const confirm = stack.discord.button(buttonId(prompt, 'Reset to defaults'), prompt, mod);
    const update = (await confirm.callback()).json as { type: number; data: { content: string } };
    expect(update.type).toBe(7);
    expect(update.data.content).toContain('safety_level: 1 → 2 (default)');
    expect(update.data.content).toContain('blocklist: removed `owl`');
    expect(
      queryDb(stack, 'SELECT COUNT(*) AS n FROM guild_settings WHERE guild_id = ?', guildId(3))[0]!.n,
    ).toBe(0);
    await generate(stack, 'an owl', asMember(3));
    expect(lastSafety()).toBe('2');
  });
});
