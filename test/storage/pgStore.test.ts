// What only the PostgreSQL storage has to show: migrations and quota reservations safe when several
// processes share the database, the orphan grace, and INT8 read without losing precision. The
// behaviour both engines share is in contract/.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { afterEach, expect, test } from 'vitest';
import type { QuotaLimits } from '../../src/moderation/quota.ts';
import { loadMigrations } from '../../src/storage/migrate.ts';
import { openPgStores } from '../../src/storage/pg/openPgStores.ts';
import { migratePg, PG_MIGRATIONS_DIR } from '../../src/storage/pg/pgMigrate.ts';
import { openPgPool } from '../../src/storage/pg/pgPool.ts';
import { ORPHAN_GRACE_MS } from '../../src/storage/pg/pgQuotaStore.ts';
import { newGeneration } from './contract/storeContract.ts';
import { type FreshDatabase, freshDatabase } from './testPostgres.ts';

const OPEN_PG_STORES = fileURLToPath(new URL('../../src/storage/pg/openPgStores.ts', import.meta.url));
const versions = loadMigrations(PG_MIGRATIONS_DIR).map((m) => m.version);

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
async function database(): Promise<FreshDatabase> {
  const db = await freshDatabase();
  cleanup.push(db.drop);
  return db;
}
function pool(url: string): pg.Pool {
  const p = openPgPool(url);
  cleanup.push(() => p.end());
  return p;
}
async function stores(url: string) {
  const opened = await openPgStores(url, { max: 5 });
  cleanup.push(() => opened.store.close());
  return opened;
}

/** A separate process that opens (and so migrates) the database, as a second bot would. */
function openInChild(url: string): Promise<{ code: number | null; stderr: string }> {
  const script = `import { openPgStores } from ${JSON.stringify(OPEN_PG_STORES)};
const { store } = await openPgStores(${JSON.stringify(url)});
await store.close();`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

test('GIVEN a fresh database WHEN it is opened THEN every migration is recorded once, and opening again applies none', async () => {
  const { url } = await database();
  await stores(url);
  const p = pool(url);
  const { rows } = await p.query('SELECT version, name FROM schema_migrations ORDER BY version');
  expect(rows.map((row) => row.version)).toEqual(versions);
  expect(rows[0]).toMatchObject({ version: 1, name: 'schema' });
  expect(await migratePg(p)).toEqual([]);
});

test('GIVEN a fresh database WHEN several openers migrate it at once THEN all succeed and each migration is applied exactly once', async () => {
  const { url } = await database();
  const pools = Array.from({ length: 6 }, () => pool(url));
  const applied = await Promise.all(pools.map((p) => migratePg(p)));
  expect(applied.flat().sort((a, b) => a - b)).toEqual(versions);
  const { rows } = await pools[0]!.query('SELECT version FROM schema_migrations ORDER BY version');
  expect(rows.map((row) => row.version)).toEqual(versions);
});

test('GIVEN a fresh database WHEN separate processes open it at once THEN all succeed, no migration applied twice', async () => {
  for (let round = 0; round < 3; round++) {
    const { url } = await database();
    const results = await Promise.all([openInChild(url), openInChild(url), openInChild(url)]);
    for (const result of results) expect(result).toEqual({ code: 0, stderr: '' });
    const { rows } = await pool(url).query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(versions);
  }
}, 60_000);

test('GIVEN many pools and worker threads reserving at once THEN exactly the daily limit is granted', async () => {
  const { url } = await database();
  const dailyServer = 10;
  const limits: QuotaLimits = { cooldownSeconds: 0, dailyPerUser: 0, dailyServer, dailyBudgetUsd: 0 };
  const inProcess = await Promise.all([stores(url), stores(url), stores(url)]);
  const now = Date.now();
  const workers = [0, 1].map(
    (worker) =>
      new Promise<number>((resolve, reject) => {
        const thread = new Worker(new URL('./pgReserveFromWorker.ts', import.meta.url), {
          workerData: { url, worker, attempts: 15, dailyServer },
        });
        thread.once('message', resolve);
        thread.once('error', reject);
      }),
  );
  const local = inProcess.flatMap((s, p) =>
    Array.from({ length: 15 }, (_, i) =>
      s.quotas.reserve({
        generationId: `p${p}-${i}`,
        scope: 'guild',
        userId: `user${i % 4}`,
        images: 1,
        unitPriceUsd: 0.04,
        now,
        limits,
      }),
    ),
  );
  const [decisions, ...fromWorkers] = await Promise.all([Promise.all(local), ...workers]);
  const granted = decisions.filter((d) => d.ok).length + fromWorkers.reduce((a, b) => a + b, 0);
  expect(granted).toBe(dailyServer);
  const { rows } = await pool(url).query(
    "SELECT COUNT(*) AS n, SUM(images) AS images FROM quota_reservations WHERE scope = 'guild'",
  );
  expect(rows[0]).toEqual({ n: BigInt(dailyServer), images: String(dailyServer) });
}, 60_000);

test('GIVEN only per-member limits WHEN members reserve at once from several pools THEN each gets exactly their limit, and with no limit every request is recorded', async () => {
  const { url } = await database();
  const pools = await Promise.all([stores(url), stores(url), stores(url)]);
  const now = Date.UTC(2025, 5, 1, 12);
  const perMember: QuotaLimits = { cooldownSeconds: 0, dailyPerUser: 3, dailyServer: 0, dailyBudgetUsd: 0 };
  const decisions = await Promise.all(
    pools.flatMap((s, p) =>
      Array.from({ length: 12 }, (_, i) =>
        s.quotas
          .reserve({
            generationId: `m${p}-${i}`,
            scope: 'guild',
            userId: `user${i % 3}`,
            images: 1,
            unitPriceUsd: 0.04,
            now,
            limits: perMember,
          })
          .then((decision) => ({ user: `user${i % 3}`, ok: decision.ok })),
      ),
    ),
  );
  for (const user of ['user0', 'user1', 'user2'])
    expect(decisions.filter((d) => d.user === user && d.ok)).toHaveLength(3);
  const open: QuotaLimits = { cooldownSeconds: 0, dailyPerUser: 0, dailyServer: 0, dailyBudgetUsd: 0 };
  const unlimited = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      pools[i % 3]!.quotas.reserve({
        generationId: `u${i}`,
        scope: 'guild',
        userId: 'user9',
        images: 2,
        unitPriceUsd: 0.04,
        now,
        limits: open,
      }),
    ),
  );
  expect(unlimited.every((d) => d.ok)).toBe(true);
  const usage = await pools[0]!.quotas.usage({ scope: 'guild', userId: 'user9', now, topMembers: 5 });
  expect(usage.userImagesToday).toBe(40);
  expect(usage.serverImagesToday).toBe(49);
}, 60_000);

