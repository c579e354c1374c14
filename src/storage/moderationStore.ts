import type { QuotaDecision, QuotaLimits } from '../moderation/quota.ts';

/** Setting name → value, only for the settings a server's moderators changed. */
export type StoredSettings = Readonly<Record<string, unknown>>;

export interface SettingChange {
  setting: string;
  /** null: the setting was (or is now) at its default. */
  old: unknown;
  new: unknown;
}

export interface AuditEntry extends SettingChange {
  guildId: string;
  userId: string;
  userName: string;
  changedAt: number;
}

export interface Actor {
  userId: string;
  userName: string;
}

/**
 * Per-server settings and their audit trail. `changeSettings` runs `plan` inside one transaction on the
 * current rows, writes what it returns (null deletes a row: back to the default) and an audit row per
 * change, so two moderators changing the same list at once cannot lose either change.
 */
export interface SettingsStore {
  loadSettings(guildId: string): Promise<StoredSettings>;
  changeSettings(
    guildId: string,
    actor: Actor,
    at: number,
    plan: (current: StoredSettings) => Record<string, unknown>,
  ): Promise<{ settings: StoredSettings; changes: SettingChange[] }>;
  recentChanges(guildId: string, limit: number): Promise<AuditEntry[]>;
}

export interface ReserveRequest {
  generationId: string;
  /** The guild id, or 'dm' for direct messages. */
  scope: string;
  userId: string;
  images: number;
  unitPriceUsd: number;
  now: number;
  limits: QuotaLimits;
}

export interface UsageQuery {
  scope: string;
  userId: string;
  now: number;
  topMembers: number;
}

export interface UsageFigures {
  userImagesToday: number;
  userLastStartAt: number | null;
  serverImagesToday: number;
  serverSpendTodayUsd: number;
  serverImages30Days: number;
  serverSpend30DaysUsd: number;
  topMembers30Days: { userId: string; images: number }[];
}

/**
 * Quota reservations: `reserve` checks the limits and records the reservation atomically (one
 * transaction), so concurrent requests, in this process or another on the same database, cannot
 * exceed a limit. `settle` records how many images were actually generated (0 releases it).
 */
export interface QuotaStore {
  reserve(request: ReserveRequest): Promise<QuotaDecision>;
  settle(generationId: string, images: number, at: number): Promise<void>;
  /**
   * At start, before any request is admitted: gives back reservations that can no longer be settled
   * (a kill between the reservation and its generation row, or between a failure and its settle).
   * Returns how many.
   */
  releaseOrphans(at: number): Promise<number>;
  usage(query: UsageQuery): Promise<UsageFigures>;
}
