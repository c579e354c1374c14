import type { HostModeration } from '../config.ts';
import type { Logger } from '../logger.ts';
import type {
  Actor,
  AuditEntry,
  SettingChange,
  SettingsStore,
  StoredSettings,
} from '../storage/moderationStore.ts';
import { unusableTerms } from './blocklistMatcher.ts';
import {
  type GuildSettings,
  resolveSettings,
  SETTING_KEYS,
  SETTING_NAMES,
  type SettingsPatch,
} from './guildSettings.ts';

export interface SettingsSnapshot {
  settings: GuildSettings;
  /** Setting names a moderator changed; the others follow the host's defaults. */
  changed: ReadonlySet<string>;
}

/**
 * Reads come from a per-server cache of immutable snapshots (every generation reads them); writes
 * for one server are queued one after another, go through the store in a transaction, then replace
 * the cached snapshot. Processes sharing a PostgreSQL database announce each change, and the others
 * drop their copy (`forget`): a reshard or a worker settling a quota never reads a stale one.
 */
export class SettingsService {
  private readonly cache = new Map<string, SettingsSnapshot>();
  private readonly writes = new Map<string, Promise<unknown>>();
  private readonly store: SettingsStore;
  private readonly host: HostModeration;
  private readonly logger: Logger;

  private readonly changed: ((guildId: string) => void) | undefined;

  constructor(deps: {
    store: SettingsStore;
    host: HostModeration;
    logger: Logger;
    /** After a change is written: other processes sharing the database drop their cached copy. */
    changed?: (guildId: string) => void;
  }) {
    this.store = deps.store;
    this.host = deps.host;
    this.logger = deps.logger;
    this.changed = deps.changed;
  }

  /** Another process changed this server's settings: the next read goes to the database. */
  forget(guildId: string): void {
    if (!this.writes.has(guildId)) this.cache.delete(guildId);
  }

  async snapshot(guildId: string): Promise<SettingsSnapshot> {
    const cached = this.cache.get(guildId);
    if (cached) return cached;
    return this.remember(guildId, await this.store.loadSettings(guildId));
  }

  async get(guildId: string): Promise<GuildSettings> {
    return (await this.snapshot(guildId)).settings;
  }

  /**
   * Applies `edit` to the server's current settings (read inside the transaction). `edit` may throw a
   * UserError to refuse; nothing is written then. Values equal to the current ones are not changes.
   */
  change(
    guildId: string,
    actor: Actor,
    edit: (current: GuildSettings) => SettingsPatch,
  ): Promise<SettingChange[]> {
    const previous = this.writes.get(guildId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const { settings, changes } = await this.store.changeSettings(guildId, actor, Date.now(), (stored) =>
          this.toRows(stored, edit),
        );
        this.remember(guildId, settings);
        if (changes.length > 0) this.changed?.(guildId);
        for (const change of changes) {
          this.logger.info({ guildId, by: actor.userId, ...change }, 'server setting changed');
        }
        return changes;
      });
    this.writes.set(guildId, next);
    void next
      .finally(() => {
        if (this.writes.get(guildId) === next) this.writes.delete(guildId);
      })
      .catch(() => undefined);
    return next;
  }

  recentChanges(guildId: string, limit: number): Promise<AuditEntry[]> {
    return this.store.recentChanges(guildId, limit);
  }

  private toRows(stored: StoredSettings, edit: (current: GuildSettings) => SettingsPatch) {
    const current = resolveSettings(stored, this.host);
    const patch = edit(current);
    const rows: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) {
      if (!(key in patch)) continue;
      const value = patch[key];
      const name = SETTING_NAMES[key];
      // Setting the value it already has changes nothing (and writes no audit row).
      if (value !== null && JSON.stringify(value) === JSON.stringify(current[key])) continue;
      rows[name] = value === undefined ? null : value;
    }
    return rows;
  }

  private remember(guildId: string, stored: StoredSettings): SettingsSnapshot {
    const settings = resolveSettings(stored, this.host, (setting, detail) =>
      this.logger.error({ guildId, setting, detail }, 'stored server setting is invalid'),
    );
    for (const { term, reason } of unusableTerms(settings.blocklist)) {
      this.logger.error(
        {
          guildId,
          setting: SETTING_NAMES.blocklist,
          detail: `${JSON.stringify(term).slice(0, 60)} is skipped: ${reason}`,
        },
        'stored server setting is invalid',
      );
    }
    const snapshot = { settings, changed: new Set(Object.keys(stored)) };
    this.cache.set(guildId, snapshot);
    return snapshot;
  }
}
