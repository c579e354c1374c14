import type { DeliveryLog } from './deliveryLog.ts';
import type { QuotaStore, SettingsStore } from './moderationStore.ts';
import { sqliteDeliveryLog } from './sqliteDeliveryLog.ts';
import { sqliteQuotaStore } from './sqliteQuotaStore.ts';
import { sqliteSettingsStore } from './sqliteSettingsStore.ts';
import { openSqliteDatabase, openSqliteStore } from './sqliteStore.ts';
import type { Store } from './store.ts';

/** Every query group of one database; `store.close()` closes the database they share. */
export interface Stores {
  store: Store;
  settings: SettingsStore;
  quotas: QuotaStore;
  deliveries: DeliveryLog;
}

/** Picks the implementation from DATABASE_URL: `sqlite:<path>` (or a bare path) today. */
export function openStores(databaseUrl: string): Stores {
  if (/^postgres(ql)?:/.test(databaseUrl)) {
    throw new Error('DATABASE_URL: PostgreSQL is not supported yet; use sqlite:<path>');
  }
  const db = openSqliteDatabase(sqlitePathOf(databaseUrl));
  return {
    store: openSqliteStore(db),
    settings: sqliteSettingsStore(db),
    quotas: sqliteQuotaStore(db),
    deliveries: sqliteDeliveryLog(db),
  };
}

export function openStore(databaseUrl: string): Store {
  return openStores(databaseUrl).store;
}

/** The file a `sqlite:<path>` (or bare path) DATABASE_URL names. */
export function sqlitePathOf(databaseUrl: string): string {
  return databaseUrl.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
}
