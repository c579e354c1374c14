import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { delivery, ephemeralAnswer, imagine, settled, startStack } from './harness.ts';

const DISCORD_TOKEN = 'MTIzNDU2Nzg5.discord-secret-token-2f9c';
const FAL_KEY = 'fal-secret-key-7d41:aa90be';

test('GIVEN a run with successes and failures THEN neither secret appears in logs, the database or anything sent to Discord', async () => {
  const stack = await startStack({ discord: { token: DISCORD_TOKEN }, fal: { key: FAL_KEY } });
  await delivery(stack, imagine(stack, { prompt: 'a safe one' }));
  stack.fal.failNext('submit', { status: 500, body: { detail: 'internal' } }, 5);
  await ephemeralAnswer(stack, imagine(stack, { prompt: 'a failing one' }));
  stack.fal.failNext('submit', { status: 401, body: { detail: 'Invalid key' } });
  await ephemeralAnswer(stack, imagine(stack, { prompt: 'a rejected one' }));
  await stack.bot.stop();

  const logs = stack.logs.lines.join('\n');
  expect(logs.length).toBeGreaterThan(0);
  const database = readdirSync(dirname(stack.dbPath))
    .map((file) => readFileSync(join(dirname(stack.dbPath), file)).toString('latin1'))
    .join('\n');
  const sentToDiscord = stack.discord.requests
    .map((r) =>
      JSON.stringify({ route: r.route, query: r.query, json: r.json, files: r.files.map((f) => f.filename) }),
    )
    .join('\n');
  for (const secret of [DISCORD_TOKEN, FAL_KEY]) {
    expect(logs).not.toContain(secret);
    expect(database).not.toContain(secret);
    expect(sentToDiscord).not.toContain(secret);
  }
  // The secrets were really in use: Discord saw the token as authentication, fal saw the key.
  expect(stack.discord.requests.some((r) => r.headers.authorization === `Bot ${DISCORD_TOKEN}`)).toBe(true);
  expect(stack.fal.requests.some((r) => r.headers.authorization === `Key ${FAL_KEY}`)).toBe(true);
  await Promise.all([stack.discord.close(), stack.fal.close()]);
});

test('GIVEN a 4-image delivery Discord refuses THEN every log line is small and carries neither the interaction token nor image bytes', async () => {
  const stack = await startStack();
  try {
    const sent = imagine(stack, { prompt: 'four refused images', count: 4 });
    const route = `/webhooks/${stack.discord.applicationId}/${sent.token}/messages/@original`;
    stack.discord.failNext((method, r) => method === 'PATCH' && r === route, {
      status: 400,
      body: { code: 50035, message: 'Invalid Form Body' },
    });
    await ephemeralAnswer(stack, sent);
    const failed = await stack.logs.waitFor((e) => e.msg === 'generation failed');
    const err = failed.err as Record<string, unknown>;
    expect(err).toMatchObject({ code: 50035, status: 400, method: 'PATCH' });
    expect(err.route).toBe(`/api/v10/webhooks/${stack.discord.applicationId}/:token/messages/%40original`);
    expect(err).not.toHaveProperty('requestBody');
    const longest = Math.max(...stack.logs.lines.map((line) => line.length));
    expect(longest).toBeLessThan(8 * 1024);
    for (const line of stack.logs.lines) expect(line).not.toContain(sent.token);
  } finally {
    await stack.close();
  }
});

test('GIVEN a fal error that names a URL THEN the error stored with the generation does not', async () => {
  const stack = await startStack();
  try {
    stack.fal.failNext('submit', {
      status: 422,
      body: {
        detail: [
          {
            loc: ['body', 'image_url'],
            msg: 'could not fetch https://cdn.example/x.png?sig=s3cr3t-signature',
            type: 'value_error',
          },
        ],
      },
    });
    const sent = imagine(stack, { prompt: 'a linked failure' });
    await ephemeralAnswer(stack, sent);
    const accepted = await stack.logs.waitFor(
      (e) => e.interactionId === sent.id && e.msg === 'generation accepted',
    );
    const stored = await settled(stack, accepted.generationId as string);
    expect(stored.error).toContain('could not fetch');
    expect(stored.error).not.toMatch(/https?:|s3cr3t/);
  } finally {
    await stack.close();
  }
});

test.each([
  ['DISCORD_API_URL', 'http://user:hunter22@127.0.0.1:9/api'],
  ['FAL_QUEUE_URL', 'https://key:secret@queue.example'],
  ['FAL_QUEUE_URL', 'https://onlyuser@queue.example'],
])(
  'GIVEN %s with credentials in it THEN start is refused with one line that does not repeat them',
  (name, url) => {
    const result = parseConfig({ DISCORD_TOKEN: 't', FAL_KEY: 'k', [name]: url });
    expect(result.ok).toBe(false);
    const error = result.ok ? '' : result.error;
    expect(error).toMatch(new RegExp(`^${name}: must not contain credentials`));
    expect(error).not.toContain('hunter22');
    expect(error).not.toContain('secret');
    expect(error.split('\n')).toHaveLength(1);
  },
);
