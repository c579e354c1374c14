import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { immediateTransaction } from './sqliteTransaction.ts';
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
} from './studioStore.ts';

/** The StudioStore on the SQLite file the other query groups share. */
export function sqliteStudioStore(db: DatabaseSync): StudioStore {
  const histories = new Map<string, StatementSync>();
  const favorite = db.prepare(`INSERT INTO favorites (user_id, generation_id, created_at)
    SELECT ?, id, ? FROM generations WHERE id = ? ON CONFLICT DO NOTHING`);
  const unfavorite = db.prepare('DELETE FROM favorites WHERE user_id = ? AND generation_id = ?');
  const isFavorite = db.prepare('SELECT 1 AS yes FROM favorites WHERE user_id = ? AND generation_id = ?');
  const favoritesAmong = db.prepare(`SELECT generation_id FROM favorites
    WHERE user_id = ? AND generation_id IN (SELECT value FROM json_each(?))`);
  const preferences = db.prepare('SELECT * FROM member_preferences WHERE user_id = ?');
  const preset = db.prepare('SELECT * FROM presets WHERE user_id = ? AND name_key = ?');
  const presetCount = db.prepare('SELECT COUNT(*) AS n FROM presets WHERE user_id = ?');
  const insertPreset =
    db.prepare(`INSERT INTO presets (user_id, name_key, name, prompt, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const updatePreset = db.prepare(
    'UPDATE presets SET name = ?, prompt = ?, updated_at = ? WHERE user_id = ? AND name_key = ?',
  );
  // substr counts characters, as [...prefix].length does; a member has at most MAX_PRESETS_PER_MEMBER
  // rows, which the primary key finds.
  const presetsByPrefix = db.prepare(`SELECT * FROM presets
    WHERE user_id = ? AND substr(name_key, 1, ?) = ? ORDER BY name_key LIMIT ?`);
  const removePreset = db.prepare('DELETE FROM presets WHERE user_id = ? AND name_key = ?');

  return {
    async history(query) {
      const { key, sql, params } = historyStatement(query, () => '?');
      let statement = histories.get(key);
      if (!statement) {
        statement = db.prepare(sql);
        // As bigint: a number read above 2^53 throws inside node:sqlite, failing the whole page.
        statement.setReadBigInts(true);
        histories.set(key, statement);
      }
      return historyPage(statement.all(...params), historyLimit(query.limit));
    },
    async setFavorite(userId, generationId, on, at) {
      if (!on) {
        unfavorite.run(userId, generationId);
        return false;
      }
      favorite.run(userId, at, generationId);
      return isFavorite.get(userId, generationId) !== undefined;
    },
    async isFavorite(userId, generationIds) {
      if (generationIds.length === 0) return new Set();
      return new Set(
        favoritesAmong.all(userId, JSON.stringify(generationIds)).map((row) => String(row.generation_id)),
      );
    },
    async getPreferences(userId) {
      return preferencesFromRow(preferences.get(userId));
    },
    async setPreferences(userId, patch, at) {
      const columns = preferenceColumns(patch);
      if (columns.length === 0) return preferencesFromRow(preferences.get(userId));
      const names = columns.map(([column]) => column);
      const row = db
        .prepare(`INSERT INTO member_preferences (user_id, ${names.join(', ')}, updated_at)
          VALUES (?, ${names.map(() => '?').join(', ')}, ?)
          ON CONFLICT (user_id) DO UPDATE SET ${names.map((c) => `${c} = excluded.${c}`).join(', ')},
            updated_at = excluded.updated_at
          RETURNING *`)
        .get(userId, ...columns.map(([, value]) => value), at);
      return preferencesFromRow(row);
    },
    async savePreset(userId, rawName, rawPrompt, at) {
      const { name, key } = presetName(rawName);
      const prompt = presetPrompt(rawPrompt);
      // BEGIN IMMEDIATE: another connection on the file waits, so it cannot count below the cap too.
      return immediateTransaction(db, () => {
        const created = preset.get(userId, key) === undefined;
        if (created) {
          if (Number(presetCount.get(userId)?.n ?? 0) >= MAX_PRESETS_PER_MEMBER)
            throw new StudioInputError(
              'preset_limit',
              `you already have ${MAX_PRESETS_PER_MEMBER} presets: delete one first`,
            );
          insertPreset.run(userId, key, name, prompt, at, at);
        } else {
          updatePreset.run(name, prompt, at, userId, key);
        }
        return { created, preset: presetFromRow(preset.get(userId, key))! };
      });
    },
    async getPreset(userId, name) {
      const key = presetKeyOrUndefined(name);
      return key === undefined ? undefined : presetFromRow(preset.get(userId, key));
    },
    async listPresets(userId, prefix, limit) {
      const key = presetPrefixKey(prefix);
      return presetsByPrefix
        .all(userId, [...key].length, key, presetListLimit(limit))
        .flatMap((row) => presetFromRow(row) ?? []);
    },
    async deletePreset(userId, name) {
      const key = presetKeyOrUndefined(name);
      return key !== undefined && Number(removePreset.run(userId, key).changes) > 0;
    },
  };
}
