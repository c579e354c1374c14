import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import type { QuotaLimits } from '../../src/moderation/quota.ts';
import { openStores, type Stores } from '../../src/storage/openStore.ts';

const open: Stores[] = [];
function fresh(): { stores: Stores; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'kontext-mod-')), 'bot.sqlite');
  const stores = openStores(`sqlite:${path}`);
  open.push(stores);
  return { stores, path };
}
afterEach(async () => {
  for (const stores of open.splice(0)) await stores.store.close();
});

const actor = { userId: '9', userName: 'mod' };
const NOW = Date.UTC(2025, 5, 1, 12);
const limits: QuotaLimits = { cooldownSeconds: 0, dailyPerUser: 3, dailyServer: 0, dailyBudgetUsd: 0 };
const reserve = (
  stores: Stores,
  id: string,
  over: Partial<Parameters<Stores['quotas']['reserve']>[0]> = {},
) =>
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

describe('settings store', () => {
  test('a change writes the rows and one audit row per changed setting; null goes back to the default', async () => {
    const { settings } = fresh().stores;
    const first = await settings.changeSettings('g1', actor, 1000, () => ({
      safety_level: '5',
      cooldown: 30,
    }));
    expect(first.changes).toEqual([
      { setting: 'safety_level', old: null, new: '5' },
      { setting: 'cooldown', old: null, new: 30 },
    ]);
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
  });

  test('a plan that throws writes nothing', async () => {
    const { settings } = fresh().stores;
    await expect(
      settings.changeSettings('g1', actor, 1, () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await settings.recentChanges('g1', 10)).toEqual([]);
  });
});

describe('quota store', () => {
  test('reservations count until released; settling counts the images actually generated', async () => {
    const { stores } = fresh();
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
      serverImagesToday: 1,
      topMembers30Days: [{ userId: 'u1', images: 1 }],
    });
    expect(usage.serverSpendTodayUsd).toBeCloseTo(0.04);
  });

  test('yesterday does not count today but counts in the last 30 days', async () => {
    const { stores } = fresh();
    await reserve(stores, 'old', { now: NOW - 24 * 3600 * 1000, images: 3 });
    expect(await reserve(stores, 'new', { images: 3 })).toEqual({ ok: true });
    const usage = await stores.quotas.usage({ scope: 'g1', userId: 'u1', now: NOW, topMembers: 5 });
    expect(usage).toMatchObject({ serverImagesToday: 3, serverImages30Days: 6 });
  });

  test('several connections reserving at once never exceed the limit', async () => {
    const { path } = fresh();
    const runs = [0, 1, 2, 3].map(
      (worker) =>
        new Promise<number>((resolve, reject) => {
          const thread = new Worker(new URL('./reserveFromWorker.ts', import.meta.url), {
            workerData: { path, worker, attempts: 25 },
          });
          thread.once('message', resolve);
          thread.once('error', reject);
        }),
    );
    const admitted = (await Promise.all(runs)).reduce((a, b) => a + b, 0);
    expect(admitted).toBe(10);
    const db = new DatabaseSync(path, { readOnly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM quota_reservations').get()?.n).toBe(10);
    db.close();
  });
});
