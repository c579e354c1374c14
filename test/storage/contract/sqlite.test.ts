import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStores, type Stores } from '../../../src/storage/openStore.ts';
import { defineStoreContract, type Engine } from './storeContract.ts';
import { defineStudioContract } from './studioContract.ts';

const engine: Engine = {
  name: 'sqlite',
  async freshDatabase() {
    const dir = mkdtempSync(join(tmpdir(), 'kontext-contract-'));
    const path = join(dir, 'bot.sqlite');
    const opened: Stores[] = [];
    return {
      async connect() {
        // awaited: openStores may answer a promise (PostgreSQL) or the stores themselves.
        const stores = await openStores(`sqlite:${path}`);
        opened.push(stores);
        return stores;
      },
      async exec(sql) {
        const db = new DatabaseSync(path);
        try {
          db.exec('PRAGMA busy_timeout = 5000');
          db.exec(sql);
        } finally {
          db.close();
        }
      },
      async drop() {
        for (const stores of opened.splice(0)) await stores.store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

defineStoreContract(engine);
defineStudioContract(engine);
