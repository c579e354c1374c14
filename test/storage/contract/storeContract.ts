// The storage contract: one suite, run on every engine (sqlite.test.ts, postgres.test.ts), so that
// a behaviour the bot relies on cannot hold on one database and not on the other.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { GenerationPatch, NewGeneration } from '../../../src/core/generation.ts';
import { MAX_SEED } from '../../../src/core/imagineOptions.ts';
import { PENDING_EDIT_LIFETIME_MS, type PendingEdit } from '../../../src/core/pendingEdit.ts';
import type { QuotaLimits } from '../../../src/moderation/quota.ts';
import type { ReserveRequest } from '../../../src/storage/moderationStore.ts';
import type { Stores } from '../../../src/storage/openStore.ts';
import { completedGeneration } from '../../fixtures/generation.ts';

/** One empty database of an engine. */
export interface EngineDatabase {
  /** Opens the stores on it; each call is a separate connection (pool), as another process would be. */
  connect(): Promise<Stores>;
  /** Runs SQL that both engines accept, as an operator (or a damaged disk) would change a row. */
  exec(sql: string): Promise<void>;
  /** Removes the database; every store opened on it is closed first. */
  drop(): Promise<void>;
}

export interface Engine {
  name: string;
  freshDatabase(): Promise<EngineDatabase>;
}

export const newGeneration = (id: string, over: Partial<NewGeneration> = {}): NewGeneration => ({
  id,
  parentId: null,
  action: 'imagine',
  guildId: '100',
  channelId: '200',
  userId: '300',
  userName: 'member',
  applicationId: '400',
  interactionId: '500',
  interactionToken: 'interaction-token',
  model: 'fal-ai/flux-pro/kontext/text-to-image',
  options: {
    prompt: 'a fox',
    aspectRatio: '1:1',
    count: 2,
    guidance: 3.5,
    format: 'jpeg',
    enhancePrompt: false,
  },
  safety: '2',
  createdAt: 1_700_000_000_000,
  attachmentSizeLimit: 10 * 1024 * 1024,
  ...over,
});

const actor = { userId: '9', userName: 'mod' };
const NOW = Date.UTC(2025, 5, 1, 12);
const MINUTE = 60 * 1000;
const limits: QuotaLimits = { cooldownSeconds: 0, dailyPerUser: 3, dailyServer: 0, dailyBudgetUsd: 0 };
const reserve = (stores: Stores, id: string, over: Partial<ReserveRequest> = {}) =>
  stores.quotas.reserve({
    generationId: id,
    scope: 'g1',
    userId: 'u1',
    images: 1,
    unitPriceUsd: 0.04,
    now: NOW,
    limits,
    ...over,
  });

/** Discord snowflakes as the API sends them: 17 to 20 digits. */
const snowflake = fc.bigInt({ min: 10n ** 16n, max: 2n ** 64n - 1n }).map(String);
const seed = fc.oneof(
  fc.constantFrom(0, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, MAX_SEED - 1, MAX_SEED),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.maxSafeNat(),
);
const timestamp = fc.oneof(fc.constantFrom(0, 1_700_000_000_000, Number.MAX_SAFE_INTEGER), fc.maxSafeNat());

/** A fresh database of the engine for each test: `connect()` opens stores on it (closed after). */
export function useFreshDatabase(engine: Engine): Pick<EngineDatabase, 'connect' | 'exec'> {
  let db: EngineDatabase;
  const opened: Stores[] = [];
  beforeEach(async () => {
    db = await engine.freshDatabase();
  });
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.store.close();
    await db.drop();
  });
  return {
    async connect() {
      const stores = await db.connect();
      opened.push(stores);
      return stores;
    },
    exec: (sql) => db.exec(sql),
  };
}

