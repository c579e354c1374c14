import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { progressContent } from '../../src/discord/presentation/progress.ts';
import { createRestClients, OutcomeUnknownError } from '../../src/discord/restClients.ts';
import { TOKEN_LIFETIME_MS } from '../../src/jobs/delivery.ts';
import { ProgressReporter } from '../../src/jobs/progressReporter.ts';
import { createLogger } from '../../src/logger.ts';
import { startDiscordEmulator } from '../emulators/discord/index.ts';
import { contentOf, imagine, type Stack, settled, startStack } from './harness.ts';

const CHANNEL = '200000000000000001';
const MINUTE = 60_000;

async function generationIdOf(stack: Stack, interactionId: string): Promise<string> {
  const accepted = await stack.logs.waitFor(
    (e) => e.interactionId === interactionId && e.msg === 'generation accepted',
  );
  return accepted.generationId as string;
}

const progressEdits = (stack: Stack, token: string) =>
  stack.discord.requests.filter(
    (r) => r.method === 'PATCH' && r.route.endsWith(`/${token}/messages/@original`) && r.files.length === 0,
  );

describe('GIVEN progress edits of a long generation', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ fal: { queueMs: 1500, generationMs: 1500 }, progressIntervalMs: 100 });
  });
  afterAll(() => stack.close());

  test('WHEN nothing changed since the last edit THEN the message is not edited again', async () => {
    const sent = imagine(stack, { prompt: 'a slow lighthouse' });
    await settled(stack, await generationIdOf(stack, sent.id));
    const contents = progressEdits(stack, sent.token).map(contentOf);
    expect(contents.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < contents.length; i++) expect(contents[i]).not.toBe(contents[i - 1]);
  });

  test('WHEN the token dies mid-generation THEN one edit meets the 401 and no progress edit follows it', async () => {
    const sent = imagine(stack, { prompt: 'an orphaned comet' });
    const id = await generationIdOf(stack, sent.id);
    await stack.discord.waitForRequest((r) => progressEdits(stack, sent.token).includes(r));
    stack.discord.expireToken(sent.token);
    const generation = await settled(stack, id);
    expect(generation.deliveredVia).toBe('channel');
    const refused = progressEdits(stack, sent.token).filter((r) => r.status === 401);
    expect(refused.length).toBeLessThanOrEqual(1);
  });
});

describe('GIVEN the progress reporter on a clock', () => {
  test('WHEN a job runs 25 minutes THEN edits stop before its token expires, and an unchanged queue is shown once', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'Date', 'performance'] });
    try {
      const createdAt = Date.now();
      const edits: { at: number; content: string }[] = [];
      const reporter = new ProgressReporter({
        intervalMs: 3000,
        render: (state) => progressContent('p', state),
        edit: async (content) => {
          edits.push({ at: Date.now() - createdAt, content });
        },
        tokenAlive: () => Date.now() < createdAt + TOKEN_LIFETIME_MS - 30_000,
        tokenGone: () => false,
      });
      reporter.queued(3);
      await vi.advanceTimersByTimeAsync(5 * MINUTE);
      expect(edits).toHaveLength(1);
      reporter.running();
      await vi.advanceTimersByTimeAsync(20 * MINUTE);
      await reporter.stop();
      // One edit per interval while the shown seconds change, none after 14.5 minutes.
      expect(edits.at(-1)!.at).toBeLessThan(TOKEN_LIFETIME_MS - 30_000);
      expect(edits.filter((e) => e.at >= TOKEN_LIFETIME_MS)).toEqual([]);
      expect(edits.length).toBeLessThanOrEqual(1 + (9.5 * MINUTE) / 3000 + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  test('WHEN an edit is answered 401 THEN the reporter makes no further edit', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'Date', 'performance'] });
    try {
      let calls = 0;
      const reporter = new ProgressReporter({
        intervalMs: 1000,
        render: (state) => progressContent('p', state),
        edit: async () => {
          calls++;
          throw Object.assign(new Error('Invalid Webhook Token'), { status: 401, code: 50027 });
        },
        tokenAlive: () => true,
        tokenGone: (error) => (error as { status?: number }).status === 401,
      });
      reporter.running();
      await vi.advanceTimersByTimeAsync(10 * MINUTE);
      await reporter.stop();
      expect(calls).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('GIVEN a message-creating POST that gets no answer', () => {
  test('WHEN the REST timeout passes THEN @discordjs/rest does not send it again (one message, not four)', async () => {
    const discord = await startDiscordEmulator();
    try {
      const logger = createLogger({ level: 'silent', secrets: [] });
      const { clientRest } = createRestClients(discord.apiUrl, logger, { timeoutMs: 200 });
      const rest = new REST(clientRest).setToken(discord.token);
      const route = `/channels/${CHANNEL}/messages`;
      discord.stallNext((method, r) => method === 'POST' && r === route, { delayMs: 2000 });
      const posting = rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'once' } });
      await expect(posting).rejects.toBeInstanceOf(OutcomeUnknownError);
      expect(discord.requestCount('POST', route)).toBe(1);
      expect(discord.channelMessages(CHANNEL).filter((m) => m.content === 'once')).toHaveLength(1);

      // What @discordjs/rest 2.6 does by itself (retries: 3, and an AbortError counts as retryable).
      const plain = new REST({ api: discord.apiUrl, timeout: 200 }).setToken(discord.token);
      for (let i = 0; i < 4; i++)
        discord.stallNext((method, r) => method === 'POST' && r === route, { delayMs: 2000 });
      await expect(
        plain.post(Routes.channelMessages(CHANNEL), { body: { content: 'twice?' } }),
      ).rejects.toThrow();
      expect(discord.channelMessages(CHANNEL).filter((m) => m.content === 'twice?')).toHaveLength(4);
    } finally {
      await discord.close();
    }
  });

  test('WHEN Discord answers 502 THEN it is not re-sent blindly either', async () => {
    const discord = await startDiscordEmulator();
    try {
      const logger = createLogger({ level: 'silent', secrets: [] });
      const rest = new REST(createRestClients(discord.apiUrl, logger).clientRest).setToken(discord.token);
      const route = `/channels/${CHANNEL}/messages`;
      discord.failNext((method, r) => method === 'POST' && r === route, { status: 502 });
      const posting = rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'after a 502' } });
      await expect(posting).rejects.toBeInstanceOf(OutcomeUnknownError);
      expect(discord.requestCount('POST', route)).toBe(1);
    } finally {
      await discord.close();
    }
  });

  test('WHEN the connection drops after Discord took a result THEN the bot looks before posting again and posts it once', async () => {
    const stack = await startStack({ fal: { imageLongSide: 256 } });
    try {
      const sent = imagine(stack, { prompt: 'a lost parcel' });
      const id = await generationIdOf(stack, sent.id);
      await sent.callback();
      stack.discord.expireToken(sent.token);
      stack.discord.stallNext(
        (method, r) => method === 'POST' && r === `/channels/${CHANNEL}/messages`,
        'reset',
      );
      const generation = await settled(stack, id);
      expect(generation.status).toBe('delivered');
      const posted = stack.discord
        .channelMessages(CHANNEL)
        .filter((m) => m.embeds.some((e) => (e as { footer?: { text: string } }).footer?.text.includes(id)));
      expect(posted).toHaveLength(1);
      expect(generation.messageId).toBe(posted[0]!.id);
      await stack.logs.waitFor((e) => e.msg === 'found posted parts' && e.generationId === id);
    } finally {
      await stack.close();
    }
  });
});
