import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import { openSqliteStores, type Stores } from '../../src/storage/openStore.ts';

const open: Stores[] = [];
function fresh(): { stores: Stores; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'kontext-mod-')), 'bot.sqlite');
  const stores = openSqliteStores(`sqlite:${path}`);
  open.push(stores);
  return { stores, path };
}
afterEach(async () => {
  for (const stores of open.splice(0)) await stores.store.close();
});

// The behaviour both engines share (settings, audit, reserve/settle/usage, orphans) is in
// contract/storeContract.ts; this is SQLite's own: connections in other threads on the same file.
describe('quota store', () => {
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
