import type { DatabaseSync } from 'node:sqlite';
import { PENDING_EDIT_LIFETIME_MS, type PendingEdit } from '../core/pendingEdit.ts';
import { pendingEditFromRow } from './pendingEditRow.ts';

export function sqlitePendingEdits(db: DatabaseSync) {
  const insert =
    db.prepare(`INSERT INTO pending_edits (id, user_id, source_json, attachments_json, created_at)
    VALUES (?, ?, ?, ?, ?)`);
  const prune = db.prepare('DELETE FROM pending_edits WHERE created_at < ?');
  const select = db.prepare('SELECT * FROM pending_edits WHERE id = ? AND created_at >= ?');
  return {
    async save(edit: PendingEdit): Promise<void> {
      prune.run(edit.createdAt - PENDING_EDIT_LIFETIME_MS);
      insert.run(
        edit.id,
        edit.userId,
        JSON.stringify(edit.link),
        JSON.stringify(edit.choices),
        edit.createdAt,
      );
    },
    async get(id: string, now: number): Promise<PendingEdit | undefined> {
      const row = select.get(id, now - PENDING_EDIT_LIFETIME_MS);
      if (!row) return undefined;
      return pendingEditFromRow(id, row);
    },
  };
}
