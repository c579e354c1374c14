import type { DatabaseSync } from 'node:sqlite';
import type { AuditEntry, SettingChange, SettingsStore, StoredSettings } from './moderationStore.ts';
import { json, parse } from './settingValue.ts';
import { immediateTransaction } from './sqliteTransaction.ts';

type Row = Record<string, unknown>;

export function sqliteSettingsStore(db: DatabaseSync): SettingsStore {
  const select = db.prepare('SELECT setting, value_json FROM guild_settings WHERE guild_id = ?');
  const upsert =
    db.prepare(`INSERT INTO guild_settings (guild_id, setting, value_json, updated_at, updated_by)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (guild_id, setting) DO UPDATE SET
      value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  const remove = db.prepare('DELETE FROM guild_settings WHERE guild_id = ? AND setting = ?');
  const audit = db.prepare(`INSERT INTO settings_audit
    (guild_id, user_id, user_name, setting, old_json, new_json, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const recent = db.prepare('SELECT * FROM settings_audit WHERE guild_id = ? ORDER BY id DESC LIMIT ?');

  const load = (guildId: string): StoredSettings =>
    Object.freeze(
      Object.fromEntries(select.all(guildId).map((row) => [String(row.setting), parse(row.value_json)])),
    );

  return {
    async loadSettings(guildId) {
      return load(guildId);
    },
    async changeSettings(guildId, actor, at, plan) {
      return immediateTransaction(db, () => {
        const current = load(guildId);
        const changes: SettingChange[] = [];
        for (const [setting, value] of Object.entries(plan(current))) {
          const old = current[setting] ?? null;
          if (json(old) === json(value)) continue;
          if (value === null) remove.run(guildId, setting);
          else upsert.run(guildId, setting, json(value), at, actor.userId);
          audit.run(guildId, actor.userId, actor.userName, setting, json(old), json(value), at);
          changes.push({ setting, old, new: value });
        }
        return { settings: load(guildId), changes };
      });
    },
    async recentChanges(guildId, limit) {
      return recent.all(guildId, limit).map(
        (row: Row): AuditEntry => ({
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
