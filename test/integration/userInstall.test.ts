// A member's own install of the app (Discord's user install) where the bot is not: only the interaction
// answers, with the host's strictest defaults and no server's rules.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_HOST_MODERATION } from '../../src/config.ts';
import type { EmulatedMessage, RecordedRequest, SentInteraction } from '../emulators/discord/index.ts';
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

const ELSEWHERE = '100000000000000077';
const ELSEWHERE_CHANNEL = '200000000000000077';
const GROUP_DM = '200000000000000088';
const MEMBER = { id: '300000000000000001', username: 'member' };
const discordOptions = {
  guilds: [
    {
      id: '100000000000000001',
      channels: [{ id: '200000000000000001' }],
    },
    { id: ELSEWHERE, botMember: false, channels: [{ id: ELSEWHERE_CHANNEL, nsfw: true }] },
  ],
  privateChannels: [GROUP_DM],
};
const inServerWithoutBot = { install: 'user', guildId: ELSEWHERE, channelId: ELSEWHERE_CHANNEL } as const;
const inGroupDm = { install: 'user', guildId: null, channelId: GROUP_DM } as const;

type Registered = { name: string; integration_types?: number[]; contexts?: number[] };
const registered = (stack: Stack) => stack.discord.commands() as Registered[];

/** Every request the bot made with its own token about a place it is not in. */
function botTokenRequests(stack: Stack, ...ids: string[]): RecordedRequest[] {
  return stack.discord.requests.filter(
    (r) => r.headers.authorization !== undefined && ids.some((id) => r.route.includes(id)),
  );
}

function generationIdOf(message: EmulatedMessage): string {
  const rows = message.components as { components: { custom_id?: string }[] }[];
  const id = rows[0]?.components.find((b) => b.custom_id)?.custom_id?.split(':')[2];
  if (!id) throw new Error(`no generation id on message ${message.id}`);
  return id;
}

function customIdOf(message: EmulatedMessage, label: string): string {
  const rows = message.components as { components: { label?: string; custom_id?: string }[] }[];
  const button = rows.flatMap((row) => row.components).find((b) => b.label === label);
  if (!button?.custom_id) throw new Error(`no ${label} button on message ${message.id}`);
  return button.custom_id;
}

async function delivered(stack: Stack, sent: SentInteraction) {
  const callback = await sent.callback();
  const edit = await delivery(stack, sent);
  const message = stack.discord.originalMessage(sent.token);
  if (!message) throw new Error('no original message');
  return { callback, edit, message, job: stack.fal.jobs.at(-1)! };
}

