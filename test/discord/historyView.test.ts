// The history view is what Discord must accept: at the worst case (a full page, four images per entry,
// long prompts, every note, the longest language) it stays within 40 components and 4000 characters.
import { describe, expect, test } from 'vitest';
import type { Generation } from '../../src/core/generation.ts';
import {
  galleryOf,
  HISTORY_PAGE_SIZE,
  historyView,
  MAX_COMPONENTS,
  MAX_TEXT,
  openedEntryView,
  textLength,
} from '../../src/discord/presentation/historyView.ts';
import { SHIPPED_LOCALES } from '../../src/i18n/translate.ts';

function generation(n: number, extra: Partial<Generation> = {}): Generation {
  return {
    id: `gen${String(n).padStart(9, '0')}`,
    parentId: null,
    action: 'imagine',
    guildId: '100000000000000001',
    channelId: '200000000000000001',
    channelNsfw: false,
    userId: '300000000000000001',
    userName: 'member',
    applicationId: '400000000000000001',
    interactionId: '1',
    interactionToken: 't',
    model: 'fal-ai/flux-pro/kontext/text-to-image',
    options: { prompt: `prompt ${n}` } as Generation['options'],
    safety: 'standard' as Generation['safety'],
    source: null,
    chainStep: null,
    status: 'delivered',
    falRequestId: 'r',
    seed: 4_294_967_295,
    nsfwFlags: [false, false, false, false],
    imagesReturned: 4,
    outputUrls: [0, 1, 2, 3].map((i) => `https://fal.media/files/${n}-${i}.jpeg`),
    error: null,
    messageId: '500000000000000001',
    createdAt: 1_760_000_000_000 - n,
    submittedAt: null,
    completedAt: null,
    deliveredAt: null,
    deletedAt: null,
    attachmentSizeLimit: null,
    deliveredVia: 'edit',
    locale: null,
    interactionOnly: false,
    ...extra,
  };
}

function countComponents(nodes: readonly unknown[]): number {
  let n = 0;
  for (const node of nodes) {
    n++;
    const children = (node as { components?: unknown[] }).components;
    if (Array.isArray(children)) n += countComponents(children);
  }
  return n;
}

function customIds(nodes: readonly unknown[]): string[] {
  return nodes.flatMap((node) => {
    const c = node as { custom_id?: string; components?: unknown[] };
    return [...(c.custom_id ? [c.custom_id] : []), ...customIds(c.components ?? [])];
  });
}

type Item = { media: { url: string }; spoiler?: boolean };
const galleries = (nodes: readonly unknown[]) =>
  nodes.filter((c) => (c as { type: number }).type === 12).map((c) => (c as { items: Item[] }).items);

const ref = { list: 'history' as const, everywhere: true, page: 2, before: { createdAt: 5, id: 'abc' } };
const NO_MEDIA = new Map<string, (string | null)[]>();

describe('GIVEN the worst page: a full page of four images each, 1500-character prompts, every note', () => {
  // Half flagged (hidden or spoilered), one unavailable, prompts of markdown that escaping lengthens.
  const entries = Array.from({ length: HISTORY_PAGE_SIZE }, (_, n) =>
    generation(n, {
      options: { prompt: '*_'.repeat(750) } as Generation['options'],
      nsfwFlags: [true, true, false, false],
    }),
  );
  const media = new Map(entries.map((g) => [g.id, [...g.outputUrls!.slice(0, 3), null]]));
  const page = { entries, next: { createdAt: 1, id: 'zzz' }, unreadable: 3 };

  test.each(SHIPPED_LOCALES.flatMap((locale) => [true, false].map((nsfw) => [locale, nsfw] as const)))(
    'WHEN shown in %s (age-restricted: %s) THEN ≤ 40 components, ≤ 4000 characters, unique custom_ids',
    (locale, channelNsfw) => {
      const view = historyView(ref, page, media, { locale, channelNsfw });
      expect(countComponents(view.components)).toBeLessThanOrEqual(MAX_COMPONENTS);
      expect(textLength(view.components)).toBeLessThanOrEqual(MAX_TEXT);
      const ids = customIds(view.components);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => id.length <= 100)).toBe(true);
      expect(view.flags).toBe((1 << 15) | (1 << 6));
    },
  );

  test('the page holds five entries and Older carries the cursor', () => {
    expect(HISTORY_PAGE_SIZE).toBe(5);
    const view = historyView(ref, page, media, { locale: 'en', channelNsfw: false });
    expect(galleries(view.components)).toHaveLength(5);
    const ids = customIds(view.components);
    expect(ids).toContain('v1:history:ha');
    expect(ids).toContain('v1:history:ha3_1_zzz');
  });
});

describe('GIVEN an entry with flagged images', () => {
  const g = generation(1, { nsfwFlags: [true, false, true, false] });

  test('WHEN the member is in an age-restricted channel THEN they are spoiler items', () => {
    const { items, hidden } = galleryOf(g, NO_MEDIA, true);
    expect(hidden).toBe(0);
    expect(items.map((i) => i.spoiler === true)).toEqual([true, false, true, false]);
  });

  test('WHEN the channel is not age-restricted THEN they are left out, and the text says how many', () => {
    const { items, hidden } = galleryOf(g, NO_MEDIA, false);
    expect(hidden).toBe(2);
    expect(items.map((i) => i.media.url)).toEqual([g.outputUrls![1], g.outputUrls![3]]);
    const view = historyView(
      { list: 'history', everywhere: false, page: 1, before: null },
      { entries: [g], next: null, unreadable: 0 },
      NO_MEDIA,
      { locale: 'en', channelNsfw: false },
    );
    expect(JSON.stringify(view.components)).toContain('2 images hidden');
  });

  test('an image resolved to another URL shows that one; one resolved to nothing is counted as gone', () => {
    const media = new Map([[g.id, ['https://cdn.example/a', null, null, g.outputUrls![3]!]]]);
    const { items, unavailable } = galleryOf(g, media, true);
    expect(items.map((i) => i.media.url)).toEqual(['https://cdn.example/a', g.outputUrls![3]]);
    expect(unavailable).toBe(2);
  });
});

describe('GIVEN an empty list', () => {
  test('WHEN shown THEN a friendly text and no paging buttons', () => {
    const view = historyView(
      { list: 'favorites', everywhere: false, page: 1, before: null },
      { entries: [], next: null, unreadable: 0 },
      NO_MEDIA,
      { locale: 'de', channelNsfw: false },
    );
    expect(view.components).toHaveLength(1);
    expect(JSON.stringify(view.components)).toContain('Noch keine Favoriten');
  });
});

describe('GIVEN one result opened again', () => {
  test('THEN its gallery, text, the usual buttons but Delete, ⭐ and a link to the posted message', () => {
    const g = generation(7);
    const view = openedEntryView(g, NO_MEDIA, { locale: 'en', channelNsfw: false });
    const ids = customIds(view.components);
    expect(ids).toContain(`v1:reroll:${g.id}`);
    expect(ids).toContain(`v1:favorite:${g.id}`);
    expect(ids.some((id) => id.startsWith('v1:delete:'))).toBe(false);
    expect(JSON.stringify(view.components)).toContain(
      'https://discord.com/channels/100000000000000001/200000000000000001/500000000000000001',
    );
    expect(countComponents(view.components)).toBeLessThanOrEqual(MAX_COMPONENTS);
  });
});
