import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_HOST_MODERATION } from '../../src/config.ts';
import { delivery, expectNoViolations, imagine, type Stack, startStack } from './harness.ts';
import {
  answer,
  asMember,
  asModerator,
  channelId,
  falSubmits,
  generate,
  generationIdOf,
  guilds,
  member,
  NSFW_CHANNEL,
  queryDb,
  settings,
  settledFor,
} from './moderationDriver.ts';

type Command = { name: string; contexts: number[] | null };
const imagineContexts = (stack: Stack) =>
  (stack.discord.commands() as Command[]).find((c) => c.name === 'imagine')?.contexts;

describe('GIVEN the default host settings', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      discord: { guilds: guilds(1) },
      // The first image of a prompt containing nsfw-test is flagged, the others not.
      fal: { nsfw: (input, index) => input.prompt.includes('nsfw-test') && index === 0 },
    });
  });
  afterAll(() => stack.close());
  afterEach(() => expectNoViolations(stack));

  test('WHEN asked in a normal channel THEN the flagged image is withheld with a notice, the others post', async () => {
    const { edit, message } = await generate(stack, 'nsfw-test a beach', asMember(1), { count: 2 });
    const id = generationIdOf(message);
    expect(edit.files.map((f) => f.filename)).toEqual([`kontext-${id}-2.jpeg`]);
    expect(message.content).toContain('1 of 2 images was withheld');
    expect(message.attachments).toHaveLength(1);
    expect(stack.fal.jobs.at(-1)!.output).toMatchObject({ has_nsfw_concepts: [true, false] });
  });

  test('WHEN asked in an age-restricted channel THEN the flagged image is posted as a spoiler', async () => {
    const ctx = asMember(1, 1, { channelId: channelId(1, NSFW_CHANNEL) });
    const { edit, message } = await generate(stack, 'nsfw-test a beach', ctx, { count: 2 });
    const id = generationIdOf(message);
    expect(edit.files.map((f) => f.filename)).toEqual([
      `SPOILER_kontext-${id}-1.jpeg`,
      `kontext-${id}-2.jpeg`,
    ]);
    expect(message.content).toBe('');
    expect(queryDb(stack, 'SELECT channel_nsfw FROM generations WHERE id = ?', id)).toEqual([
      { channel_nsfw: 1 },
    ]);
  });

  test('WHEN the only image is flagged in a normal channel THEN only the notice and buttons post, and it still counts', async () => {
    const sent = imagine(stack, { prompt: 'nsfw-test a dune' }, asMember(1, 2));
    expect(await settledFor(stack, sent)).toMatchObject({ status: 'counted', images: 1 });
    const message = stack.discord.originalMessage(sent.token)!;
    expect(message.attachments).toEqual([]);
    expect(message.content).toContain('The image was withheld');
    expect(message.components).toHaveLength(2); // the result buttons, and ⭐
  });

  test('WHEN the host has not enabled DMs (the default) THEN /imagine is not offered in the bot’s DMs (servers, and private channels for user installs), and a DM request is refused without reaching fal', async () => {
    expect(imagineContexts(stack)).toEqual([0, 2]);
    const before = falSubmits(stack);
    const reply = await answer(
      stack,
      imagine(stack, { prompt: 'a letter' }, { guildId: null, user: member(1) }),
    );
    expect(reply).toContain('turned off /imagine in direct messages');
    expect(falSubmits(stack)).toBe(before);
  });
});

describe('GIVEN the host enables DMs', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      discord: { guilds: guilds(1) },
      config: { moderation: { ...DEFAULT_HOST_MODERATION, allowDms: true, defaultSafety: '3' } },
    });
  });
  afterAll(() => stack.close());
  afterEach(() => expectNoViolations(stack));

  test("THEN /imagine is offered in the bot's DMs and uses the host's default level, whatever servers chose", async () => {
    expect(imagineContexts(stack)).toEqual([0, 1, 2]);
    await answer(stack, settings(stack, ['safety'], { level: 6 }, asModerator(1)));
    await delivery(stack, imagine(stack, { prompt: 'a letter' }, { guildId: null, user: member(1) }));
    expect(stack.fal.jobs.at(-1)!.input.safety_tolerance).toBe('3');
    await generate(stack, 'a letter', asMember(1));
    expect(stack.fal.jobs.at(-1)!.input.safety_tolerance).toBe('6');
  });
});
