import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import type { MessageLookup, SeenMessage } from '../../src/discord/messageLookup.ts';
import { findUnrecordedParts } from '../../src/jobs/deliveryProbe.ts';
import { PostedParts } from '../../src/jobs/postedParts.ts';
import { createLogger } from '../../src/logger.ts';
import type { DeliveredPart } from '../../src/storage/deliveryLog.ts';
import { completedGeneration } from '../fixtures/generation.ts';

const generation = completedGeneration({ id: 'gen1', channelId: '20', guildId: '10' });
const names = ['kontext-gen1-1.png', 'kontext-gen1-2.png', 'kontext-gen1-3.png'];

const message = (id: string, over: Partial<SeenMessage> = {}): SeenMessage => ({
  id,
  channelId: '20',
  viaInteraction: false,
  attachments: [],
  embedFooters: [],
  ...over,
});
const head = (id: string, files: string[], over: Partial<SeenMessage> = {}) =>
  message(id, { attachments: files, embedFooters: ['FLUX.1 Kontext [pro] · gen1'], ...over });

function lookup(over: Partial<MessageLookup>): MessageLookup {
  return {
    original: async () => message('0'),
    recent: async () => [],
    dmChannelId: async () => '99',
    ...over,
  };
}

const part = (n: number, files: string[]): DeliveredPart => ({
  generationId: 'gen1',
  part: n,
  route: 'channel',
  messageId: `m${n}`,
  channelId: '20',
  files,
  last: false,
  postedAt: 0,
});

describe('GIVEN a delivery resumed after a crash', () => {
  test('WHEN Discord has the head and a later part THEN both are found, head first, with their routes', async () => {
    const found = await findUnrecordedParts(generation, names, new PostedParts([]), {
      tokenAlive: true,
      lookup: lookup({
        original: async () => head('100', [names[0]!], { viaInteraction: true }),
        recent: async (channel) =>
          channel === '20'
            ? [
                message('101', { attachments: [names[1]!], viaInteraction: true }),
                head('100', [names[0]!], { viaInteraction: true }),
              ]
            : [],
      }),
    });
    expect(found).toEqual([
      { route: 'edit', messageId: '100', channelId: '20', files: [names[0]], head: true },
      { route: 'edit', messageId: '101', channelId: '20', files: [names[1]], head: false },
    ]);
  });

  test('WHEN only files without a head are seen THEN nothing is taken (the head is always posted first)', async () => {
    const found = await findUnrecordedParts(generation, names, new PostedParts([]), {
      tokenAlive: false,
      lookup: lookup({ recent: async () => [message('101', { attachments: [names[1]!] })] }),
    });
    expect(found).toEqual([]);
  });

  test('WHEN parts are recorded THEN only messages and files the log does not have are found', async () => {
    const posted = new PostedParts([part(0, [names[0]!])]);
    const found = await findUnrecordedParts(generation, names, posted, {
      tokenAlive: false,
      lookup: lookup({
        recent: async () => [
          message('m0', { attachments: [names[0]!], embedFooters: ['· gen1'] }),
          message('102', { attachments: [names[1]!, 'someone-else.png'] }),
        ],
      }),
    });
    expect(found).toEqual([
      { route: 'channel', messageId: '102', channelId: '20', files: [names[1]], head: false },
    ]);
  });

  test('WHEN a lookup fails (no Read Message History) THEN the others still count and the failure is logged', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString('utf8'));
        callback();
      },
    });
    const log = createLogger({ level: 'warn', secrets: [], destination });
    const found = await findUnrecordedParts(generation, names, new PostedParts([]), {
      tokenAlive: false,
      log,
      lookup: lookup({
        recent: async (channel) => {
          if (channel === '20') throw Object.assign(new Error('Missing Access'), { code: 50001 });
          return [head('200', [names[0]!], { channelId: '99' })];
        },
      }),
    });
    expect(found).toEqual([
      { route: 'dm', messageId: '200', channelId: '99', files: [names[0]], head: true },
    ]);
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['could not check what Discord already has']);
  });
});
