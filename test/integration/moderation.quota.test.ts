import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  contentOf,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  type Stack,
  startStack,
} from './harness.ts';
import {
  answer,
  asMember,
  asModerator,
  buttonId,
  embedsOf,
  falSubmits,
  generate,
  generationIdOf,
  guildId,
  guilds,
  member,
  queryDb,
  reservationSettled,
  settings,
  settledFor,
} from './moderationDriver.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ discord: { guilds: guilds(6) } });
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

const reservation = (generationId: string) =>
  queryDb(stack, 'SELECT * FROM quota_reservations WHERE generation_id = ?', generationId)[0]!;
const nextUtcMidnight = () => {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) / 1000;
};

describe('GIVEN a cooldown', () => {
  test('WHEN a member generates again too soon THEN the refusal names the moment the cooldown ends', async () => {
    await answer(stack, settings(stack, ['limits'], { cooldown: 60 }, asModerator(1)));
    const first = await generate(stack, 'a snail', asMember(1));
    const startedAt = Number(reservation(generationIdOf(first.message)).created_at);
    const before = falSubmits(stack);
    const reply = await answer(stack, imagine(stack, { prompt: 'another snail' }, asMember(1)));
    expect(reply).toContain('one generation every 60 seconds');
    expect(reply).toContain(`<t:${Math.ceil((startedAt + 60_000) / 1000)}:R>`);
    const press = stack.discord.button(buttonId(first.message, 'Reroll'), first.message, asMember(1));
    expect(await answer(stack, press)).toContain('Slow down');
    expect(falSubmits(stack)).toBe(before);
    // The cooldown is per member.
    await generate(stack, 'a snail', asMember(1, 2));
  });
});

describe('GIVEN daily quotas', () => {
  test('WHEN a member has used theirs THEN they may try again at the next midnight UTC; others still can', async () => {
    await answer(stack, settings(stack, ['limits'], { daily_per_user: 3 }, asModerator(2)));
    await generate(stack, 'a pear', asMember(2), { count: 2 });
    expect(await answer(stack, imagine(stack, { prompt: 'a pear', count: 2 }, asMember(2)))).toBe(
      '⏳ You have only 1 image left today: use /imagine with count 1.',
    );
    await generate(stack, 'a pear', asMember(2));
    const before = falSubmits(stack);
    expect(await answer(stack, imagine(stack, { prompt: 'a pear' }, asMember(2)))).toBe(
      `⏳ You have used your 3 images for today. You can try again <t:${nextUtcMidnight()}:R>.`,
    );
    expect(falSubmits(stack)).toBe(before);
    await generate(stack, 'a pear', asMember(2, 2));
  });

  test('WHEN the server budget is spent THEN everyone is refused until midnight UTC', async () => {
    await answer(stack, settings(stack, ['limits'], { budget: 0.08 }, asModerator(3)));
    await generate(stack, 'a plum', asMember(3), { count: 2 });
    expect(await answer(stack, imagine(stack, { prompt: 'a plum' }, asMember(3, 2)))).toBe(
      `⏳ This server has reached its daily budget of $0.08. You can try again <t:${nextUtcMidnight()}:R>.`,
    );
    await answer(stack, settings(stack, ['limits'], { budget: 0, daily_server: 2 }, asModerator(3)));
    expect(await answer(stack, imagine(stack, { prompt: 'a plum' }, asMember(3, 2)))).toContain(
      'This server has used its 2 images for today',
    );
  });

  test('WHEN 20 clicks arrive at once against a quota of 3 THEN exactly 3 reach fal', async () => {
    const result = await generate(stack, 'a drum', asModerator(4));
    await answer(stack, settings(stack, ['limits'], { daily_per_user: 3 }, asModerator(4)));
    const before = falSubmits(stack);
    const presses = Array.from({ length: 20 }, () =>
      stack.discord.button(buttonId(result.message, 'Reroll'), result.message, asMember(4)),
    );
    const callbacks = await Promise.all(presses.map((press) => press.callback()));
    const types = callbacks.map((c) => (c.json as { type: number }).type);
    expect(types.filter((t) => t === 5)).toHaveLength(3);
    expect(types.filter((t) => t === 4)).toHaveLength(17);
    const admitted = presses.filter((_, i) => types[i] === 5);
    await Promise.all(admitted.map((press) => settledFor(stack, press)));
    expect(falSubmits(stack)).toBe(before + 3);
    const rows = queryDb(
      stack,
      "SELECT SUM(images) AS images FROM quota_reservations WHERE scope = ? AND user_id = ? AND status = 'counted'",
      guildId(4),
      member(1).id,
    );
    expect(rows[0]!.images).toBe(3);
  });

  test('WHEN a generation fails THEN its reservation is released and the member may generate again', async () => {
    await answer(stack, settings(stack, ['limits'], { daily_per_user: 1 }, asModerator(5)));
    stack.fal.failNextRun({ status: 500, body: { detail: 'boom' } });
    const failed = imagine(stack, { prompt: 'a storm' }, asMember(5));
    expect(contentOf(await ephemeralAnswer(stack, failed))).toContain('Something went wrong');
    expect(await settledFor(stack, failed)).toMatchObject({
      status: 'released',
      images: 0,
      requested: 1,
    });
    const ok = await generate(stack, 'a storm', asMember(5));
    expect(await reservationSettled(stack, generationIdOf(ok.message))).toMatchObject({
      status: 'counted',
      images: 1,
    });
  });
  test('WHEN an admitted request cannot even be acknowledged THEN its reservation is given back', async () => {
    await answer(stack, settings(stack, ['limits'], { daily_per_user: 1 }, asModerator(5)));
    const lost = imagine(stack, { prompt: 'a ghost' }, asMember(5, 3));
    // Expired before the bot sees it: the defer fails after the policy has reserved.
    stack.discord.expireToken(lost.token);
    const route = `/interactions/${lost.id}/${lost.token}/callback`;
    let answered = 0;
    // The defer, then the refusal the router tries to send: both 404, the second after the release.
    await stack.discord.waitForRequest((r) => r.route === route && ++answered === 2);
    expect(
      queryDb(
        stack,
        'SELECT status FROM quota_reservations WHERE user_id = ? AND scope = ?',
        member(3).id,
        guildId(5),
      ),
    ).toEqual([{ status: 'released' }]);
    await generate(stack, 'a ghost', asMember(5, 3));
  });
});

