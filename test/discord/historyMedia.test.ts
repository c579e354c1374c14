// URL resolution for history entries: fal's URL while it answers, else the posted attachment's fresh
// URL, else nothing; answers are cached briefly and the cache is bounded.
import { describe, expect, test } from 'vitest';
import type { Generation } from '../../src/core/generation.ts';
import { HistoryMedia, type MediaSources } from '../../src/discord/historyMedia.ts';

const gen = (id: string, urls: string[], messageId: string | null = 'm1') =>
  ({ id, outputUrls: urls, messageId, channelId: 'c1' }) as unknown as Generation;

function sources(live: Set<string>, posted: Record<string, { filename: string; url: string }[]>) {
  const calls = { probes: [] as string[], reads: [] as string[] };
  const s: MediaSources = {
    async probe(url) {
      calls.probes.push(url);
      return live.has(url);
    },
    async attachments(_channel, messageId) {
      calls.reads.push(messageId);
      return posted[messageId];
    },
  };
  return { s, calls };
}

describe('GIVEN a result whose second fal URL has expired', () => {
  const g = gen('abc', ['https://fal/0', 'https://fal/1', 'https://fal/2']);
  const posted = {
    m1: [
      { filename: 'kontext-abc-2.jpeg', url: 'https://cdn/fresh-2' },
      { filename: 'kontext-other-3.jpeg', url: 'https://cdn/not-ours' },
    ],
  };

  test('WHEN resolved THEN fal serves the live ones, the posted copy replaces it, a missing one is null', async () => {
    const { s, calls } = sources(new Set(['https://fal/0']), posted);
    const media = new HistoryMedia(s);
    expect((await media.resolve([g])).get('abc')).toEqual(['https://fal/0', 'https://cdn/fresh-2', null]);
    expect(calls.reads).toEqual(['m1']);
  });

  test('WHEN resolved again within the cache time THEN nothing is probed or read again', async () => {
    let now = 0;
    const { s, calls } = sources(new Set(['https://fal/0']), posted);
    const media = new HistoryMedia(s, { ttlMs: 1000, now: () => now });
    await media.resolve([g]);
    await media.resolve([g]);
    expect(calls.probes).toHaveLength(3);
    expect(calls.reads).toHaveLength(1);
    now = 2000;
    await media.resolve([g]);
    expect(calls.probes).toHaveLength(6);
  });

  test('the cache keeps at most maxEntries answers, dropping the oldest', async () => {
    const { s, calls } = sources(new Set(['https://fal/0', 'https://fal/1', 'https://fal/2']), {});
    const media = new HistoryMedia(s, { maxEntries: 2 });
    await media.resolve([g]);
    await media.resolve([gen('abc', ['https://fal/2'])]);
    await media.resolve([gen('abc', ['https://fal/0'])]);
    expect(calls.probes).toEqual(['https://fal/0', 'https://fal/1', 'https://fal/2', 'https://fal/0']);
  });

  test('a message Discord will not give (deleted, no access) leaves the image out without throwing', async () => {
    const s: MediaSources = {
      probe: async () => false,
      attachments: () => Promise.reject(new Error('403')),
    };
    expect((await new HistoryMedia(s).resolve([g])).get('abc')).toEqual([null, null, null]);
  });
});
