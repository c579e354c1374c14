import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** A second bot on the same SQLite file would resume, pay for and post every job a second time. */
export class InstanceLockedError extends Error {
  override readonly name = 'InstanceLockedError';
}

export interface InstanceLock {
  release(): void;
}

/**
 * Holds an exclusive SQLite lock on `<database>.lock` for the life of the process. The operating system
 * drops it when the process dies, even by kill -9, so a crashed bot never leaves a stale lock behind.
 */
export function acquireInstanceLock(databasePath: string): InstanceLock {
  if (databasePath === ':memory:') return { release() {} };
  const path = `${databasePath}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  try {
    // EXCLUSIVE locking mode keeps the write lock after the first write's commit until close.
    db.exec('PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since INTEGER NOT NULL)');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('DELETE FROM holder');
    db.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, Date.now());
    db.exec('COMMIT');
  } catch (error) {
    if (db.isOpen) db.close();
    if (/locked|busy/i.test((error as Error).message)) {
      throw new InstanceLockedError(
        `another kontext-bot is already running on ${databasePath} (it holds ${path}); stop it first, or give this one its own DATABASE_URL`,
      );
    }
    throw error;
  }
  return {
    release() {
      if (db.isOpen) db.close();
    },
  };
}
