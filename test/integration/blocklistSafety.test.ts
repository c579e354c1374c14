// Blocklist terms run before the defer, so a slow pattern would hold every server's acknowledgements
// (and the gateway heartbeat); and a filter that reads look-alikes differently from people can be
// walked around. Both are driven here through the real bot, as moderators and members do.
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { PROMPT_MAX_LENGTH } from '../../src/core/imagineOptions.ts';
import { MAX_QUOTED } from '../../src/moderation/refusals.ts';
import type { SentInteraction } from '../emulators/discord/index.ts';
import { delivery, expectNoViolations, imagine, type Stack, startStack } from './harness.ts';
import { answer, asMember, asModerator, falSubmits, guildId, guilds, settings } from './moderationDriver.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ discord: { guilds: guilds(4) } });
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

// Discord drops an interaction not answered within 3 s; the emulator records that as a violation too.
const WELL_INSIDE_MS = 1000;
const ADVERSARIAL = `${'a'.repeat(PROMPT_MAX_LENGTH - 1)}!`;
const WORST = ['/(a|aa)+$/', '/(a|a)+$/', '/((a+))+$/', '/(a+)+$/'];

async function firstAnswerMs(sent: SentInteraction): Promise<number> {
  const callback = await sent.callback();
  expect(callback.status).toBeLessThan(300);
  return callback.receivedAt - sent.sentAt;
}

async function addTerms(server: number, terms: string[]): Promise<void> {
  for (const term of terms) {
    const reply = await answer(stack, settings(stack, ['blocklist', 'add'], { term }, asModerator(server)));
    expect(reply).toContain(`added \`${term}\``);
  }
}

describe('GIVEN a moderator adds the patterns that froze the bot', () => {
  test('WHEN a member sends the longest adversarial prompt THEN the deferral comes well inside 3 s and the image is made', async () => {
    await addTerms(1, WORST);
    const sent = imagine(stack, { prompt: ADVERSARIAL }, asMember(1));
    expect(await firstAnswerMs(sent)).toBeLessThan(WELL_INSIDE_MS);
    await delivery(stack, sent);
  });

  test('WHEN a pattern matches everything, like /a*a*a*a*a*$/ THEN the refusal comes well inside 3 s', async () => {
    await addTerms(2, ['/a*a*a*a*a*$/']);
    const before = falSubmits(stack);
    const sent = imagine(stack, { prompt: ADVERSARIAL }, asMember(2));
    expect(await firstAnswerMs(sent)).toBeLessThan(WELL_INSIDE_MS);
    expect(await answer(stack, sent)).toContain('does not allow');
    expect(falSubmits(stack)).toBe(before);
  });

  test('WHEN a pattern RE2 cannot run is added THEN it is refused, saying why', async () => {
    const reply = await answer(
      stack,
      settings(stack, ['blocklist', 'add'], { term: '/(\\w)\\1/' }, asModerator(2)),
    );
    expect(reply).toContain("I can't add that term");
    expect(reply).toContain('back-references');
  });
});

describe('GIVEN blocked terms "gore" and "kill"', () => {
  beforeAll(() => addTerms(1, ['gore', 'kill']));

  test.each([
    ['g\u200Bore', 'a zero-width space'],
    ['go\u00ADre', 'a soft hyphen'],
    ['g\u043Ere', 'a Cyrillic о'],
    ['gor\u00EB', 'a diaeresis'],
    ['k\u0131ll', 'a dotless i'],
  ])('WHEN a member writes %j (%s) THEN it is refused, quoting their own text', async (word) => {
    const before = falSubmits(stack);
    const reply = await answer(stack, imagine(stack, { prompt: `a ${word} scene` }, asMember(1)));
    expect(reply).toContain(`does not allow “${word}”`);
    expect(falSubmits(stack)).toBe(before);
  });
});

describe('GIVEN a pattern that matches a whole prompt of wide ligatures', () => {
  test('WHEN 1500 × U+FDFA is refused THEN the refusal quotes its start and reaches Discord', async () => {
    await addTerms(3, ['/.+/']);
    const reply = await answer(
      stack,
      imagine(stack, { prompt: '\uFDFA'.repeat(PROMPT_MAX_LENGTH) }, asMember(3)),
    );
    expect(reply).toContain(`“${'\uFDFA'.repeat(MAX_QUOTED)}…”`);
    expect(reply.length).toBeLessThan(2000);
  });
});

describe('GIVEN stored terms that skipped the checks when added (an older version, a hand edit)', () => {
  test('WHEN the bot restarts on them THEN unusable ones are skipped, slow-looking ones stay fast, the rest apply', async () => {
    const stored = [...WORST, '/a*a*a*a*a*b/', '/(\\w)\\1/', '/(?<=x)y/', '/(?:.?){900}z/', 'kraken'];
    await stack.restartBot(() => {
      const db = new DatabaseSync(stack.dbPath);
      db.prepare(`INSERT OR REPLACE INTO guild_settings (guild_id, setting, value_json, updated_at, updated_by)
        VALUES (?, 'blocklist', ?, 0, 'test')`).run(guildId(4), JSON.stringify(stored));
      db.close();
    });
    await stack.discord.waitForConnection();

    const sent = imagine(stack, { prompt: `${'a'.repeat(PROMPT_MAX_LENGTH - 2)}?!` }, asMember(4));
    expect(await firstAnswerMs(sent)).toBeLessThan(WELL_INSIDE_MS);
    await delivery(stack, sent);
    expect(await answer(stack, imagine(stack, { prompt: 'a kraken' }, asMember(4)))).toContain(
      'does not allow “kraken”',
    );
    const skipped = stack.logs
      .entries()
      .filter((entry) => entry.msg === 'stored server setting is invalid' && entry.guildId === guildId(4))
      .map((entry) => String(entry.detail));
    expect(skipped.some((detail) => detail.includes('(\\\\w)\\\\1'))).toBe(true);
    expect(skipped.some((detail) => detail.includes('(?<=x)y'))).toBe(true);
  });
});