describe.each(['sqlite', 'postgres'] as const)('GIVEN user installs on (the default), on %s', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      database,
      discord: discordOptions,
      fal: { nsfw: (input, index) => String(input.prompt).includes('lighthouse') && index === 0 },
    });
    // The bot may have been in that server once: what its moderators stored must not apply now.
    await stack.bot.ctx.moderation.settings.change(ELSEWHERE, { userId: MEMBER.id, userName: 'mod' }, () => ({
      blocklist: ['lighthouse'],
      maxCount: 1,
      safetyLevel: '5',
    }));
  });
  afterAll(() => stack.close());
  afterEach(() => expectNoViolations(stack));

  test('registration offers the member commands to both installs, in servers and private channels', () => {
    const commands = registered(stack);
    const byName = (name: string) => commands.find((c) => c.name === name)!;
    for (const name of ['imagine', 'edit', 'Edit with Kontext']) {
      expect(byName(name)).toMatchObject({ integration_types: [0, 1], contexts: [0, 2] });
    }
    for (const name of ['settings', 'usage']) {
      expect(byName(name)).toMatchObject({ integration_types: [0], contexts: [0] });
    }
  });

  test('WHEN /imagine is used in a server without the bot THEN the result arrives in the interaction alone, strictest, without that server’s rules', async () => {
    const sent = imagine(stack, { prompt: 'a lighthouse at dusk', count: 2 }, inServerWithoutBot);
    const { callback, edit, message, job } = await delivered(stack, sent);
    expect((callback.json as { type: number }).type).toBe(5);
    expect(edit.method).toBe('PATCH');
    // Neither the stored blocklist nor max_count 1 nor safety 5 of that guild id applied.
    expect(job.input).toMatchObject({ safety_tolerance: '1', num_images: 2 });
    // fal flagged the first: withheld although Discord marks the channel age-restricted.
    expect(edit.files).toHaveLength(1);
    const generation = await settled(stack, generationIdOf(message));
    expect(generation).toMatchObject({ status: 'delivered', deliveredVia: 'edit', interactionOnly: true });
    expect(botTokenRequests(stack, ELSEWHERE, ELSEWHERE_CHANNEL)).toEqual([]);
  });

  test('WHEN /imagine is used in a group DM (context 2) THEN it is answered through the interaction too', async () => {
    const sent = imagine(stack, { prompt: 'a paper crane' }, inGroupDm);
    const { message, job } = await delivered(stack, sent);
    expect(job.input).toMatchObject({ safety_tolerance: '1' });
    expect(await settled(stack, generationIdOf(message))).toMatchObject({ deliveredVia: 'edit' });
    expect(botTokenRequests(stack, GROUP_DM)).toEqual([]);
  });

  test('WHEN Discord forces the reply ephemeral THEN the result still replaces it', async () => {
    const sent = imagine(
      stack,
      { prompt: 'a quiet harbour' },
      { ...inServerWithoutBot, forceEphemeral: true },
    );
    const { message } = await delivered(stack, sent);
    expect(message.flags & 64).toBe(64);
    expect(message.embeds.length).toBeGreaterThan(0);
    expect(await settled(stack, generationIdOf(message))).toMatchObject({ status: 'delivered' });
  });

  test('WHEN Reroll and Delete are pressed on such a result THEN both work through the interactions alone', async () => {
    const first = await delivered(stack, imagine(stack, { prompt: 'a tin robot' }, inServerWithoutBot));
    await settled(stack, generationIdOf(first.message));
    const reroll = stack.discord.button(customIdOf(first.message, 'Reroll'), first.message);
    const again = await delivered(stack, reroll);
    expect(again.job.input).toMatchObject({ prompt: 'a tin robot', safety_tolerance: '1' });
    await settled(stack, generationIdOf(again.message));
    const del = stack.discord.button(customIdOf(first.message, 'Delete'), first.message);
    await stack.discord.waitForRequest(
      (r) =>
        r.method === 'DELETE' && r.route.includes(`/${del.token}/messages/@original`) && r.status === 204,
    );
    expect(stack.discord.message(first.message.id)).toBeUndefined();
    expect(botTokenRequests(stack, ELSEWHERE, ELSEWHERE_CHANNEL)).toEqual([]);
  });

  test('WHEN the token has expired by the time the images are ready THEN nothing is posted by the bot, the generation fails and a line is logged', async () => {
    stack.fal.pause();
    const sent = imagine(stack, { prompt: 'a slow comet' }, inServerWithoutBot);
    await sent.callback();
    await stack.fal.waitForJob(() => true);
    stack.discord.expireToken(sent.token);
    stack.fal.resume();
    const line = await stack.logs.waitFor(
      (entry) =>
        entry.msg ===
        'generation failed and nobody can be told: only the interaction could answer and it has expired',
    );
    const generation = await settled(stack, String(line.generationId));
    expect(generation).toMatchObject({ status: 'failed', interactionOnly: true });
    expect(botTokenRequests(stack, ELSEWHERE, ELSEWHERE_CHANNEL, '/users/@me/channels')).toEqual([]);
  });
});

describe('GIVEN the host switched user installs off (ALLOW_USER_INSTALLS=false)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      discord: discordOptions,
      config: { moderation: { ...DEFAULT_HOST_MODERATION, allowUserInstalls: false } },
    });
  });
  afterAll(() => stack.close());
  afterEach(() => expectNoViolations(stack));

  test('registration has the server install only, and no private channels', () => {
    for (const command of registered(stack)) {
      expect(command).toMatchObject({ integration_types: [0] });
      expect(command.contexts).not.toContain(2);
    }
  });

  test('WHEN a stale registration still delivers a user-install /imagine THEN it is refused ephemerally', async () => {
    const sent = imagine(stack, { prompt: 'a red kite' }, inServerWithoutBot);
    const answer = await ephemeralAnswer(stack, sent);
    expect(contentOf(answer)).toContain('own install of the app');
    expect(stack.fal.jobs).toHaveLength(0);
    expect(botTokenRequests(stack, ELSEWHERE, ELSEWHERE_CHANNEL)).toEqual([]);
  });
});
