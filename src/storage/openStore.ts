import type pg from 'pg';
import { isPostgresUrl } from '../config.ts';
import type { DeliveryLog } from './deliveryLog.ts';
import type { QuotaStore, SettingsStore } from './moderationStore.ts';
import { sqliteDeliveryLog } from './sqliteDeliveryLog.ts';
import { sqliteQuotaStore } from './sqliteQuotaStore.ts';
import { sqliteSettingsStore } from './sqliteSettingsStore.ts';
import { openSqliteDatabase, openSqliteStore } from './sqliteStore.ts';
import { sqliteStudioStore } from './sqliteStudioStore.ts';
import type { Store } from './store.ts';
import type { StudioStore } from './studioStore.ts';

/** Every query group of one database; `store.close()` closes the database they share. */
export interface Stores {
  store: Store;
  settings: SettingsStore;
  quotas: QuotaStore;
  deliveries: DeliveryLog;
  /** A member's history, favourites, preferences and presets. */
  studio: StudioStore;
  /** PostgreSQL only: the pool they share, which the shared job queue uses too. */
  pool?: pg.Pool;
}

/** Picks the implementation from DATABASE_URL: `postgres://…`, or `sqlite:<path>` (or a bare path). */
export async function openStores(databaseUrl: string): Promise<Stores> {
  if (isPostgresUrl(databaseUrl)) {
    const { openPgStores } = await import('./pg/openPgStores.ts');
    return openPgStores(databaseUrl);
  }
  return openSqliteStores(databaseUrl);
}

export function openSqliteStores(databaseUrl: string): Stores {
  const db = openSqliteDatabase(sqlitePathOf(databaseUrl));
  return {
    store: openSqliteStore(db),
    settings: sqliteSettingsStore(db),
    quotas: sqliteQuotaStore(db),
    deliveries: sqliteDeliveryLog(db),
    studio: sqliteStudioStore(db),
  };
}

/** SQLite only (tests and tools); the bot opens either engine with openStores. */
export function openStore(databaseUrl: string): Store {
  if (isPostgresUrl(databaseUrl)) throw new Error('openStore opens SQLite only: use openStores');
  return openSqliteStores(databaseUrl).store;
}

/** The file a `sqlite:<path>` (or bare path) DATABASE_URL names. */
export function sqlitePathOf(databaseUrl: string): string {
  return databaseUrl.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
}
