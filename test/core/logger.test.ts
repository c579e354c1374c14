import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { createLogger } from '../../src/logger.ts';

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
