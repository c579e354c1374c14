import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EmulatedMessage, SentInteraction } from '../emulators/discord/index.ts';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  type Stack,
  startStack,
} from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

const MODERATOR = { id: '300000000000000009', username: 'mod' };
const STRANGER = { id: '300000000000000005', username: 'someone' };
const MANAGE_MESSAGES = 1n << 13n;
const BASIC = (1n << 10n) | (1n << 11n) | (1n << 31n);

function customIdOf(message: EmulatedMessage, label: string): string {
  const rows = message.components as { components: { label?: string; custom_id?: string }[] }[];
  const button = rows.flatMap((row) => row.components).find((b) => b.label === label);
  if (!button?.custom_id) throw new Error(`no ${label} button on message ${message.id}`);
  return button.custom_id;
}

async function generated(prompt: string, extra: Record<string, string | number | boolean> = {}) {
  const sent = imagine(stack, { prompt, ...extra });
  const edit = await delivery(stack, sent);
  const message = stack.discord.originalMessage(sent.token);
  if (!message) throw new Error('no original message');
  return { sent, edit, message, job: stack.fal.jobs.at(-1)! };
}

function editsTo(token: string) {
  return stack.discord.requests.filter(
    (r) => r.route.includes(`/${token}/messages/@original`) && r.method === 'PATCH',
  );
}

describe('GIVEN a delivered result WHEN a member presses its buttons', () => {
  test('Reroll posts a new message with the same options and a different seed, leaving the original untouched', async () => {
    const first = await generated('a paper boat', { aspect_ratio: '3:2', count: 2 });
    const editsBefore = editsTo(first.sent.token).length;
    const press = stack.discord.button(customIdOf(first.message, 'Reroll'), first.message);
    const edit = await delivery(stack, press);
    const job = stack.fal.jobs.at(-1)!;
    expect(job.input).toMatchObject({ prompt: 'a paper boat', aspect_ratio: '3:2', num_images: 2 });
    expect(job.input.seed).toBeTypeOf('number');
    expect(job.seed).not.toBe(first.job.seed);
    expect(edit.files).toHaveLength(2);
    expect(stack.discord.originalMessage(press.token)?.id).not.toBe(first.message.id);
    expect(editsTo(first.sent.token).length).toBe(editsBefore);
    expect(stack.discord.message(first.message.id)?.attachments).toHaveLength(2);
  });

  test('Same seed reuses the seed fal reported when the member gave none, giving the same image', async () => {
    const first = await generated('a glass owl');
    expect(first.job.input.seed).toBeUndefined();
    const press = stack.discord.button(customIdOf(first.message, 'Same seed'), first.message);
    const edit = await delivery(stack, press);
    const job = stack.fal.jobs.at(-1)!;
    expect(job.input.seed).toBe(first.job.seed);
    expect(edit.files[0]!.data.equals(first.edit.files[0]!.data)).toBe(true);
  });

  test('Edit prompt opens a pre-filled modal; submitting runs the same options and seed with the new prompt', async () => {
    const first = await generated('a castle', { guidance: 6, format: 'png' });
    const press = stack.discord.button(customIdOf(first.message, 'Edit prompt'), first.message);
    const callback = await press.callback();
    expect((callback.json as { type: number }).type).toBe(9);
    const modal = stack.discord.lastModal(press.token) as {
      custom_id: string;
      components: { components: { custom_id: string; value: string }[] }[];
    };
    expect(modal.components[0]!.components[0]!.value).toBe('a castle');

    const submit = stack.discord.modalSubmit(
      modal.custom_id,
      { prompt: 'a castle made of ice' },
      { message: first.message },
    );
    await delivery(stack, submit);
    expect(stack.fal.jobs.at(-1)!.input).toMatchObject({
      prompt: 'a castle made of ice',
      seed: first.job.seed,
      guidance_scale: 6,
      output_format: 'png',
    });
    expect(stack.discord.originalMessage(submit.token)?.id).not.toBe(first.message.id);
  });

  test('Delete by someone else is refused ephemerally; by the requester or a moderator it removes the message', async () => {
    const first = await generated('a teapot');
    const refused: SentInteraction = stack.discord.button(
      customIdOf(first.message, 'Delete'),
      first.message,
      {
        user: STRANGER,
        memberPermissions: BASIC,
      },
    );
    expect(contentOf(await ephemeralAnswer(stack, refused))).toContain('Only the member who asked');
    expect(stack.discord.message(first.message.id)).toBeDefined();

    const own = stack.discord.button(customIdOf(first.message, 'Delete'), first.message);
    await stack.discord.waitForRequest((r) => r.method === 'DELETE' && r.route.includes(own.token));
    expect(stack.discord.message(first.message.id)).toBeUndefined();

    const second = await generated('a kettle');
    const byModerator = stack.discord.button(customIdOf(second.message, 'Delete'), second.message, {
      user: MODERATOR,
      memberPermissions: BASIC | MANAGE_MESSAGES,
    });
    await stack.discord.waitForRequest((r) => r.method === 'DELETE' && r.route.includes(byModerator.token));
    expect(stack.discord.message(second.message.id)).toBeUndefined();
  });

  test('buttons keep working after the bot restarts on the same database, without re-registering commands', async () => {
    const first = await generated('a lantern');
    const writes = stack.discord.commandWrites;
    await stack.restartBot();
    await stack.discord.waitForConnection();
    const press = stack.discord.button(customIdOf(first.message, 'Same seed'), first.message);
    await delivery(stack, press);
    expect(stack.fal.jobs.at(-1)!.input.seed).toBe(first.job.seed);
    expect(stack.discord.commandWrites).toBe(writes);
  });

  test('a garbage or outdated custom_id gets a polite ephemeral answer and nothing reaches fal', async () => {
    const first = await generated('a bell');
    const before = stack.fal.requests.length;
    for (const customId of ['v0:reroll:abc', 'nonsense', 'v1:reroll:doesnotexist']) {
      const press = stack.discord.button(customId, first.message);
      expect(contentOf(await ephemeralAnswer(stack, press)).length).toBeGreaterThan(0);
    }
    expect(stack.fal.requests.length).toBe(before);
  });
});

