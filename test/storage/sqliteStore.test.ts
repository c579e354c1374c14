import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from 'vitest';
import { loadMigrations } from '../../src/storage/migrate.ts';
import { openStore, openStores } from '../../src/storage/openStore.ts';
import { newGeneration } from './contract/storeContract.ts';
import { freshDatabase } from './testPostgres.ts';

// Engine-agnostic behaviour is in contract/storeContract.ts; this is about the SQLite file itself.
test('a generation is stored, updated step by step and survives reopening the file', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kontext-store-')), 'nested', 'bot.sqlite');
  const store = openStore(`sqlite:${path}`);
  const created = await store.createGeneration(newGeneration('gen1'));
  expect(created).toMatchObject({
    status: 'accepted',
    falRequestId: null,
    seed: null,
    options: { count: 2 },
  });
  await store.updateGeneration('gen1', { status: 'submitted', falRequestId: 'req-1', submittedAt: 5 });
  await store.updateGeneration('gen1', { status: 'completed', seed: 99, nsfwFlags: [false, true] });
  expect((await store.listUnfinishedGenerations()).map((g) => g.id)).toEqual(['gen1']);
  await store.updateGeneration('gen1', { status: 'delivered', messageId: 'm1', deliveredAt: 9 });
  await store.close();

  const reopened = openStore(path);
  expect(await reopened.getGeneration('gen1')).toMatchObject({
    status: 'delivered',
    falRequestId: 'req-1',
    seed: 99,
    nsfwFlags: [false, true],
    messageId: 'm1',
  });
  expect(await reopened.listUnfinishedGenerations()).toEqual([]);
  expect(await reopened.getGeneration('missing')).toBeUndefined();
  await reopened.close();

  const db = new DatabaseSync(path);
  const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
  expect(versions.map((v) => v.version)).toEqual(loadMigrations().map((m) => m.version));
  db.close();
});

test('GIVEN a postgres:// DATABASE_URL THEN openStores opens the PostgreSQL stores, migrated', async () => {
  const database = await freshDatabase();
  try {
    const stores = await openStores(database.url);
    try {
      expect(stores.pool).toBeDefined();
      expect(await stores.store.createGeneration(newGeneration('pg1'))).toMatchObject({ status: 'accepted' });
      expect(await stores.store.getGeneration('pg1')).toMatchObject({ id: 'pg1' });
    } finally {
      await stores.store.close();
    }
  } finally {
    await database.drop();
  }
});
