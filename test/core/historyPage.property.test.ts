// Paging buttons of /history and /favorites come back with whatever custom_id a client carries: the
// codec must round-trip every page it can write, always fit Discord's custom_id, and refuse junk quietly.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../src/core/customId.ts';
import {
  CURSOR_ID_MAX,
  decodeHistoryPage,
  encodeHistoryPage,
  type HistoryPageRef,
  MAX_PAGE,
} from '../../src/core/historyPage.ts';

const RUNS = 2000;
const ID_ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'];
const cursorId = fc.string({ unit: fc.constantFrom(...ID_ALPHABET), minLength: 1, maxLength: CURSOR_ID_MAX });
const list = fc.constantFrom('history' as const, 'favorites' as const);

const firstPage: fc.Arbitrary<HistoryPageRef> = fc.record({
  list,
  everywhere: fc.boolean(),
  page: fc.constant(1),
  before: fc.constant(null),
});
const laterPage: fc.Arbitrary<HistoryPageRef> = fc.record({
  list,
  everywhere: fc.boolean(),
  page: fc.integer({ min: 2, max: MAX_PAGE }),
  before: fc.record({ createdAt: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), id: cursorId }),
});
const anyPage = fc.oneof(firstPage, laterPage);

describe('GIVEN any page of either list, in either scope, at any cursor', () => {
  test('WHEN encoded THEN it decodes to the same page, and the whole custom_id fits 100 characters', () => {
    fc.assert(
      fc.property(anyPage, (ref) => {
        const payload = encodeHistoryPage(ref);
        expect(payload).toBeDefined();
        expect(decodeHistoryPage(payload!)).toEqual({ ok: true, value: ref });
        const customId = encodeCustomId({ action: 'history', generationId: payload! });
        expect(customId.length).toBeLessThanOrEqual(100);
        expect(decodeCustomId(customId)).toEqual({
          ok: true,
          value: { action: 'history', generationId: payload },
        });
      }),
      { numRuns: RUNS },
    );
  });

  test('the extremes encode: the newest possible time, the longest id, the last page', () => {
    const ref: HistoryPageRef = {
      list: 'favorites',
      everywhere: true,
      page: MAX_PAGE,
      before: { createdAt: Number.MAX_SAFE_INTEGER, id: '_'.repeat(CURSOR_ID_MAX) },
    };
    expect(encodeHistoryPage(ref)?.length).toBe(64);
    expect(decodeHistoryPage(encodeHistoryPage(ref)!)).toEqual({ ok: true, value: ref });
  });
});

describe('GIVEN something the codec cannot carry', () => {
  test.each([
    { page: 1, before: { createdAt: 5, id: 'abc' } },
    { page: 2, before: null },
    { page: 0, before: { createdAt: 5, id: 'abc' } },
    { page: MAX_PAGE + 1, before: { createdAt: 5, id: 'abc' } },
    { page: 2, before: { createdAt: -1, id: 'abc' } },
    { page: 2, before: { createdAt: 2 ** 53, id: 'abc' } },
    { page: 2, before: { createdAt: 5, id: 'a'.repeat(CURSOR_ID_MAX + 1) } },
    { page: 2, before: { createdAt: 5, id: 'a:b' } },
  ])('WHEN encoding %o THEN it answers undefined', (part) => {
    expect(encodeHistoryPage({ list: 'history', everywhere: false, ...part })).toBeUndefined();
  });
});

describe('GIVEN junk where a payload should be', () => {
  test('WHEN decoded THEN it is refused or is a page that encodes back to exactly it, never a throw', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...ID_ALPHABET), maxLength: 70 }),
      fc.constantFrom('', 'h', 'hx', 'xs', 'hs2', 'hs2_', 'hs02_1_a', 'hs2_01_a', 'hs1_1_a', 'hszzzzz_1_a'),
    );
    fc.assert(
      fc.property(junk, (raw) => {
        const decoded = decodeHistoryPage(raw);
        if (decoded.ok) expect(encodeHistoryPage(decoded.value)).toBe(raw);
      }),
      { numRuns: RUNS },
    );
    expect(decodeHistoryPage('hs02_1_a').ok).toBe(false);
    expect(decodeHistoryPage('hs1_1_a').ok).toBe(false);
    expect(decodeHistoryPage('hs').ok).toBe(true);
  });
});
