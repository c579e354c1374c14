import { readdirSync, readFileSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';

export const SQLITE_MIGRATIONS_DIR = new URL('./migrations/sqlite/', import.meta.url);

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Migrations are files named `NNNN_name.sql`, applied once each, in order, each in a transaction. */
export function loadMigrations(dir: URL = SQLITE_MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(new URL(file, dir), 'utf8'),
    }));
}

/**
 * Each migration runs in its own BEGIN IMMEDIATE transaction, and the applied versions are read inside
 * it: a second process opening the same fresh file waits for the first (busy_timeout) and then sees
 * its work, instead of applying the same migration again ("table generations already exists").
 */
export function migrate(db: DatabaseSync, migrations: Migration[] = loadMigrations()): number[] {
  const done: number[] = [];
  for (const migration of migrations) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
      );
      const applied = db
        .prepare('SELECT 1 AS applied FROM schema_migrations WHERE version = ?')
        .get(migration.version);
      if (!applied) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          Date.now(),
        );
        done.push(migration.version);
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw new Error(`migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`);
    }
  }
  return done;
}
