import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { expectNoViolations, imagine, type Stack, startStack } from './harness.ts';
import {
  answer,
  asMember,
  asModerator,
  buttonId,
  channelId,
  editPrompt,
  falSubmits,
  generate,
  guilds,
  roleId,
  settings,
} from './moderationDriver.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ discord: { guilds: guilds(4) } });
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

const CHANNEL = 7;
const ROLE = 8;

describe('GIVEN a blocked term', () => {
  test('WHEN a member uses it in /imagine or introduces it with Edit prompt THEN it is refused and fal hears nothing', async () => {
    expect(
      await answer(stack, settings(stack, ['blocklist', 'add'], { term: 'Spider' }, asModerator(1))),
    ).toBe('✅ blocklist: added `Spider` → 1 term (see /settings blocklist list)');
    await answer(stack, settings(stack, ['blocklist', 'add'], { term: '/blo+d/' }, asModerator(1)));
    const clean = await generate(stack, 'a spiderweb at dawn', asMember(1));
    const before = falSubmits(stack);

    expect(await answer(stack, imagine(stack, { prompt: 'a giant SPIDER' }, asMember(1)))).toContain(
      'does not allow “SPIDER”',
    );
    expect(await answer(stack, imagine(stack, { prompt: 'bloooody' }, asMember(1)))).toContain('“blooood”');
    const edit = await editPrompt(stack, clean.message, 'a spiderweb with a spider', asMember(1));
    expect(await answer(stack, edit)).toContain('does not allow “spider”');
    expect(falSubmits(stack)).toBe(before);
    const refusals = stack.logs.entries().filter((e) => e.msg === 'generation refused by server rules');
    expect(refusals.map((e) => [e.rule, e.action])).toEqual([
      ['blocklist', 'imagine'],
      ['blocklist', 'imagine'],
      ['blocklist', 'reprompt'],
    ]);
  });

  test('WHEN the term is added after a result was made THEN Reroll of that result is refused too', async () => {
    const old = await generate(stack, 'a lazy cat', asMember(2));
    await answer(stack, settings(stack, ['blocklist', 'add'], { term: 'cat' }, asModerator(2)));
    const before = falSubmits(stack);
    const press = stack.discord.button(buttonId(old.message, 'Reroll'), old.message, asMember(2));
    expect(await answer(stack, press)).toContain('does not allow “cat”');
    const list = await answer(stack, settings(stack, ['blocklist', 'list'], {}, asModerator(2)));
    expect(list).toContain('• `cat`');
    await answer(stack, settings(stack, ['blocklist', 'remove'], { term: 'CAT' }, asModerator(2)));
    expect(await answer(stack, settings(stack, ['blocklist', 'list'], {}, asModerator(2)))).toBe(
      'The blocklist is empty.',
    );
    expect(falSubmits(stack)).toBe(before);
  });

  // Patterns run on RE2, in linear time: a nested repetition like /(a+)+$/ is harmless and accepted
  // (test/integration/blocklistSafety.test.ts); what RE2 cannot run, such as a back-reference, is not.
  test('WHEN a moderator adds a pattern RE2 cannot run THEN it is refused', async () => {
    const reply = await answer(
      stack,
      settings(stack, ['blocklist', 'add'], { term: '/(a)\\1/' }, asModerator(2)),
    );
    expect(reply).toContain("I can't add that term");
  });
});

describe('GIVEN channel and role restrictions', () => {
  test('WHEN /imagine is allowed only in listed channels THEN elsewhere it is refused, there it works', async () => {
    const mod = asModerator(3);
    const reply = await answer(
      stack,
      settings(stack, ['channels'], { add: channelId(3, 2) }, mod, { add: CHANNEL }),
    );
    expect(reply).toBe(`✅ channels: added <#${channelId(3, 2)}> → only in <#${channelId(3, 2)}>`);
    const before = falSubmits(stack);
    expect(await answer(stack, imagine(stack, { prompt: 'a boat' }, asMember(3)))).toBe(
      `🔒 In this server, images can only be made in <#${channelId(3, 2)}>.`,
    );
    expect(falSubmits(stack)).toBe(before);
    await generate(stack, 'a boat', asMember(3, 1, { channelId: channelId(3, 2) }));

    await answer(stack, settings(stack, ['channels'], { everywhere: true }, mod));
    await generate(stack, 'a boat', asMember(3));
  });

  test('WHEN only a role may generate THEN members without it are refused, with it admitted', async () => {
    const mod = asModerator(4);
    await answer(stack, settings(stack, ['roles'], { add: roleId(4) }, mod, { add: ROLE }));
    expect(await answer(stack, settings(stack, ['roles'], {}, mod))).toBe(`**roles**: only <@&${roleId(4)}>`);
    const before = falSubmits(stack);
    const refused = await answer(stack, imagine(stack, { prompt: 'a tower' }, asMember(4)));
    expect(refused).toBe(
      `🔒 In this server, only members with one of these roles can make images: <@&${roleId(4)}>.`,
    );
    expect(falSubmits(stack)).toBe(before);
    await generate(stack, 'a tower', asMember(4, 2, { roles: [roleId(4)] }));
    expect(falSubmits(stack)).toBe(before + 1);
  });

  test('WHEN max_count is lowered THEN asking for more images is refused', async () => {
    await answer(stack, settings(stack, ['limits'], { max_count: 2 }, asModerator(4)));
    const reply = await answer(
      stack,
      imagine(stack, { prompt: 'a tower', count: 3 }, asMember(4, 2, { roles: [roleId(4)] })),
    );
    expect(reply).toContain('at most 2 images per request');
  });
});
