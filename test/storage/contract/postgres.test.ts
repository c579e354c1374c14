import pg from 'pg';
import type { Stores } from '../../../src/storage/openStore.ts';
import { openPgStores } from '../../../src/storage/pg/openPgStores.ts';
import { freshDatabase } from '../testPostgres.ts';
import { defineStoreContract, type Engine } from './storeContract.ts';
import { defineStudioContract } from './studioContract.ts';

const engine: Engine = {
  name: 'postgres',
  async freshDatabase() {
    const database = await freshDatabase();
    const opened: Stores[] = [];
    return {
      async connect() {
        const stores = await openPgStores(database.url, { max: 4 });
        opened.push(stores);
        return stores;
      },
      async exec(sql) {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      },
      async drop() {
        for (const stores of opened.splice(0)) await stores.store.close();
        await database.drop();
      },
    };
  },
};

defineStoreContract(engine);
defineStudioContract(engine);
