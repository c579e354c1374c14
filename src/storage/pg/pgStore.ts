import type pg from 'pg';
import type { Generation, GenerationPatch, NewGeneration } from '../../core/generation.ts';
import {
  generationFromRow,
  generationInsertValues,
  PATCH_COLUMNS,
  readUnfinishedRow,
} from '../generationRow.ts';
import type { Store } from '../store.ts';
import { pgPendingEdits } from './pgPendingEdits.ts';

const JSON_PATCHES: ReadonlySet<keyof GenerationPatch> = new Set(['nsfwFlags', 'outputUrls']);

// Every status but the two final ones (a damaged, unknown status included), as ranges so the status
// index finds them; status is COLLATE "C", so the ranges compare bytes as SQLite does.
const UNFINISHED = `SELECT * FROM generations
  WHERE status < 'delivered' OR (status > 'delivered' AND status < 'failed') OR status > 'failed'
  ORDER BY created_at, id`;

/** The Store on PostgreSQL. `close()` ends the pool, which the other query groups share. */
export function pgStore(pool: pg.Pool): Store {
  const pending = pgPendingEdits(pool);

  const get = async (id: string): Promise<Generation | undefined> => {
    const { rows } = await pool.query('SELECT * FROM generations WHERE id = $1', [id]);
    return rows[0] ? generationFromRow(rows[0]) : undefined;
  };

  return {
    async createGeneration(g: NewGeneration) {
      const { rows } = await pool.query(
        `INSERT INTO generations (
          id, parent_id, action, guild_id, channel_id, user_id, user_name, application_id, interaction_id,
          interaction_token, options_json, safety, status, created_at, attachment_size_limit, channel_nsfw,
          model, source_json, chain_step, locale, interaction_only
        ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'accepted', $13, $14, $15, $16, $17, $18, $19, $20)
        RETURNING *`,
        generationInsertValues(g, withoutNul),
      );
      return generationFromRow(rows[0]);
    },
    async getGeneration(id) {
      return get(id);
    },
    async updateGeneration(id: string, patch: GenerationPatch) {
      const sets: string[] = [];
      const values: unknown[] = [];
      for (const [key, column] of PATCH_COLUMNS) {
        const value = patch[key];
        // Partial<> lets a caller write `{ seed: undefined }`: that means "unchanged", never a bind error.
        if (value === undefined) continue;
        values.push(
          JSON_PATCHES.has(key)
            ? value === null
              ? null
              : JSON.stringify(value)
            : key === 'error' && typeof value === 'string'
              ? withoutNul(value)
              : value,
        );
        sets.push(`${column} = $${values.length}`);
      }
      if (sets.length === 0) {
        const current = await get(id);
        if (!current) throw new Error(`generation ${id} does not exist`);
        return current;
      }
      // One autocommitted statement, awaited before the bot goes on: once it resolves, the write (the
      // fal request id above all, which must never be lost or fal would bill the job again on resume)
      // is durable, as PostgreSQL's synchronous_commit (on by default) flushes the WAL at each commit.
      values.push(id);
      const { rows } = await pool.query(
        `UPDATE generations SET ${sets.join(', ')} WHERE id = $${values.length} RETURNING *`,
        values,
      );
      if (!rows[0]) throw new Error(`generation ${id} does not exist`);
      return generationFromRow(rows[0]);
    },
    async listUnfinishedRows() {
      return (await pool.query(UNFINISHED)).rows.map(readUnfinishedRow);
    },
    async listUnfinishedGenerations() {
      return (await pool.query(UNFINISHED)).rows
        .map(readUnfinishedRow)
        .flatMap((row) => (row.ok ? [row.generation] : []));
    },
    async markUnreadable(id, reason) {
      await pool.query("UPDATE generations SET status = 'failed', error = $1 WHERE id = $2", [
        withoutNul(reason.slice(0, 500)),
        id,
      ]);
    },
    savePendingEdit: pending.save,
    getPendingEdit: pending.get,
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}

/**
 * PostgreSQL text cannot hold U+0000 (SQLite can): an error or a reason is for people, so it becomes
 * U+FFFD rather than failing the write that ends a generation.
 */
const withoutNul = (text: string): string => text.replaceAll('\u0000', '\uFFFD');
