import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Generation, GenerationPatch, NewGeneration } from '../core/generation.ts';
import {
  generationFromRow,
  generationInsertValues,
  PATCH_COLUMNS,
  readUnfinishedRow,
} from './generationRow.ts';
import { migrate } from './migrate.ts';
import { sqlitePendingEdits } from './sqlitePendingEdits.ts';
import type { Store } from './store.ts';

const BUSY_TIMEOUT_MS = 5000;
const JSON_PATCHES: ReadonlySet<keyof GenerationPatch> = new Set(['nsfwFlags', 'outputUrls']);
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switching a fresh file to WAL needs an exclusive lock, and when two processes both hold a read lock
 * on it SQLite answers SQLITE_BUSY at once instead of calling the busy handler (either waiting would
 * deadlock). Only start-up does this, so a short blocking back-off is fine here.
 */
function retryWhileBusy(fn: () => void): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      fn();
      return;
    } catch (error) {
      const busy = (error as { errcode?: unknown }).errcode === 5;
      if (!busy || Date.now() > deadline) throw error;
      Atomics.wait(sleeper, 0, 0, Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/** Opens (creating if needed) and migrates the database file that every query group shares. */
export function openSqliteDatabase(path: string): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  // busy_timeout first, so a second process opening the file waits for the first one's locks.
  // WAL lets a second process (a benchmark, an admin query) read while the bot writes. synchronous=NORMAL
  // is SQLite's advice for WAL: commits survive a bot crash and only a power cut can roll back the last
  // ones (the one write that must survive that is made durably, below); FULL fsyncs on every commit,
  // which blocked the event loop ~1.3 ms per write under load (npm run bench, N=500: 2.7 s of the bot's
  // 11 s CPU profile).
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  retryWhileBusy(() => db.exec('PRAGMA journal_mode = WAL'));
  db.exec('PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  migrate(db);
  return db;
}

export function openSqliteStore(pathOrDb: string | DatabaseSync): Store {
  const db = typeof pathOrDb === 'string' ? openSqliteDatabase(pathOrDb) : pathOrDb;

  const insert = db.prepare(`INSERT INTO generations (
    id, parent_id, action, guild_id, channel_id, user_id, user_name, application_id, interaction_id,
    interaction_token, options_json, safety, status, created_at, attachment_size_limit, channel_nsfw,
    model, source_json, chain_step, locale, interaction_only
  ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?, ?, ?, ?, ?)`);
  const select = db.prepare('SELECT * FROM generations WHERE id = ?');
  // Every status but the two final ones (a damaged, unknown status included), written as ranges so the
  // status index finds them: NOT IN scanned every stored generation at each start.
  const unfinished = db.prepare(`SELECT * FROM generations
    WHERE status < 'delivered' OR (status > 'delivered' AND status < 'failed') OR status > 'failed'
    ORDER BY created_at, id`);
  // As bigint: a number read above 2^53 throws inside node:sqlite, failing the whole statement.
  select.setReadBigInts(true);
  unfinished.setReadBigInts(true);
  const pending = sqlitePendingEdits(db);
  const markFailed = db.prepare("UPDATE generations SET status = 'failed', error = ? WHERE id = ?");

  const get = (id: string): Generation | undefined => {
    const row = select.get(id);
    return row ? generationFromRow(row) : undefined;
  };

  return {
    async createGeneration(g: NewGeneration) {
      insert.run(...generationInsertValues(g));
      return get(g.id)!;
    },
    async getGeneration(id) {
      return get(id);
    },
    async updateGeneration(id: string, patch: GenerationPatch) {
      const sets: string[] = [];
      const values: SQLInputValue[] = [];
      for (const [key, column] of PATCH_COLUMNS) {
        const value = patch[key];
        // Partial<> lets a caller write `{ seed: undefined }`: that means "unchanged", never a bind error.
        if (value === undefined) continue;
        sets.push(`${column} = ?`);
        values.push(
          JSON_PATCHES.has(key) ? (value === null ? null : JSON.stringify(value)) : (value as SQLInputValue),
        );
      }
      if (sets.length > 0) {
        const write = () =>
          db.prepare(`UPDATE generations SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
        // Once fal has the request id it has billed the job: losing that write to a power cut would
        // submit (and bill) it again on resume, so it alone is fsynced before the bot goes on.
        if (patch.falRequestId) durably(db, write);
        else write();
      }
      const updated = get(id);
      if (!updated) throw new Error(`generation ${id} does not exist`);
      return updated;
    },
    async listUnfinishedRows() {
      return unfinished.all().map(readUnfinishedRow);
    },
    async listUnfinishedGenerations() {
      return unfinished
        .all()
        .map(readUnfinishedRow)
        .flatMap((row) => (row.ok ? [row.generation] : []));
    },
    async markUnreadable(id, reason) {
      markFailed.run(reason.slice(0, 500), id);
    },
    savePendingEdit: pending.save,
    getPendingEdit: pending.get,
    async close() {
      if (db.isOpen) db.close();
    },
  };
}

/**
 * Runs one write with synchronous=FULL: under WAL that syncs the log at its commit, so the write
 * survives a power cut, not only a crash. The rest stay NORMAL (FULL on every commit cost ~1.3 ms of
 * event loop per write under load, npm run bench).
 */
export function durably<T>(db: DatabaseSync, write: () => T): T {
  db.exec('PRAGMA synchronous = FULL');
  try {
    return write();
  } finally {
    db.exec('PRAGMA synchronous = NORMAL');
  }
}
