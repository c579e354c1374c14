import type pg from 'pg';
import type { Stores } from '../openStore.ts';
import { pgDeliveryLog } from './pgDeliveryLog.ts';
import { migratePg } from './pgMigrate.ts';
import { openPgPool, type PgPoolOptions } from './pgPool.ts';
import { pgQuotaStore } from './pgQuotaStore.ts';
import { pgSettingsStore } from './pgSettingsStore.ts';
import { pgStore } from './pgStore.ts';
import { pgStudioStore } from './pgStudioStore.ts';

/**
 * Every query group on one PostgreSQL database (a postgres:// URL), migrated first; `store.close()`
 * ends the pool they share.
 */
export async function openPgStores(
  url: string,
  options: PgPoolOptions = {},
): Promise<Stores & { pool: pg.Pool }> {
  const pool = openPgPool(url, options);
  try {
    await migratePg(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return {
    pool,
    store: pgStore(pool),
    settings: pgSettingsStore(pool),
    quotas: pgQuotaStore(pool),
    deliveries: pgDeliveryLog(pool),
    studio: pgStudioStore(pool),
  };
}