test('GIVEN another process reserved a moment ago, its generation row not written yet THEN releaseOrphans at start leaves it alone', async () => {
  const { url } = await database();
  const { quotas } = await stores(url);
  const now = Date.UTC(2025, 5, 1, 12);
  const open: QuotaLimits = { cooldownSeconds: 0, dailyPerUser: 0, dailyServer: 0, dailyBudgetUsd: 0 };
  const ask = (generationId: string, at: number) =>
    quotas.reserve({
      generationId,
      scope: 'g',
      userId: 'u',
      images: 1,
      unitPriceUsd: 0.04,
      now: at,
      limits: open,
    });
  await ask('fresh', now - 1000);
  await ask('at-grace', now - ORPHAN_GRACE_MS);
  await ask('stale', now - ORPHAN_GRACE_MS - 1);
  expect(ORPHAN_GRACE_MS).toBe(10 * 60 * 1000);
  expect(await quotas.releaseOrphans(now)).toBe(1);
  const { rows } = await pool(url).query(
    'SELECT generation_id, status FROM quota_reservations ORDER BY generation_id',
  );
  expect(rows).toEqual([
    { generation_id: 'at-grace', status: 'reserved' },
    { generation_id: 'fresh', status: 'reserved' },
    { generation_id: 'stale', status: 'released' },
  ]);
});

test('GIVEN INT8 values THEN the pool reads them as exact bigints, above 2^53 too', async () => {
  const { url } = await database();
  const { rows } = await pool(url).query(
    'SELECT 9007199254740993::int8 AS above, 9223372036854775807::int8 AS max, 42::int4 AS small, COUNT(*) AS n FROM (VALUES (1)) v',
  );
  expect(rows[0]).toEqual({ above: 9007199254740993n, max: 9223372036854775807n, small: 42, n: 1n });
});

test('GIVEN an error text with U+0000 THEN it is stored with U+FFFD instead of failing the write', async () => {
  const { url } = await database();
  const { store } = await stores(url);
  await store.createGeneration(newGeneration('g'));
  expect(await store.updateGeneration('g', { status: 'failed', error: 'bad\u0000byte' })).toMatchObject({
    error: 'bad\uFFFDbyte',
  });
  await store.markUnreadable('g', 'x\u0000y');
  expect((await store.getGeneration('g'))?.error).toBe('x\uFFFDy');
});

test('GIVEN the stores are closed twice THEN the second close does nothing', async () => {
  const { url } = await database();
  const opened = await openPgStores(url);
  await opened.store.close();
  await opened.store.close();
  expect(opened.pool.ended).toBe(true);
});
