import type pg from 'pg';
import { loadMigrations } from '../migrate.ts';

export const PG_MIGRATIONS_DIR = new URL('../migrations/postgres/', import.meta.url);

/** The session advisory lock every opener takes before reading the applied versions ("kbmigrat"). */
export const MIGRATION_LOCK_KEY = 0x6b626d6967726174n;

/**
 * Applies the `NNNN_name.sql` files of PG_MIGRATIONS_DIR not yet recorded in schema_migrations, in
 * order, each in its own transaction with its schema_migrations row. Returns the versions it applied.
 *
 * Safe when several processes start at once: each takes pg_advisory_lock(MIGRATION_LOCK_KEY) on one
 * dedicated connection before it even creates schema_migrations, so the others wait, then read the
 * versions the first one recorded and apply nothing twice. The lock is the session's (released below,
 * or by the server when the connection drops, so a killed opener never leaves it held); advisory locks
 * are per database, so bots on other databases of the same server do not wait.
 */
export async function migratePg(
  pool: pg.Pool,
  migrations = loadMigrations(PG_MIGRATIONS_DIR),
): Promise<number[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => Number(row.version)));
      const done: number[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        try {
          await client.query('BEGIN');
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.name, Date.now()],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw new Error(
            `migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`,
          );
        }
        done.push(migration.version);
      }
      return done;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch((error) => {
        broken = error as Error;
      });
    }
  } finally {
    client.release(broken);
  }
}