describe('GIVEN a crafted custom_id on a Delete button', () => {
  test("WHEN it names someone else's generation on the member's own message THEN neither message is deleted", async () => {
    const mine = await generated('my own kite');
    const theirs = await generated('their own kite');
    const craftedOnMine = stack.discord.button(customIdOf(theirs.message, 'Delete'), mine.message);
    expect(contentOf(await ephemeralAnswer(stack, craftedOnMine))).toContain(
      "doesn't belong to this message",
    );
    const craftedOnTheirs = stack.discord.button(customIdOf(mine.message, 'Delete'), theirs.message);
    expect(contentOf(await ephemeralAnswer(stack, craftedOnTheirs))).toContain(
      "doesn't belong to this message",
    );
    expect(stack.discord.message(mine.message.id)).toBeDefined();
    expect(stack.discord.message(theirs.message.id)).toBeDefined();
  });
});

describe('GIVEN a button-started generation that fails after its defer', () => {
  const LOADING = 1 << 7;
  const EPHEMERAL = 1 << 6;

  test('WHEN fal refuses it THEN no "thinking…" is left and the member gets the reason ephemerally', async () => {
    const first = await generated('a stubborn mule');
    stack.fal.failNext('submit', {
      status: 422,
      body: { detail: [{ loc: ['body', 'prompt'], msg: 'not today', type: 'value_error' }] },
    });
    const press = stack.discord.button(customIdOf(first.message, 'Reroll'), first.message);
    const answer = await ephemeralAnswer(stack, press);
    expect(contentOf(answer)).toContain('not today');
    const mine = stack.discord
      .channelMessages(first.message.channel_id)
      .filter((m) => m.id !== first.message.id);
    expect(mine.filter((m) => (m.flags & LOADING) !== 0)).toEqual([]);
    expect(stack.discord.originalMessage(press.token)).toBeUndefined();
    expect(
      stack.discord
        .channelMessages(first.message.channel_id)
        .some((m) => (m.flags & EPHEMERAL) !== 0 && m.content.includes('not today')),
    ).toBe(true);
    expect(stack.discord.message(first.message.id)).toBeDefined();
  });

  test('WHEN storing it fails THEN the "thinking…" is removed and the member is told', async () => {
    const first = await generated('an unlucky clock');
    const store = stack.bot.ctx.store;
    const original = store.createGeneration.bind(store);
    store.createGeneration = () => Promise.reject(new Error('disk full'));
    try {
      const press = stack.discord.button(customIdOf(first.message, 'Same seed'), first.message);
      const answer = await ephemeralAnswer(stack, press);
      expect(contentOf(answer)).toContain('Something went wrong');
      const left = stack.discord.originalMessage(press.token);
      expect(left === undefined || (left.flags & LOADING) === 0).toBe(true);
      expect(left?.id).not.toBe(first.message.id);
      expect(stack.discord.message(first.message.id)).toBeDefined();
      expect(
        stack.discord
          .channelMessages(first.message.channel_id)
          .some((m) => (m.flags & EPHEMERAL) !== 0 && m.content.includes('Something went wrong')),
      ).toBe(true);
    } finally {
      store.createGeneration = original;
    }
  });
});
