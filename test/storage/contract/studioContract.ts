// The studio contract (history, favourites, preferences, presets): one suite, run on every engine
// (sqlite.test.ts, postgres.test.ts) next to the storage contract.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { NewGeneration } from '../../../src/core/generation.ts';
import { PROMPT_MAX_LENGTH } from '../../../src/core/imagineOptions.ts';
import type { Stores } from '../../../src/storage/openStore.ts';
import {
  type HistoryCursor,
  type HistoryPage,
  type HistoryQuery,
  MAX_PRESETS_PER_MEMBER,
  PRESET_LIST_MAX,
  PRESET_NAME_MAX_LENGTH,
  presetName,
  presetPrompt,
  StudioInputError,
  type StudioInputReason,
} from '../../../src/storage/studioStore.ts';
import { type Engine, newGeneration, useFreshDatabase } from './storeContract.ts';

const ME = '300';
const OTHER = '301';
const GUILD = '100';
const ELSEWHERE = '101';

const refusal = (reason: StudioInputReason) =>
  expect.objectContaining({ name: 'StudioInputError', reason }) as unknown as StudioInputError;

/** Newest first, as history orders: created_at DESC, then id DESC in byte order (ids here are ASCII). */
const newestFirst = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function defineStudioContract(engine: Engine): void {
  describe(`${engine.name}: studio`, () => {
    const db = useFreshDatabase(engine);
    const connect = db.connect;

    /** A generation as the bot leaves it after posting the result. */
    const delivered = async (stores: Stores, id: string, over: Partial<NewGeneration> = {}) => {
      await stores.store.createGeneration(newGeneration(id, over));
      return stores.store.updateGeneration(id, {
        status: 'delivered',
        messageId: `m-${id}`,
        deliveredAt: (over.createdAt ?? 1_700_000_000_000) + 5,
        deliveredVia: 'edit',
      });
    };

    /** Every page of a query, following `next`, with the cursors seen. */
    const allPages = async (stores: Stores, query: Omit<HistoryQuery, 'before'>) => {
      const pages: HistoryPage[] = [];
      let before: HistoryCursor | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await stores.studio.history({ ...query, before });
        pages.push(page);
        if (!page.next) break;
        before = page.next;
      }
      return {
        pages,
        ids: pages.flatMap((page) => page.entries.map((g) => g.id)),
        unreadable: pages.reduce((sum, page) => sum + page.unreadable, 0),
      };
    };

    describe('history', () => {
      test('newest first, keyset-paged over many pages: ties of created_at neither repeat nor skip an entry', async () => {
        const stores = await connect();
        const mine: Array<{ id: string; createdAt: number }> = [];
        for (let i = 0; i < 23; i++) {
          // Three per millisecond, ids out of creation order.
          const id = `h${String((i * 7) % 23).padStart(2, '0')}`;
          const createdAt = 1_700_000_000_000 + Math.floor(i / 3);
          await delivered(stores, id, { createdAt, userId: ME });
          mine.push({ id, createdAt });
        }
        await delivered(stores, 'someone-else', { userId: OTHER, createdAt: 1_700_000_000_005 });
        const expected = [...mine].sort(newestFirst).map((g) => g.id);

        const { pages, ids, unreadable } = await allPages(stores, { userId: ME, guildId: GUILD, limit: 5 });
        expect(ids).toEqual(expected);
        expect(new Set(ids).size).toBe(23);
        expect(pages.map((page) => page.entries.length)).toEqual([5, 5, 5, 5, 3]);
        expect(unreadable).toBe(0);
        expect(pages[0]!.next).toEqual({
          createdAt: mine.find((g) => g.id === expected[4])!.createdAt,
          id: expected[4],
        });
        expect(pages[0]!.entries[0]).toMatchObject({
          status: 'delivered',
          userId: ME,
          messageId: `m-${expected[0]}`,
        });

        // A page that ends exactly at the last entry says there is nothing after it.
        const exact = await allPages(await connect(), { userId: ME, guildId: GUILD, limit: 23 });
        expect(exact.pages).toHaveLength(1);
        expect(exact.pages[0]!.next).toBeNull();
        // limit is clamped to 1 at least.
        expect((await stores.studio.history({ userId: ME, guildId: GUILD, limit: 0 })).entries).toHaveLength(
          1,
        );
      });

      test('per server or everywhere (DMs included); never another member’s, never undelivered or deleted ones', async () => {
        const stores = await connect();
        const t = 1_700_000_000_000;
        await delivered(stores, 'here-1', { createdAt: t + 1 });
        await delivered(stores, 'there', { createdAt: t + 2, guildId: ELSEWHERE });
        await delivered(stores, 'dm', { createdAt: t + 3, guildId: null });
        await delivered(stores, 'here-2', { createdAt: t + 4, action: 'reroll', parentId: 'here-1' });
        await delivered(stores, 'theirs', { createdAt: t + 5, userId: OTHER });
        await stores.store.createGeneration(newGeneration('accepted', { createdAt: t + 6 }));
        await stores.store.createGeneration(newGeneration('running', { createdAt: t + 7 }));
        await stores.store.updateGeneration('running', { status: 'completed', completedAt: t + 8 });
        await stores.store.createGeneration(newGeneration('failed', { createdAt: t + 8 }));
        await stores.store.updateGeneration('failed', { status: 'failed', error: 'fal said no' });
        await delivered(stores, 'deleted', { createdAt: t + 9 });
        await stores.store.updateGeneration('deleted', { deletedAt: t + 10 });

        const other = await connect();
        const here = await other.studio.history({ userId: ME, guildId: GUILD, limit: 10 });
        expect(here.entries.map((g) => g.id)).toEqual(['here-2', 'here-1']);
        expect(here.next).toBeNull();
        const everywhere = await other.studio.history({ userId: ME, guildId: null, limit: 10 });
        expect(everywhere.entries.map((g) => g.id)).toEqual(['here-2', 'dm', 'there', 'here-1']);
        expect(
          (await other.studio.history({ userId: OTHER, guildId: null, limit: 10 })).entries,
        ).toHaveLength(1);
        expect((await other.studio.history({ userId: 'nobody', guildId: null, limit: 10 })).entries).toEqual(
          [],
        );
      });

      test('an unreadable row is skipped and counted, and paging goes on past it', async () => {
        const stores = await connect();
        for (let i = 0; i < 8; i++) await delivered(stores, `u${i}`, { createdAt: 1_700_000_000_000 + i });
        await db.exec(`UPDATE generations SET options_json = 'not json' WHERE id = 'u6'`);
        await db.exec(`UPDATE generations SET model = 'fal-ai/gone' WHERE id = 'u3'`);
        await db.exec(`UPDATE generations SET seed = 9007199254740993 WHERE id = 'u2'`);

        const { pages, ids, unreadable } = await allPages(stores, { userId: ME, guildId: GUILD, limit: 3 });
        expect(ids).toEqual(['u7', 'u5', 'u4', 'u1', 'u0']);
        expect(unreadable).toBe(3);
        expect(pages.map((page) => [page.entries.length, page.unreadable])).toEqual([
          [2, 1],
          [1, 2],
          [2, 0],
        ]);
      });
    });

    describe('favourites', () => {
      test('on and off are idempotent; an unknown generation is never a favourite', async () => {
        const stores = await connect();
        await delivered(stores, 'a');
        await delivered(stores, 'b');
        expect(await stores.studio.setFavorite(ME, 'a', true, 1)).toBe(true);
        expect(await stores.studio.setFavorite(ME, 'a', true, 2)).toBe(true);
        expect(await stores.studio.setFavorite(ME, 'missing', true, 3)).toBe(false);
        expect(await stores.studio.isFavorite(ME, ['a', 'b', 'missing'])).toEqual(new Set(['a']));
        expect(await stores.studio.isFavorite(ME, [])).toEqual(new Set());
        expect(await stores.studio.isFavorite(OTHER, ['a'])).toEqual(new Set());

        const other = await connect();
        expect(await other.studio.isFavorite(ME, ['a'])).toEqual(new Set(['a']));
        expect(await other.studio.setFavorite(ME, 'a', false, 4)).toBe(false);
        expect(await other.studio.setFavorite(ME, 'a', false, 5)).toBe(false);
        expect(await stores.studio.isFavorite(ME, ['a', 'b'])).toEqual(new Set());
        expect(await stores.studio.setFavorite(ME, 'a', true, 6)).toBe(true);
      });

      test('favouritesOnly pages through the member’s stars (whoever asked), per server, without deleted ones', async () => {
        const stores = await connect();
        const t = 1_700_000_000_000;
        const starred: Array<{ id: string; createdAt: number }> = [];
        for (let i = 0; i < 14; i++) {
          const id = `f${String(i).padStart(2, '0')}`;
          const createdAt = t + Math.floor(i / 2);
          await delivered(stores, id, { createdAt, userId: i % 4 === 0 ? OTHER : ME });
          if (i % 3 !== 1) {
            await stores.studio.setFavorite(ME, id, true, t + 100);
            starred.push({ id, createdAt });
          }
        }
        await delivered(stores, 'elsewhere', { createdAt: t + 50, guildId: ELSEWHERE });
        await stores.studio.setFavorite(ME, 'elsewhere', true, t + 100);
        await stores.studio.setFavorite(OTHER, 'f01', true, t + 100);
        await stores.store.updateGeneration('f03', { deletedAt: t + 200 });
        const expected = starred
          .filter((g) => g.id !== 'f03')
          .sort(newestFirst)
          .map((g) => g.id);

        const here = await allPages(stores, { userId: ME, guildId: GUILD, limit: 3, favoritesOnly: true });
        expect(here.ids).toEqual(expected);
        expect(here.pages.length).toBeGreaterThan(2);
        const everywhere = await allPages(stores, {
          userId: ME,
          guildId: null,
          limit: 4,
          favoritesOnly: true,
        });
        expect(everywhere.ids).toEqual(['elsewhere', ...expected]);
        const theirs = await stores.studio.history({
          userId: OTHER,
          guildId: null,
          limit: 10,
          favoritesOnly: true,
        });
        expect(theirs.entries.map((g) => g.id)).toEqual(['f01']);
        // Deleted: not listed, though still starred.
        expect(await stores.studio.isFavorite(ME, ['f03'])).toEqual(new Set(['f03']));
      });
    });

    describe('preferences', () => {
      test('round-trip, undefined keeps, null clears; refused values throw and write nothing', async () => {
        const stores = await connect();
        const none = { aspectRatio: null, count: null, format: null, styleSuffix: null };
        expect(await stores.studio.getPreferences(ME)).toEqual(none);
        expect(await stores.studio.setPreferences(ME, { aspectRatio: '16:9', count: 4 }, 1)).toEqual({
          ...none,
          aspectRatio: '16:9',
          count: 4,
        });
        expect(
          await stores.studio.setPreferences(ME, { format: 'png', styleSuffix: '  , cinematic 🎬 ' }, 2),
        ).toEqual({ aspectRatio: '16:9', count: 4, format: 'png', styleSuffix: ', cinematic 🎬' });
        const other = await connect();
        expect(await other.studio.getPreferences(ME)).toEqual({
          aspectRatio: '16:9',
          count: 4,
          format: 'png',
          styleSuffix: ', cinematic 🎬',
        });
        expect(await other.studio.setPreferences(ME, { count: null, styleSuffix: '' }, 3)).toEqual({
          ...none,
          aspectRatio: '16:9',
          format: 'png',
        });
        expect(await other.studio.setPreferences(ME, {}, 4)).toEqual({
          ...none,
          aspectRatio: '16:9',
          format: 'png',
        });
        expect(await stores.studio.getPreferences(OTHER)).toEqual(none);

        for (const patch of [
          { aspectRatio: '5:4' },
          { count: 5 },
          { count: 1.5 },
          { format: 'webp' },
          { styleSuffix: 'x'.repeat(201) },
          { styleSuffix: 'bad\u0000' },
        ] as const)
          await expect(
            stores.studio.setPreferences(ME, { aspectRatio: '1:1', ...(patch as object) }, 5),
          ).rejects.toEqual(refusal('preferences'));
        expect(await stores.studio.getPreferences(ME)).toEqual({
          ...none,
          aspectRatio: '16:9',
          format: 'png',
        });
      });

      test('a stored value the bot no longer accepts reads as no preference, never throws', async () => {
        const stores = await connect();
        await stores.studio.setPreferences(
          ME,
          { aspectRatio: '1:1', count: 2, format: 'jpeg', styleSuffix: 'oil' },
          1,
        );
        await db.exec(`UPDATE member_preferences SET aspect_ratio = '5:4', count = 9, format = 'webp'`);
        expect(await stores.studio.getPreferences(ME)).toEqual({
          aspectRatio: null,
          count: null,
          format: null,
          styleSuffix: 'oil',
        });
        await db.exec(`UPDATE member_preferences SET count = 0, style_suffix = '${'y'.repeat(500)}'`);
        expect(await stores.studio.getPreferences(ME)).toMatchObject({ count: null, styleSuffix: null });
        // Writing one column leaves the unreadable others as they are (still read as null).
        expect(await stores.studio.setPreferences(ME, { count: 3 }, 2)).toMatchObject({
          count: 3,
          format: null,
        });
      });
    });

    describe('presets', () => {
      test('upsert by name case-insensitively; get, autocomplete by prefix, delete', async () => {
        const stores = await connect();
        expect(await stores.studio.savePreset(ME, 'Neon', 'neon city at night', 1)).toMatchObject({
          created: true,
          preset: { name: 'Neon', prompt: 'neon city at night', createdAt: 1, updatedAt: 1 },
        });
        expect(await stores.studio.savePreset(ME, '  neon ', '  rain, neon signs ', 2)).toEqual({
          created: false,
          preset: { name: 'neon', prompt: 'rain, neon signs', createdAt: 1, updatedAt: 2 },
        });
        await stores.studio.savePreset(ME, 'Neon   Noir', 'noir', 3);
        await stores.studio.savePreset(ME, 'nebula', 'space', 4);
        await stores.studio.savePreset(ME, 'Ｆｕｌｌｗｉｄｔｈ', 'wide', 5);
        await stores.studio.savePreset(ME, 'Éclair', 'pastry', 6);
        await stores.studio.savePreset(OTHER, 'Neon', 'theirs', 7);

        const other = await connect();
        expect(await other.studio.getPreset(ME, 'NEON')).toMatchObject({
          name: 'neon',
          prompt: 'rain, neon signs',
        });
        expect(await other.studio.getPreset(OTHER, 'neon')).toMatchObject({ prompt: 'theirs' });
        expect(await other.studio.getPreset(ME, 'neon noir')).toMatchObject({ name: 'Neon Noir' });
        expect(await other.studio.getPreset(ME, 'fullwidth')).toMatchObject({ name: 'Fullwidth' });
        expect(await other.studio.getPreset(ME, 'missing')).toBeUndefined();
        expect(await other.studio.getPreset(ME, '')).toBeUndefined();
        expect(await other.studio.getPreset(ME, 'x'.repeat(40))).toBeUndefined();

        const names = async (prefix: string, limit = 25) =>
          (await other.studio.listPresets(ME, prefix, limit)).map((p) => p.name);
        expect(await names('NE')).toEqual(['nebula', 'neon', 'Neon Noir']);
        expect(await names('neon ')).toEqual(['Neon Noir']);
        expect(await names('')).toEqual(['Fullwidth', 'nebula', 'neon', 'Neon Noir', 'Éclair']);
        expect(await names('é')).toEqual(['Éclair']);
        expect(await names('ne', 2)).toEqual(['nebula', 'neon']);
        expect(await names('zzz')).toEqual([]);

        expect(await other.studio.deletePreset(ME, 'NeOn')).toBe(true);
        expect(await other.studio.deletePreset(ME, 'neon')).toBe(false);
        expect(await other.studio.deletePreset(ME, '')).toBe(false);
        expect(await stores.studio.getPreset(ME, 'neon')).toBeUndefined();
        expect(await stores.studio.getPreset(OTHER, 'neon')).toMatchObject({ prompt: 'theirs' });
      });

      test('names of 1–32 characters (emoji count as one each) and prompts /imagine accepts; others are refused', async () => {
        const stores = await connect();
        const longest = '🦊'.repeat(PRESET_NAME_MAX_LENGTH);
        expect(await stores.studio.savePreset(ME, longest, 'p'.repeat(PROMPT_MAX_LENGTH), 1)).toMatchObject({
          created: true,
        });
        expect(await stores.studio.getPreset(ME, longest)).toMatchObject({
          prompt: 'p'.repeat(PROMPT_MAX_LENGTH),
        });
        for (const name of [
          '',
          '   ',
          'x'.repeat(PRESET_NAME_MAX_LENGTH + 1),
          'bell\u0007',
          'nul\u0000',
          '\ud800',
        ])
          await expect(stores.studio.savePreset(ME, name, 'fine', 2)).rejects.toEqual(refusal('preset_name'));
        for (const prompt of ['', '   ', 'p'.repeat(PROMPT_MAX_LENGTH + 1), 'nul\u0000'])
          await expect(stores.studio.savePreset(ME, 'ok', prompt, 3)).rejects.toEqual(
            refusal('preset_prompt'),
          );
        expect(await stores.studio.listPresets(ME, '', 100)).toHaveLength(1);
      });

      test(`at most ${MAX_PRESETS_PER_MEMBER} per member, also when saves race on separate connections`, async () => {
        const connections = [await connect(), await connect(), await connect()];
        const members = [ME, 'r1', 'r2', 'r3'];
        const rows = members.flatMap((member) =>
          Array.from({ length: MAX_PRESETS_PER_MEMBER - 5 }, (_, i) => {
            const name = `p${String(i).padStart(2, '0')}`;
            return `('${member}', '${name}', '${name}', 'prompt', ${i}, ${i})`;
          }),
        );
        await db.exec(
          `INSERT INTO presets (user_id, name_key, name, prompt, created_at, updated_at) VALUES ${rows.join(', ')}`,
        );
        // Every connection of every pool open first, so the saves below really run at once.
        await Promise.all(
          connections.flatMap((stores) => Array.from({ length: 4 }, () => stores.studio.getPreferences(ME))),
        );
        const results = await Promise.allSettled(
          members.flatMap((member) =>
            connections.flatMap((stores, c) =>
              Array.from({ length: 6 }, (_, i) =>
                stores.studio.savePreset(member, `race-${c}-${i}`, 'x', 100 + i),
              ),
            ),
          ),
        );
        for (const result of results)
          if (result.status === 'rejected') expect(result.reason).toEqual(refusal('preset_limit'));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5 * members.length);
        expect(results.filter((r) => r.status === 'rejected')).toHaveLength(13 * members.length);

        const other = await connect();
        let raced = 0;
        for (let c = 0; c < 3; c++)
          for (let i = 0; i < 6; i++) if (await other.studio.getPreset(ME, `race-${c}-${i}`)) raced++;
        expect(raced).toBe(5);
        // Full: a new name is refused, an existing one is still updated, and others are not affected.
        await expect(other.studio.savePreset(ME, 'one more', 'x', 200)).rejects.toBeInstanceOf(
          StudioInputError,
        );
        expect(await other.studio.savePreset(ME, 'P00', 'updated', 201)).toMatchObject({ created: false });
        expect(await other.studio.savePreset(OTHER, 'one more', 'x', 202)).toMatchObject({ created: true });
        // A deleted one makes room again.
        expect(await other.studio.deletePreset(ME, 'p01')).toBe(true);
        expect(await other.studio.savePreset(ME, 'one more', 'x', 203)).toMatchObject({ created: true });
        expect(await other.studio.listPresets(ME, '', 1000)).toHaveLength(PRESET_LIST_MAX);
      });

      test('any name and prompt (unicode, emoji, up to the limits) is stored as checked, or refused (property)', async () => {
        const stores = await connect();
        const other = await connect();
        const glyphs = fc.constantFrom(
          '🦊',
          '👩‍💻',
          '🇫🇷',
          'Ä',
          'ß',
          'İ',
          'ﬁ',
          'Ｎ',
          'e\u0301',
          ' ',
          '\t',
          'a',
          'Z',
        );
        // Names around the 32-character limit (emoji, flags and ZWJ sequences are several code points),
        // now and then with a control character; prompts around 1500 UTF-16 units.
        const name = fc.oneof(
          { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), weight: 2 },
          {
            arbitrary: fc.string({
              unit: glyphs,
              minLength: PRESET_NAME_MAX_LENGTH - 12,
              maxLength: PRESET_NAME_MAX_LENGTH + 2,
            }),
            weight: 2,
          },
          {
            arbitrary: fc
              .tuple(
                fc.string({ unit: glyphs, maxLength: 10 }),
                fc.constantFrom('\u0000', '\u0007', '\u009f'),
              )
              .map(([text, control]) => text + control),
            weight: 1,
          },
        );
        const prompt = fc.oneof(
          fc.string({ unit: 'grapheme', minLength: 0, maxLength: 80 }),
          fc.string({
            unit: fc.constantFrom('a', 'é', ' ', 'Z', 'ß', '\n'),
            minLength: PROMPT_MAX_LENGTH - 10,
            maxLength: PROMPT_MAX_LENGTH + 10,
          }),
          fc.string({ unit: glyphs, minLength: 850, maxLength: 900 }),
        );
        const outcome = <T>(
          fn: () => T,
        ): { ok: true; value: T } | { ok: false; reason: StudioInputReason } => {
          try {
            return { ok: true, value: fn() };
          } catch (error) {
            if (error instanceof StudioInputError) return { ok: false, reason: error.reason };
            throw error;
          }
        };
        let n = 0;
        await fc.assert(
          fc.asyncProperty(name, prompt, async (rawName, rawPrompt) => {
            const userId = `prop${n++}`;
            const checkedName = outcome(() => presetName(rawName));
            const checkedPrompt = outcome(() => presetPrompt(rawPrompt));
            const saved = stores.studio.savePreset(userId, rawName, rawPrompt, n);
            if (!checkedName.ok)
              return void (await expect(saved).rejects.toEqual(refusal(checkedName.reason)));
            if (!checkedPrompt.ok)
              return void (await expect(saved).rejects.toEqual(refusal(checkedPrompt.reason)));
            const expected = {
              name: checkedName.value.name,
              prompt: checkedPrompt.value,
              createdAt: n,
              updatedAt: n,
            };
            expect(await saved).toEqual({ created: true, preset: expected });
            expect(await other.studio.getPreset(userId, rawName)).toEqual(expected);
            expect(await other.studio.getPreset(userId, expected.name)).toEqual(expected);
            expect(await other.studio.listPresets(userId, expected.name, 25)).toEqual([expected]);
            expect(await other.studio.savePreset(userId, expected.name, 'again', n)).toMatchObject({
              created: false,
            });
          }),
          { numRuns: 80 },
        );
      });
    });
  });
}
