import type pg from 'pg';
import type { AuditEntry, SettingChange, SettingsStore, StoredSettings } from '../moderationStore.ts';
import { json, parse } from '../settingValue.ts';
import { inTransaction, LOCK_SPACE } from './pgPool.ts';

type Row = Record<string, unknown>;
type Queryable = pg.Pool | pg.PoolClient;

async function load(db: Queryable, guildId: string): Promise<StoredSettings> {
  const { rows } = await db.query<Row>(
    'SELECT setting, value_json FROM guild_settings WHERE guild_id = $1 ORDER BY setting',
    [guildId],
  );
  return Object.freeze(Object.fromEntries(rows.map((row) => [String(row.setting), parse(row.value_json)])));
}

export function pgSettingsStore(pool: pg.Pool): SettingsStore {
  return {
    async loadSettings(guildId) {
      return load(pool, guildId);
    },
    async changeSettings(guildId, actor, at, plan) {
      return inTransaction(pool, async (client) => {
        // One change per guild at a time, across every process on this database: the second moderator's
        // plan runs on the rows the first one committed (READ COMMITTED: each statement after the lock
        // sees every commit made before it was granted), so neither change is lost. The lock is the
        // transaction's, released by its COMMIT or ROLLBACK.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE.settings, guildId]);
        const current = await load(client, guildId);
        const changes: SettingChange[] = [];
        for (const [setting, value] of Object.entries(plan(current))) {
          const old = current[setting] ?? null;
          if (json(old) === json(value)) continue;
          if (value === null) {
            await client.query('DELETE FROM guild_settings WHERE guild_id = $1 AND setting = $2', [
              guildId,
              setting,
            ]);
          } else {
            await client.query(
              `INSERT INTO guild_settings (guild_id, setting, value_json, updated_at, updated_by)
              VALUES ($1, $2, $3, $4, $5)
              ON CONFLICT (guild_id, setting) DO UPDATE SET
                value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
              [guildId, setting, json(value), at, actor.userId],
            );
          }
          await client.query(
            `INSERT INTO settings_audit (guild_id, user_id, user_name, setting, old_json, new_json, changed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [
              guildId,
              actor.userId,
              actor.userName.replaceAll('\u0000', '\uFFFD'),
              setting,
              json(old),
              json(value),
              at,
            ],
          );
          changes.push({ setting, old, new: value });
        }
        return { settings: await load(client, guildId), changes };
      });
    },
    async recentChanges(guildId, limit) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM settings_audit WHERE guild_id = $1 ORDER BY id DESC LIMIT $2',
        [guildId, limit],
      );
      return rows.map(
        (row): AuditEntry => ({
          guildId: String(row.guild_id),
          userId: String(row.user_id),
          userName: String(row.user_name),
          setting: String(row.setting),
          old: parse(row.old_json),
          new: parse(row.new_json),
          changedAt: Number(row.changed_at),
        }),
      );
    },
  };
}