describe('GIVEN images generated today', () => {
  test('WHEN members and moderators run /usage THEN the figures match what was generated', async () => {
    const a = asMember(6, 1);
    await generate(stack, 'a map', a, { count: 2 });
    await generate(stack, 'a map', a);
    await generate(stack, 'a compass', asMember(6, 2));
    stack.fal.failNextRun({ status: 500, body: { detail: 'boom' } });
    const failed = imagine(stack, { prompt: 'a lost map' }, a);
    await ephemeralAnswer(stack, failed);
    await settledFor(stack, failed);

    const mine = embedsOf(await ephemeralAnswer(stack, stack.discord.slashCommand('usage', [], a)));
    // The day's end is a Discord timestamp, shown in each reader's own time zone.
    expect(mine).toEqual([
      {
        title: '📊 Your images today: 3',
        fields: [
          {
            name: 'Remaining today',
            value: `22 images (daily limits: 25 images per member, a $5.00 server budget; the day ends <t:${nextUtcMidnight()}:R>)`,
          },
        ],
      },
    ]);
    const [server] = embedsOf(
      await ephemeralAnswer(stack, stack.discord.slashCommand('usage', [], asModerator(6))),
    );
    expect(server?.title).toBe('📊 Your images today: 0');
    expect(server?.fields?.slice(1)).toEqual([
      { name: '🏠 This server today', value: '4 images · estimated $0.16 of the $5.00 daily budget' },
      { name: '🏠 This server, last 30 days', value: '4 images · estimated $0.16' },
      { name: 'Top members (30 days)', value: `1. <@${member(1).id}> 3 · 2. <@${member(2).id}> 1` },
    ]);
    expect(server?.footer?.text).toContain('Estimates use $0.04 per [pro] image');
  });
});
