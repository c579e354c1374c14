import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { delivery, ephemeralAnswer, imagine, startStack } from './harness.ts';

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
