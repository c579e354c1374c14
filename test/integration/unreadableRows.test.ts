import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  type Stack,
  settled,
  startStack,
} from './harness.ts';

let stack: Stack;
beforeEach(async () => {
  stack = await startStack({ config: { shutdownGraceMs: 20 } });
});
afterEach(async () => {
  expectNoViolations(stack);
  await stack.close();
});

function withDatabase<T>(fn: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(stack.dbPath);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function reservationStatus(generationId: string): string | undefined {
  return withDatabase((db) => {
    const row = db.prepare('SELECT status FROM quota_reservations WHERE generation_id = ?').get(generationId);
    return row ? String(row.status) : undefined;
  });
}

async function acceptedIds(count: number): Promise<string[]> {
  const accepted = (id?: unknown) =>
    stack.logs
      .entries()
      .filter((entry) => entry.msg === 'generation accepted' && (!id || entry.generationId === id));
  await stack.logs.waitFor(() => accepted().length >= count);
  return accepted().map((entry) => String(entry.generationId));
}

describe('GIVEN a database with unreadable rows beside good ones', () => {
  test('WHEN the bot starts THEN each bad row is failed with its reason, its member told and quota given back, and the good ones are delivered', async () => {
    stack.fal.pause();
    const sent = ['a good one', 'bad options', 'seed past 2^53', 'damaged flags', 'good after the bad'].map(
      // One member each: QUEUE_PER_MEMBER would refuse a fourth from one member.
      (prompt, index) =>
        imagine(
          stack,
          { prompt, ...(index === 0 ? { seed: 4_230_836_727 } : {}) },
          { user: { id: `30000000000000010${index}`, username: `member${index}` } },
        ),
    );
    const ids = await acceptedIds(sent.length);
    const [good, badOptions, hugeSeed, badFlags, goodAfter] = ids as [string, string, string, string, string];

    await stack.restartBot(() =>
      withDatabase((db) => {
        db.prepare('UPDATE generations SET options_json = \'{"prompt":""}\' WHERE id = ?').run(badOptions);
        // int64 max: node:sqlite throws reading it as a number, which once failed the whole SELECT.
        db.prepare(
          "UPDATE generations SET status = 'completed', seed = 9223372036854775807 WHERE id = ?",
        ).run(hugeSeed);
        db.prepare("UPDATE generations SET nsfw_flags_json = 'not json' WHERE id = ?").run(badFlags);
        // A row no one can be told about: its created_at is not a time.
        db.prepare(`INSERT INTO generations (id, action, channel_id, user_id, user_name, application_id,
          interaction_id, interaction_token, options_json, safety, status, created_at)
          VALUES ('nobodyKnows1', 'imagine', '1', '2', 'x', '3', '4', 'tok', '{}', '2', 'accepted', 'yesterday')`).run();
        // A reservation whose generation row was never written (killed in between).
        db.prepare(`INSERT INTO quota_reservations
          (generation_id, scope, user_id, requested, images, unit_price_usd, status, created_at)
          VALUES ('orphan000001', '100000000000000001', '300000000000000100', 4, 4, 0.04, 'reserved', ?)`).run(
          Date.now(),
        );
      }),
    );
    stack.fal.resume();

    for (const index of [0, 4]) await delivery(stack, sent[index]!);
    expect((await settled(stack, good)).seed).toBe(4_230_836_727);
    expect((await settled(stack, goodAfter)).status).toBe('delivered');

    for (const [index, id, column] of [
      [1, badOptions, 'options_json'],
      [2, hugeSeed, 'seed'],
      [3, badFlags, 'nsfw_flags_json'],
    ] as const) {
      const answer = await ephemeralAnswer(stack, sent[index]!);
      expect(contentOf(answer)).toContain(`error id \`${id}\``);
      const line = await stack.logs.waitFor(
        (entry) =>
          entry.msg === 'stored generation cannot be read: marked failed' && entry.generationId === id,
      );
      expect(line.reason).toContain(column);
      expect(
        withDatabase((db) => db.prepare('SELECT status, error FROM generations WHERE id = ?').get(id)),
      ).toEqual({
        status: 'failed',
        error: expect.stringContaining(column),
      });
      await expect.poll(() => reservationStatus(id)).toBe('released');
    }
    await stack.logs.waitFor((entry) => entry.generationId === 'nobodyKnows1' && entry.level === 50);
    expect(reservationStatus('orphan000001')).toBe('released');

    // And the bot serves new work.
    await delivery(stack, imagine(stack, { prompt: 'after the restart' }));
  });

  test('WHEN a generation row cannot be read THEN its buttons answer politely and the bot keeps running', async () => {
    const sent = imagine(stack, { prompt: 'soon damaged' });
    await delivery(stack, sent);
    const [id] = await acceptedIds(1);
    withDatabase((db) =>
      db.prepare('UPDATE generations SET seed = 9223372036854775807 WHERE id = ?').run(id!),
    );
    const message = stack.discord.originalMessage(sent.token)!;
    const press = stack.discord.button(`v1:same:${id}`, message);
    expect(contentOf(await ephemeralAnswer(stack, press))).toContain("can't be read any more");
    const line = await stack.logs.waitFor((entry) => entry.msg === 'stored generation cannot be read');
    expect(line.reason).toContain('seed');
    await delivery(stack, imagine(stack, { prompt: 'still here' }));
  });

  test('WHEN the language and reach columns hold anything (hand edits, another version) THEN waiting work is still delivered', async () => {
    stack.fal.pause();
    const odd = ['klingon', 'xx', '', 'DE', 'de-DE-x-private'];
    const sent = odd.map((_, index) =>
      imagine(
        stack,
        { prompt: `odd row ${index}` },
        { user: { id: `30000000000000020${index}`, username: `odd${index}` } },
      ),
    );
    const ids = await acceptedIds(sent.length);
    await stack.restartBot(() =>
      withDatabase((db) => {
        for (const [index, id] of ids.entries()) {
          // interaction_only 0 or 2 (not 1): only an exact 1 means the interaction alone may answer.
          db.prepare('UPDATE generations SET locale = ?, interaction_only = ? WHERE id = ?').run(
            odd[index]!,
            index % 2 === 0 ? 0 : 2,
            id,
          );
        }
      }),
    );
    stack.fal.resume();
    for (const [index, id] of ids.entries()) {
      const generation = await settled(stack, id);
      expect(generation.status, odd[index]).toBe('delivered');
      expect(generation.locale, odd[index]).toBeNull();
      expect(generation.interactionOnly).toBe(false);
      // Not a language the bot ships: the public result reads in English.
      const embed = stack.discord.originalMessage(sent[index]!.token)!.embeds[0] as { title: string };
      expect(embed.title).toBe('Imagined');
    }
  });
});
