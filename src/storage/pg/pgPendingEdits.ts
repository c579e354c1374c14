import type pg from 'pg';
import { PENDING_EDIT_LIFETIME_MS, type PendingEdit } from '../../core/pendingEdit.ts';
import { pendingEditFromRow } from '../pendingEditRow.ts';

export function pgPendingEdits(pool: pg.Pool) {
  return {
    async save(edit: PendingEdit): Promise<void> {
      await pool.query('DELETE FROM pending_edits WHERE created_at < $1', [
        edit.createdAt - PENDING_EDIT_LIFETIME_MS,
      ]);
      await pool.query(
        `INSERT INTO pending_edits (id, user_id, source_json, attachments_json, created_at)
        VALUES ($1, $2, $3, $4, $5)`,
        [edit.id, edit.userId, JSON.stringify(edit.link), JSON.stringify(edit.choices), edit.createdAt],
      );
    },
    async get(id: string, now: number): Promise<PendingEdit | undefined> {
      const { rows } = await pool.query('SELECT * FROM pending_edits WHERE id = $1 AND created_at >= $2', [
        id,
        now - PENDING_EDIT_LIFETIME_MS,
      ]);
      const row = rows[0];
      if (!row) return undefined;
      return pendingEditFromRow(id, row);
    },
  };
}
