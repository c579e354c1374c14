import { PassThrough } from 'node:stream';
import { DiscordAPIError } from '@discordjs/rest';
import { expect, test } from 'vitest';
import { createLogger, serializeError } from '../../src/logger.ts';

test('secrets are scrubbed from every log line, wherever they appear', async () => {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const logger = createLogger({
    level: 'info',
    secrets: ['super-secret-token', 'fal-key-123456'],
    destination: out,
  });
  logger.info({ url: 'https://x/?t=super-secret-token', token: 'abc' }, 'calling with fal-key-123456');
  logger.error({ err: new Error('401 for Key fal-key-123456') }, 'failed');
  await new Promise((resolve) => setImmediate(resolve));
  const text = chunks.join('');
  expect(text).toContain('[redacted]');
  expect(text).not.toContain('super-secret-token');
  expect(text).not.toContain('fal-key-123456');
  expect(JSON.parse(text.split('\n')[0]!).token).toBe('[redacted]');
});

test('GIVEN a DiscordAPIError of a 4 × 3 MB upload THEN its log line names the failure in under 2 KB, token masked', async () => {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const logger = createLogger({ level: 'info', secrets: [], destination: out });
  const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5.interaction-token';
  const files = Array.from({ length: 4 }, (_, i) => ({
    name: `kontext-${i}.png`,
    data: Buffer.alloc(3_000_000, 7),
  }));
  const error = new DiscordAPIError(
    { code: 50035, message: 'Invalid Form Body' },
    50035,
    400,
    'PATCH',
    `https://discord.com/api/v10/webhooks/4000/${token}/messages/@original`,
    { files, body: { content: 'x' } },
  );
  const wrapped = new Error('delivery failed', { cause: new Error('outer', { cause: error }) });
  logger.error({ err: error }, 'generation failed');
  logger.error({ err: wrapped }, 'wrapped');
  await new Promise((resolve) => setImmediate(resolve));
  const [line, wrappedLine] = chunks.join('').split('\n');
  expect(line!.length).toBeLessThan(2048);
  expect(line).not.toContain(token);
  const err = JSON.parse(line!).err as Record<string, unknown>;
  expect(err).toMatchObject({ type: 'DiscordAPIError[50035]', code: 50035, status: 400, method: 'PATCH' });
  expect(err.route).toBe('/api/v10/webhooks/4000/:token/messages/@original');
  expect(err).not.toHaveProperty('requestBody');
  expect(JSON.parse(wrappedLine!).err.cause.cause).toMatchObject({ code: 50035, route: err.route });
});

test('GIVEN a cause chain that loops THEN the serializer stops after a few links', () => {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  a.cause = b;
  const serialized = JSON.stringify(serializeError(a));
  expect(serialized.length).toBeLessThan(20_000);
  expect(serialized).toContain('cause chain cut');
});
