import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs fn in a write transaction taken up front (BEGIN IMMEDIATE): another connection on the same file
 * waits (busy_timeout) instead of reading a count that is about to change. fn must be synchronous, so
 * nothing else on this connection runs between the check and the write either.
 */
export function immediateTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
