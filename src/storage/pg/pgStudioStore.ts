import type pg from 'pg';
import {
  historyLimit,
  historyPage,
  historyStatement,
  MAX_PRESETS_PER_MEMBER,
  preferenceColumns,
  preferencesFromRow,
  presetFromRow,
  presetKeyOrUndefined,
  presetListLimit,
  presetName,
  presetPrefixKey,
  presetPrompt,
  StudioInputError,
  type StudioStore,
} from '../studioStore.ts';
import { inTransaction } from './pgPool.ts';

type Row = Record<string, unknown>;

/**
 * The advisory lock key space of a member's presets (the two-int form, as LOCK_SPACE in pgPool.ts, and
 * next to its "kb" constants), so that a preset save never waits on a settings or quota lock.
 */
export const PRESET_LOCK_SPACE = 0x6b620003;

/** The StudioStore on PostgreSQL, on the pool the other query groups share. */
export function pgStudioStore(pool: pg.Pool): StudioStore {
  const preset = async (db: pg.Pool | pg.PoolClient, userId: string, key: string) =>
    presetFromRow(
      (await db.query<Row>('SELECT * FROM presets WHERE user_id = $1 AND name_key = $2', [userId, key]))
        .rows[0],
    );
  const preferences = async (userId: string) =>
    preferencesFromRow(
      (await pool.query<Row>('SELECT * FROM member_preferences WHERE user_id = $1', [userId])).rows[0],
    );

  return {
    async history(query) {
      const { sql, params } = historyStatement(query, (n) => `$${n}`);
      return historyPage((await pool.query<Row>(sql, params)).rows, historyLimit(query.limit));
    },
    async setFavorite(userId, generationId, on, at) {
      if (!on) {
        await pool.query('DELETE FROM favorites WHERE user_id = $1 AND generation_id = $2', [
          userId,
          generationId,
        ]);
        return false;
      }
      // One statement: the insert (when the generation exists) and whether the favourite is there now.
      const { rows } = await pool.query<Row>(
        `WITH added AS (
          INSERT INTO favorites (user_id, generation_id, created_at)
          SELECT $1, id, $3 FROM generations WHERE id = $2 ON CONFLICT DO NOTHING RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM added)
          OR EXISTS (SELECT 1 FROM favorites WHERE user_id = $1 AND generation_id = $2) AS yes`,
        [userId, generationId, at],
      );
      return rows[0]?.yes === true;
    },
    async isFavorite(userId, generationIds) {
      if (generationIds.length === 0) return new Set();
      const { rows } = await pool.query<Row>(
        'SELECT generation_id FROM favorites WHERE user_id = $1 AND generation_id = ANY($2::text[])',
        [userId, generationIds],
      );
      return new Set(rows.map((row) => String(row.generation_id)));
    },
    async getPreferences(userId) {
      return preferences(userId);
    },
    async setPreferences(userId, patch, at) {
      const columns = preferenceColumns(patch);
      if (columns.length === 0) return preferences(userId);
      const names = columns.map(([column]) => column);
      const { rows } = await pool.query<Row>(
        `INSERT INTO member_preferences (user_id, ${names.join(', ')}, updated_at)
        VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}, $${names.length + 2})
        ON CONFLICT (user_id) DO UPDATE SET ${names.map((c) => `${c} = excluded.${c}`).join(', ')},
          updated_at = excluded.updated_at
        RETURNING *`,
        [userId, ...columns.map(([, value]) => value), at],
      );
      return preferencesFromRow(rows[0]);
    },
    async savePreset(userId, rawName, rawPrompt, at) {
      const { name, key } = presetName(rawName);
      const prompt = presetPrompt(rawPrompt);
      return inTransaction(pool, async (client) => {
        // Count-decide-write under a transaction-scoped advisory lock per member: saves from any
        // connection or process queue here, so two cannot both count below the cap and both insert.
        // Under READ COMMITTED each query after the lock sees what the previous holder committed.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PRESET_LOCK_SPACE, userId]);
        const created = (await preset(client, userId, key)) === undefined;
        if (created) {
          const { rows } = await client.query<Row>('SELECT COUNT(*) AS n FROM presets WHERE user_id = $1', [
            userId,
          ]);
          if (Number(rows[0]?.n ?? 0) >= MAX_PRESETS_PER_MEMBER)
            throw new StudioInputError(
              'preset_limit',
              `you already have ${MAX_PRESETS_PER_MEMBER} presets: delete one first`,
            );
          await client.query(
            `INSERT INTO presets (user_id, name_key, name, prompt, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $5)`,
            [userId, key, name, prompt, at],
          );
        } else {
          await client.query(
            'UPDATE presets SET name = $1, prompt = $2, updated_at = $3 WHERE user_id = $4 AND name_key = $5',
            [name, prompt, at, userId, key],
          );
        }
        return { created, preset: (await preset(client, userId, key))! };
      });
    },
    async getPreset(userId, name) {
      const key = presetKeyOrUndefined(name);
      return key === undefined ? undefined : preset(pool, userId, key);
    },
    async listPresets(userId, prefix, limit) {
      const key = presetPrefixKey(prefix);
      // left() counts characters, as [...prefix].length does; name_key is COLLATE "C", so the order is
      // byte order, as on SQLite.
      const { rows } = await pool.query<Row>(
        `SELECT * FROM presets WHERE user_id = $1 AND left(name_key, $2) = $3 ORDER BY name_key LIMIT $4`,
        [userId, [...key].length, key, presetListLimit(limit)],
      );
      return rows.flatMap((row) => presetFromRow(row) ?? []);
    },
    async deletePreset(userId, name) {
      const key = presetKeyOrUndefined(name);
      if (key === undefined) return false;
      const result = await pool.query('DELETE FROM presets WHERE user_id = $1 AND name_key = $2', [
        userId,
        key,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}