export function defineStoreContract(engine: Engine): void {
  const db = useFreshDatabase(engine);
  const connect = db.connect;

  describe(`${engine.name}: generations`, () => {
    test('a generation is stored, updated step by step and read back on another connection', async () => {
      const { store } = await connect();
      const created = await store.createGeneration(newGeneration('gen1'));
      expect(created).toMatchObject({
        status: 'accepted',
        falRequestId: null,
        seed: null,
        options: { count: 2 },
        channelNsfw: false,
        attachmentSizeLimit: 10 * 1024 * 1024,
      });
      await store.updateGeneration('gen1', { status: 'submitted', falRequestId: 'req-1', submittedAt: 5 });
      await store.updateGeneration('gen1', { status: 'completed', seed: 99, nsfwFlags: [false, true] });
      expect((await store.listUnfinishedGenerations()).map((g) => g.id)).toEqual(['gen1']);
      const delivered = await store.updateGeneration('gen1', {
        status: 'delivered',
        messageId: 'm1',
        deliveredAt: 9,
      });
      await store.close();

      const other = (await connect()).store;
      expect(await other.getGeneration('gen1')).toEqual(delivered);
      expect(delivered).toMatchObject({
        status: 'delivered',
        falRequestId: 'req-1',
        seed: 99,
        nsfwFlags: [false, true],
        messageId: 'm1',
        submittedAt: 5,
        deliveredAt: 9,
      });
      expect(await other.listUnfinishedGenerations()).toEqual([]);
      expect(await other.getGeneration('missing')).toBeUndefined();
    });

    test('an unknown id: get answers undefined, update throws; an undefined patch value changes nothing', async () => {
      const { store } = await connect();
      await expect(store.updateGeneration('missing', { status: 'failed' })).rejects.toThrow(/does not exist/);
      await expect(store.updateGeneration('missing', {})).rejects.toThrow(/does not exist/);
      const created = await store.createGeneration(newGeneration('gen1'));
      await store.updateGeneration('gen1', { seed: 7 });
      expect(await store.updateGeneration('gen1', { seed: undefined, error: undefined })).toEqual({
        ...created,
        seed: 7,
      });
      expect(await store.updateGeneration('gen1', {})).toEqual({ ...created, seed: 7 });
    });

    test('an edit keeps its model, source, chain step and fal URLs; a child refers to its parent', async () => {
      const { store } = await connect();
      await store.createGeneration(newGeneration('parent'));
      const edit = await store.createGeneration(
        newGeneration('child', {
          parentId: 'parent',
          action: 'edit',
          channelNsfw: true,
          model: 'fal-ai/flux-pro/kontext/multi',
          options: {
            prompt: 'add a scarf',
            count: 1,
            guidance: 3.5,
            format: 'png',
            enhancePrompt: false,
            imageUrls: ['https://v3.fal.media/a.png', 'https://v3.fal.media/b.png'],
          },
          source: {
            guildId: '123456789012345678',
            channelId: '223456789012345678',
            messageId: '323456789012345678',
            generationId: 'parent',
            imageIndex: 1,
          },
          chainStep: 2,
        }),
      );
      const updated = await store.updateGeneration('child', {
        outputUrls: ['https://v3.fal.media/out.png'],
        imagesReturned: 1,
        deliveredVia: 'channel',
      });
      expect(updated).toEqual({
        ...edit,
        outputUrls: ['https://v3.fal.media/out.png'],
        imagesReturned: 1,
        deliveredVia: 'channel',
      });
      expect(edit).toMatchObject({
        parentId: 'parent',
        channelNsfw: true,
        chainStep: 2,
        source: { generationId: 'parent', imageIndex: 1 },
        options: { imageUrls: ['https://v3.fal.media/a.png', 'https://v3.fal.media/b.png'] },
      });
      await expect(store.createGeneration(newGeneration('orphan', { parentId: 'nobody' }))).rejects.toThrow(
        /foreign key/i,
      );
    });

    test('seeds above 2^31 and 2^32 and up to 2^53 − 1, and times up to 2^53 − 1, read back exactly', async () => {
      const { store } = await connect();
      const seeds = [2 ** 31, 2 ** 32 - 1, 2 ** 32 + 5, 4_230_836_727, 2 ** 53 - 2, MAX_SEED];
      expect(MAX_SEED).toBe(Number.MAX_SAFE_INTEGER);
      for (const [n, value] of seeds.entries()) {
        await store.createGeneration(newGeneration(`s${n}`, { createdAt: Number.MAX_SAFE_INTEGER - n }));
        await store.updateGeneration(`s${n}`, {
          seed: value,
          completedAt: Number.MAX_SAFE_INTEGER,
          status: 'completed',
        });
      }
      const other = (await connect()).store;
      for (const [n, value] of seeds.entries()) {
        expect(await other.getGeneration(`s${n}`)).toMatchObject({
          seed: value,
          createdAt: Number.MAX_SAFE_INTEGER - n,
          completedAt: Number.MAX_SAFE_INTEGER,
        });
      }
      // Oldest first: the largest n has the smallest created_at.
      expect((await other.listUnfinishedGenerations()).map((g) => g.seed)).toEqual([...seeds].reverse());
    });

    test('any snowflake, seed and time in range reads back exactly as written (property)', async () => {
      const { store } = await connect();
      const other = (await connect()).store;
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            guildId: fc.option(snowflake, { nil: null }),
            channelId: snowflake,
            userId: snowflake,
            applicationId: snowflake,
            interactionId: snowflake,
            createdAt: timestamp,
            attachmentSizeLimit: fc.option(fc.maxSafeNat(), { nil: null }),
            channelNsfw: fc.boolean(),
          }),
          fc.record(
            {
              seed: fc.option(seed, { nil: null }),
              messageId: fc.option(snowflake, { nil: null }),
              submittedAt: fc.option(timestamp, { nil: null }),
              completedAt: fc.option(timestamp, { nil: null }),
              deliveredAt: fc.option(timestamp, { nil: null }),
              deletedAt: fc.option(timestamp, { nil: null }),
              imagesReturned: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
              nsfwFlags: fc.option(fc.array(fc.boolean(), { maxLength: 4 }), { nil: null }),
              falRequestId: fc.option(fc.uuid(), { nil: null }),
              status: fc.constantFrom('accepted', 'submitted', 'completed', 'delivered', 'failed'),
            },
            { requiredKeys: [] },
          ),
          async (fields, patch: GenerationPatch) => {
            const id = `p${n++}`;
            const created = await store.createGeneration(newGeneration(id, fields));
            expect(created).toMatchObject({ ...fields, id, status: 'accepted' });
            const updated = await store.updateGeneration(id, patch);
            expect(updated).toEqual({ ...created, ...patch });
            expect(await other.getGeneration(id)).toEqual(updated);
          },
        ),
        { numRuns: 40 },
      );
    });

    test('unfinished rows: oldest first, every status but delivered and failed, each read on its own', async () => {
      const { store } = await connect();
      const statuses = ['accepted', 'submitted', 'completed', 'delivered', 'failed'] as const;
      for (const [n, status] of statuses.entries()) {
        await store.createGeneration(newGeneration(`z-${status}`, { createdAt: 100 - n }));
        await store.updateGeneration(`z-${status}`, { status });
      }
      await store.createGeneration(newGeneration('b-tie', { createdAt: 50 }));
      await store.createGeneration(newGeneration('a-tie', { createdAt: 50 }));
      await store.createGeneration(newGeneration('model', { createdAt: 60 }));
      await store.createGeneration(newGeneration('seed', { createdAt: 61 }));
      await store.createGeneration(newGeneration('weird', { createdAt: 62 }));
      await db.exec(`UPDATE generations SET model = 'fal-ai/flux-pro/kontext/ultra' WHERE id = 'model'`);
      await db.exec(`UPDATE generations SET seed = 9007199254740993 WHERE id = 'seed'`);
      await db.exec(`UPDATE generations SET status = 'zombie' WHERE id = 'weird'`);

      const rows = await store.listUnfinishedRows();
      expect(
        rows.map((row) => (row.ok ? [row.generation.id, 'ok'] : [row.id, row.reason.split(':')[0]])),
      ).toEqual([
        ['a-tie', 'ok'],
        ['b-tie', 'ok'],
        ['model', 'model'],
        ['seed', 'seed'],
        ['weird', 'status'],
        ['z-completed', 'ok'],
        ['z-submitted', 'ok'],
        ['z-accepted', 'ok'],
      ]);
      const seedRow = rows.find((row) => !row.ok && row.id === 'seed');
      expect(seedRow).toMatchObject({
        contact: {
          applicationId: '400',
          interactionToken: 'interaction-token',
          userId: '300',
          createdAt: 61,
        },
      });
      expect((await store.listUnfinishedGenerations()).map((g) => g.id)).toEqual([
        'a-tie',
        'b-tie',
        'z-completed',
        'z-submitted',
        'z-accepted',
      ]);
      await expect(store.getGeneration('seed')).rejects.toThrow(/seed/);

      await store.markUnreadable('seed', `seed: out of range ${'x'.repeat(600)}`);
      await store.markUnreadable('weird', 'status: unknown');
      await store.markUnreadable('model', 'model: unknown');
      expect((await store.listUnfinishedRows()).map((row) => row.ok)).toEqual([true, true, true, true, true]);
      await db.exec(`UPDATE generations SET seed = 1 WHERE id = 'seed'`);
      const ended = await store.getGeneration('seed');
      expect(ended).toMatchObject({ status: 'failed' });
      expect(ended?.error).toHaveLength(500);
    });

    test('pending edits: kept for their lifetime, pruned on the next save, a damaged one is expired', async () => {
      const { store } = await connect();
      const edit = (id: string, createdAt: number): PendingEdit => ({
        id,
        userId: '300',
        link: { guildId: '1', channelId: '2', messageId: '3' },
        choices: [
          {
            label: 'image.png',
            source: { kind: 'hosted', url: 'https://v3.fal.media/a.png' },
            generationId: null,
            imageIndex: null,
            flagged: false,
          },
        ],
        createdAt,
      });
      await store.savePendingEdit(edit('old', 0));
      expect(await store.getPendingEdit('old', PENDING_EDIT_LIFETIME_MS)).toEqual(edit('old', 0));
      expect(await store.getPendingEdit('old', PENDING_EDIT_LIFETIME_MS + 1)).toBeUndefined();
      expect(await store.getPendingEdit('unknown', 0)).toBeUndefined();
      await store.savePendingEdit(edit('new', PENDING_EDIT_LIFETIME_MS + 10));
      // Pruned: asked as if it were still in its lifetime, it is gone.
      expect(await store.getPendingEdit('old', 0)).toBeUndefined();
      const other = (await connect()).store;
      expect(await other.getPendingEdit('new', PENDING_EDIT_LIFETIME_MS + 10)).toEqual(
        edit('new', PENDING_EDIT_LIFETIME_MS + 10),
      );
      await db.exec(`UPDATE pending_edits SET attachments_json = 'not json' WHERE id = 'new'`);
      expect(await other.getPendingEdit('new', PENDING_EDIT_LIFETIME_MS + 10)).toBeUndefined();
    });
  });

  describe(`${engine.name}: settings`, () => {
    test('a change writes the rows and one audit row per changed setting; null goes back to the default', async () => {
      const { settings } = await connect();
      const first = await settings.changeSettings('g1', actor, 1000, () => ({
        safety_level: '5',
        cooldown: 30,
      }));
      expect(first.changes).toEqual([
        { setting: 'safety_level', old: null, new: '5' },
        { setting: 'cooldown', old: null, new: 30 },
      ]);
      expect(first.settings).toEqual({ safety_level: '5', cooldown: 30 });
      const second = await settings.changeSettings('g1', actor, 2000, () => ({
        safety_level: null,
        cooldown: 30,
      }));
      expect(second.changes).toEqual([{ setting: 'safety_level', old: '5', new: null }]);
      expect(await settings.loadSettings('g1')).toEqual({ cooldown: 30 });
      expect(await settings.loadSettings('g2')).toEqual({});
      const audit = await settings.recentChanges('g1', 10);
      expect(audit.map((a) => [a.setting, a.old, a.new, a.changedAt])).toEqual([
        ['safety_level', '5', null, 2000],
        ['cooldown', null, 30, 1000],
        ['safety_level', null, '5', 1000],
      ]);
      expect(audit[0]).toMatchObject({ guildId: 'g1', userId: '9', userName: 'mod' });
      expect(await settings.recentChanges('g1', 1)).toHaveLength(1);
    });

    test('a plan that throws writes nothing', async () => {
      const { settings } = await connect();
      await settings.changeSettings('g1', actor, 1, () => ({ cooldown: 5 }));
      await expect(
        settings.changeSettings('g1', actor, 2, () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await settings.recentChanges('g1', 10)).toHaveLength(1);
      expect(await settings.loadSettings('g1')).toEqual({ cooldown: 5 });
    });

    test('moderators changing the same list at once, on separate connections, lose no change', async () => {
      const connections = [await connect(), await connect(), await connect()];
      const add = (word: string) => (current: Record<string, unknown>) => ({
        blocked_words: [...((current.blocked_words as string[] | undefined) ?? []), word],
      });
      await Promise.all(
        connections.flatMap((stores, c) =>
          Array.from({ length: 8 }, (_, i) =>
            stores.settings.changeSettings('g1', actor, i, add(`w${c}-${i}`)),
          ),
        ),
      );
      const list = (await connections[0]!.settings.loadSettings('g1')).blocked_words as string[];
      expect([...list].sort()).toEqual(
        [0, 1, 2].flatMap((c) => Array.from({ length: 8 }, (_, i) => `w${c}-${i}`)).sort(),
      );
      expect(await connections[1]!.settings.recentChanges('g1', 100)).toHaveLength(24);
    });

    test('a stored value that is not JSON loads as unreadable and is audited as the default when replaced', async () => {
      const { settings } = await connect();
      await settings.changeSettings('g1', actor, 1, () => ({ cooldown: 5 }));
      await db.exec(`UPDATE guild_settings SET value_json = 'not json' WHERE guild_id = 'g1'`);
      const loaded = await settings.loadSettings('g1');
      expect(loaded.cooldown).toMatchObject({ unreadable: 'not json' });
      const { changes } = await settings.changeSettings('g1', actor, 2, () => ({ cooldown: 10 }));
      expect(JSON.parse(JSON.stringify(changes))).toEqual([{ setting: 'cooldown', old: null, new: 10 }]);
      expect((await settings.recentChanges('g1', 1))[0]).toMatchObject({ old: null, new: 10 });
    });
  });

  describe(`${engine.name}: quotas`, () => {
    test('reservations count until released; settling counts the images actually generated', async () => {
      const stores = await connect();
      expect(await reserve(stores, 'a', { images: 2 })).toEqual({ ok: true });
      expect(await reserve(stores, 'b', { images: 2 })).toMatchObject({ ok: false, remaining: 1 });
      await stores.quotas.settle('a', 0, NOW);
      expect(await reserve(stores, 'b', { images: 2 })).toEqual({ ok: true });
      await stores.quotas.settle('b', 1, NOW);
      // Settling twice changes nothing: only reserved rows are settled.
      await stores.quotas.settle('b', 0, NOW);
      const usage = await stores.quotas.usage({ scope: 'g1', userId: 'u1', now: NOW, topMembers: 5 });
      expect(usage).toMatchObject({
        userImagesToday: 1,
        userLastStartAt: NOW,
        serverImagesToday: 1,
        topMembers30Days: [{ userId: 'u1', images: 1 }],
      });
      expect(usage.serverSpendTodayUsd).toBeCloseTo(0.04);
      expect(usage.serverSpend30DaysUsd).toBeCloseTo(0.04);
    });

    test('yesterday does not count today but counts in the last 30 days', async () => {
      const stores = await connect();
      await reserve(stores, 'old', { now: NOW - 24 * 3600 * 1000, images: 3 });
      expect(await reserve(stores, 'new', { images: 3 })).toEqual({ ok: true });
      await reserve(stores, 'other', { userId: 'u2', images: 2 });
      await reserve(stores, 'elsewhere', { scope: 'g2', images: 3 });
      const usage = await stores.quotas.usage({ scope: 'g1', userId: 'u1', now: NOW, topMembers: 5 });
      expect(usage).toMatchObject({
        userImagesToday: 3,
        serverImagesToday: 5,
        serverImages30Days: 8,
        topMembers30Days: [
          { userId: 'u1', images: 6 },
          { userId: 'u2', images: 2 },
        ],
      });
      expect(await stores.quotas.usage({ scope: 'g3', userId: 'u1', now: NOW, topMembers: 5 })).toEqual({
        userImagesToday: 0,
        userLastStartAt: null,
        serverImagesToday: 0,
        serverSpendTodayUsd: 0,
        serverImages30Days: 0,
        serverSpend30DaysUsd: 0,
        topMembers30Days: [],
      });
    });

    test('the cooldown and the daily budget refuse with when to retry', async () => {
      const stores = await connect();
      const strict: QuotaLimits = {
        cooldownSeconds: 60,
        dailyPerUser: 0,
        dailyServer: 0,
        dailyBudgetUsd: 0.12,
      };
      expect(await reserve(stores, 'a', { limits: strict, images: 2 })).toEqual({ ok: true });
      expect(await reserve(stores, 'b', { limits: strict, now: NOW + 1000 })).toMatchObject({
        ok: false,
        rule: 'cooldown',
        retryAt: NOW + 60_000,
      });
      expect(await reserve(stores, 'c', { limits: strict, now: NOW + MINUTE, images: 2 })).toMatchObject({
        ok: false,
        rule: 'budget',
        remaining: 1,
      });
      expect(await reserve(stores, 'd', { limits: strict, now: NOW + MINUTE })).toEqual({ ok: true });
    });

    test('releaseOrphans gives back old reservations that can no longer be settled, and only those', async () => {
      const stores = await connect();
      const old = NOW - 11 * MINUTE;
      const generation = async (id: string, patch: GenerationPatch) => {
        await stores.store.createGeneration(newGeneration(id));
        await stores.store.updateGeneration(id, patch);
      };
      const open: QuotaLimits = { cooldownSeconds: 0, dailyPerUser: 0, dailyServer: 0, dailyBudgetUsd: 0 };
      for (const id of ['orphan', 'failedEarly', 'failedLate', 'running', 'settled']) {
        expect(await reserve(stores, id, { now: old, limits: open })).toEqual({ ok: true });
      }
      await generation('failedEarly', { status: 'failed' });
      await generation('failedLate', { status: 'failed', completedAt: old + 1 });
      await generation('running', { status: 'submitted' });
      await generation('settled', { status: 'delivered' });
      await stores.quotas.settle('settled', 1, old + 2);

      expect(await stores.quotas.releaseOrphans(NOW)).toBe(2);
      expect(await stores.quotas.releaseOrphans(NOW)).toBe(0);
      const usage = await stores.quotas.usage({ scope: 'g1', userId: 'u1', now: NOW, topMembers: 5 });
      // failedLate and running stay reserved (1 each), settled counted 1.
      expect(usage.serverImagesToday).toBe(3);
    });

    test('reservations racing on separate connections never exceed the daily limit', async () => {
      const connections = [await connect(), await connect(), await connect()];
      const daily: QuotaLimits = { cooldownSeconds: 0, dailyPerUser: 0, dailyServer: 7, dailyBudgetUsd: 0 };
      const decisions = await Promise.all(
        connections.flatMap((stores, c) =>
          Array.from({ length: 10 }, (_, i) =>
            reserve(stores, `c${c}-${i}`, { limits: daily, userId: `u${i % 3}` }),
          ),
        ),
      );
      expect(decisions.filter((d) => d.ok)).toHaveLength(7);
      const usage = await connections[0]!.quotas.usage({
        scope: 'g1',
        userId: 'u0',
        now: NOW,
        topMembers: 5,
      });
      expect(usage.serverImagesToday).toBe(7);
    });
  });

  describe(`${engine.name}: delivery log`, () => {
    test('GIVEN parts recorded out of order THEN partsOf returns them by part, as written, and a part is recorded once', async () => {
      const { store, deliveries: log } = await connect();
      const g = completedGeneration();
      await store.createGeneration({ ...g, attachmentSizeLimit: null });
      const base = { generationId: g.id, channelId: '2', postedAt: 5 };
      await log.recordPart({
        ...base,
        part: 1,
        route: 'channel',
        messageId: 'b',
        files: ['x-2.png'],
        last: true,
      });
      await log.recordPart({
        ...base,
        part: 0,
        route: 'edit',
        messageId: 'a',
        files: [],
        last: false,
        channelId: null,
      });
      const parts = [
        { ...base, part: 0, route: 'edit', messageId: 'a', files: [], last: false, channelId: null },
        { ...base, part: 1, route: 'channel', messageId: 'b', files: ['x-2.png'], last: true },
      ];
      expect(await log.partsOf(g.id)).toEqual(parts);
      expect(await (await connect()).deliveries.partsOf(g.id)).toEqual(parts);
      expect(await log.partsOf('other')).toEqual([]);
      await expect(
        log.recordPart({ ...base, part: 1, route: 'dm', messageId: 'c', files: [], last: false }),
      ).rejects.toThrow(/UNIQUE|PRIMARY|duplicate key/i);
      await expect(
        log.recordPart({
          ...base,
          generationId: 'nobody',
          part: 0,
          route: 'dm',
          messageId: 'c',
          files: [],
          last: true,
        }),
      ).rejects.toThrow(/foreign key/i);
    });
  });
}
