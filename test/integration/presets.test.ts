// /preset, /preferences and /imagine preset: driven through the real bot, on SQLite and (with
// TEST_DATABASE_URL) PostgreSQL: what fal receives is the expanded prompt, and the server's rules still
// see it (blocklist, max_count).
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { InteractionContext, SentInteraction } from '../emulators/discord/index.ts';
import { delivery, expectNoViolations, imagine, OptionType, type Stack, startStack } from './harness.ts';
import { answer, asMember, asModerator, falSubmits, guilds, settings } from './moderationDriver.ts';

const engines = process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(engines)('GIVEN the bot on %s', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database, discord: { guilds: guilds(2) } });
  });
  afterAll(() => stack.close());
  afterEach(() => expectNoViolations(stack));

  const preset = (sub: string, options: Record<string, string>, ctx: InteractionContext): SentInteraction =>
    stack.discord.slashCommand(
      'preset',
      [
        {
          name: sub,
          type: 1,
          options: Object.entries(options).map(([name, value]) => ({ name, type: OptionType.String, value })),
        },
      ],
      ctx,
    );
  const preferences = (options: Record<string, string | number | boolean>, ctx: InteractionContext) =>
    stack.discord.slashCommand(
      'preferences',
      Object.entries(options).map(([name, value]) => ({
        name,
        type:
          typeof value === 'number'
            ? OptionType.Integer
            : typeof value === 'boolean'
              ? OptionType.Boolean
              : OptionType.String,
        value,
      })),
      ctx,
    );
  const lastFalBody = () => {
    const posts = stack.fal.requests.filter((r) => r.method === 'POST');
    return posts[posts.length - 1]?.body as Record<string, unknown>;
  };
  const suggestions = async (typed: string, ctx: InteractionContext) => {
    const sent = stack.discord.autocomplete(
      'imagine',
      [
        { name: 'prompt', type: OptionType.String, value: 'x' },
        { name: 'preset', type: OptionType.String, value: typed, focused: true },
      ],
      ctx,
    );
    const callback = await sent.callback();
    expect(callback.status).toBe(204);
    return stack.discord.autocompleteChoices(sent.token) ?? [];
  };

  test('WHEN a member saves a preset twice THEN the first is "saved", the second "replaced"', async () => {
    const me = asMember(1, 1);
    expect(await answer(stack, preset('save', { name: 'Noir', prompt: 'old film' }, me))).toContain(
      'Saved the preset **Noir**',
    );
    expect(
      await answer(stack, preset('save', { name: 'noir', prompt: 'film noir still of {prompt}' }, me)),
    ).toContain('Replaced the prompt of your preset **noir**');
    expect(await answer(stack, preset('list', {}, me))).toContain('**noir**: film noir still of {prompt}');
  });

  test('WHEN the member types in preset: THEN autocomplete offers their presets, not another member’s', async () => {
    await answer(stack, preset('save', { name: 'nightfall', prompt: 'at dusk' }, asMember(1, 1)));
    await answer(stack, preset('save', { name: 'neon', prompt: 'neon lights' }, asMember(1, 2)));
    const mine = await suggestions('N', asMember(1, 1));
    expect(mine.map((c) => c.value).sort()).toEqual(['nightfall', 'noir']);
    expect(mine.find((c) => c.value === 'noir')?.name).toBe('noir · film noir still of {prompt}');
    const theirs = await suggestions('ne', asMember(1, 2));
    expect(theirs.map((c) => c.value)).toEqual(['neon']);
  });

  test('WHEN /imagine uses the preset with a style suffix THEN fal receives the expanded prompt', async () => {
    const me = asMember(1, 3);
    await answer(stack, preset('save', { name: 'noir', prompt: 'film noir still of {prompt}' }, me));
    await answer(stack, preferences({ style_suffix: '35mm grain' }, me));
    await delivery(stack, imagine(stack, { prompt: 'a cat', preset: 'noir' }, me));
    expect(lastFalBody().prompt).toBe('film noir still of a cat, 35mm grain');
  });

  test('WHEN the preset is unknown THEN it is refused, naming it, and fal receives nothing', async () => {
    const before = falSubmits(stack);
    const reply = await answer(stack, imagine(stack, { prompt: 'a cat', preset: 'ghost' }, asMember(1, 3)));
    expect(reply).toContain('You have no preset named **ghost**');
    expect(falSubmits(stack)).toBe(before);
  });

  test('WHEN the expansion contains a blocklisted term THEN it is refused and fal receives nothing', async () => {
    await answer(stack, settings(stack, ['blocklist', 'add'], { term: 'gore' }, asModerator(2)));
    const me = asMember(2, 4);
    await answer(stack, preset('save', { name: 'horror', prompt: '{prompt}, covered in gore' }, me));
    const before = falSubmits(stack);
    const reply = await answer(stack, imagine(stack, { prompt: 'a clown', preset: 'horror' }, me));
    expect(reply).toContain('does not allow “gore”');
    expect(falSubmits(stack)).toBe(before);
  });

  test('WHEN a member has defaults THEN they reach fal, the count capped at max_count; explicit options win', async () => {
    await answer(stack, settings(stack, ['limits'], { max_count: 2 }, asModerator(2)));
    const me = asMember(2, 5);
    const shown = await answer(stack, preferences({ aspect_ratio: '16:9', count: 4, format: 'png' }, me));
    expect(shown).toContain('aspect_ratio: 16:9');
    expect(shown).toContain('count: 4');
    await delivery(stack, imagine(stack, { prompt: 'a lighthouse' }, me));
    expect(lastFalBody()).toMatchObject({ aspect_ratio: '16:9', num_images: 2, output_format: 'png' });

    await delivery(
      stack,
      imagine(stack, { prompt: 'a lighthouse', aspect_ratio: '1:1', format: 'jpeg', count: 1 }, me),
    );
    expect(lastFalBody()).toMatchObject({ aspect_ratio: '1:1', num_images: 1, output_format: 'jpeg' });

    const before = falSubmits(stack);
    expect(await answer(stack, imagine(stack, { prompt: 'a lighthouse', count: 4 }, me))).toContain(
      'at most 2 images per request (this one asks for 4)',
    );
    expect(falSubmits(stack)).toBe(before);
  });

  test('WHEN the member clears their preferences THEN /imagine is back to 1:1, one jpeg', async () => {
    const me = asMember(2, 5);
    expect(await answer(stack, preferences({ clear: true }, me))).toContain('Your defaults are forgotten');
    await delivery(stack, imagine(stack, { prompt: 'a lighthouse' }, me));
    expect(lastFalBody()).toMatchObject({ aspect_ratio: '1:1', num_images: 1, output_format: 'jpeg' });
  });

  test('WHEN /preset delete is used THEN the preset is gone from autocomplete', async () => {
    const me = asMember(1, 1);
    expect(await answer(stack, preset('delete', { name: 'NIGHTFALL' }, me))).toContain(
      'Deleted the preset **nightfall**',
    );
    expect((await suggestions('', me)).map((c) => c.value)).toEqual(['noir']);
    expect(await answer(stack, preset('delete', { name: 'nightfall' }, me))).toContain('no preset named');
  });

  test('WHEN autocomplete fails (a command without it) THEN the answer is an empty list and the failure is logged', async () => {
    const sent = stack.discord.autocomplete(
      'usage',
      [{ name: 'anything', type: OptionType.String, value: 'x', focused: true }],
      asMember(1, 1),
    );
    expect((await sent.callback()).status).toBe(204);
    expect(stack.discord.autocompleteChoices(sent.token)).toEqual([]);
    await stack.logs.waitFor(
      (entry) => entry.msg === 'autocomplete failed' && entry.interactionId === sent.id,
    );
  });
});
