import { z } from 'zod';
import type { HostModeration } from '../config.ts';
import { SAFETY_LEVELS, type SafetyLevel } from '../core/imagineOptions.ts';
import { MAX_TERM_LENGTH } from './blocklist.ts';

/** One server's rules, as the policy reads them: every value resolved (a moderator's choice or the default). */
export interface GuildSettings {
  safetyLevel: SafetyLevel;
  /** Used instead of safetyLevel in age-restricted channels; null: the same as safetyLevel. */
  nsfwLevel: SafetyLevel | null;
  cooldownSeconds: number;
  /** Images per member per (UTC) day; 0: no limit. */
  dailyPerUser: number;
  /** Images per server per (UTC) day; 0: no limit. */
  dailyServer: number;
  maxCount: number;
  /** US$ per (UTC) day; 0: no limit. */
  dailyBudgetUsd: number;
  /** Channel ids where /imagine works; empty: everywhere. */
  channels: readonly string[];
  /** Role ids allowed to generate; empty: everyone. */
  roles: readonly string[];
  blocklist: readonly string[];
}

export type SettingKey = keyof GuildSettings;

/** A change asked for: a value, or null for "back to the default". */
export type SettingsPatch = { [K in SettingKey]?: GuildSettings[K] | null };

/** The names moderators see, also used as the stored and audited setting names. */
export const SETTING_NAMES: Record<SettingKey, string> = {
  safetyLevel: 'safety_level',
  nsfwLevel: 'nsfw_level',
  cooldownSeconds: 'cooldown',
  dailyPerUser: 'daily_per_user',
  dailyServer: 'daily_server',
  maxCount: 'max_count',
  dailyBudgetUsd: 'budget',
  channels: 'channels',
  roles: 'roles',
  blocklist: 'blocklist',
};

export const SETTING_KEYS = Object.keys(SETTING_NAMES) as SettingKey[];

const snowflake = z.string().regex(/^\d{1,20}$/);
const level = z.enum(SAFETY_LEVELS);
const LIST_MAX = 100;

/** Stored values are checked again on read, so a row written by another version cannot break the policy. */
const SCHEMAS: Record<SettingKey, z.ZodType> = {
  safetyLevel: level,
  nsfwLevel: level.nullable(),
  cooldownSeconds: z.int().min(0).max(86_400),
  dailyPerUser: z.int().min(0),
  dailyServer: z.int().min(0),
  maxCount: z.int().min(1).max(4),
  dailyBudgetUsd: z.number().min(0),
  channels: z.array(snowflake).max(LIST_MAX),
  roles: z.array(snowflake).max(LIST_MAX),
  blocklist: z.array(z.string().min(1).max(MAX_TERM_LENGTH)).max(LIST_MAX),
};

/** Lists are read entry by entry: one bad entry must not empty a whole allow-list or blocklist. */
const ENTRY_SCHEMAS: Partial<Record<SettingKey, z.ZodType>> = {
  channels: snowflake,
  roles: snowflake,
  blocklist: z.string().min(1).max(MAX_TERM_LENGTH),
};

/** Told about every stored value (or list entry) that was ignored because it is invalid. */
export type DroppedSetting = (setting: string, detail: string) => void;

export function defaultSettings(host: HostModeration): GuildSettings {
  const d = host.defaults;
  return {
    safetyLevel: host.defaultSafety,
    nsfwLevel: null,
    cooldownSeconds: d.cooldownSeconds,
    dailyPerUser: d.dailyPerUser,
    dailyServer: d.dailyServer,
    maxCount: d.maxCount,
    dailyBudgetUsd: d.dailyBudgetUsd,
    channels: [],
    roles: [],
    blocklist: [],
  };
}

/** Stored rows (setting name → value) over the host's defaults; unknown or invalid rows are ignored. */
export function resolveSettings(
  stored: Readonly<Record<string, unknown>>,
  host: HostModeration,
  onDropped: DroppedSetting = () => {},
): GuildSettings {
  const settings: Record<string, unknown> = { ...defaultSettings(host) };
  for (const key of SETTING_KEYS) {
    const name = SETTING_NAMES[key];
    if (!(name in stored)) continue;
    const entry = ENTRY_SCHEMAS[key];
    const value = stored[name];
    if (entry && Array.isArray(value)) {
      settings[key] = Object.freeze(listEntries(name, value, entry, onDropped));
      continue;
    }
    const parsed = SCHEMAS[key].safeParse(value);
    if (parsed.success) settings[key] = Array.isArray(parsed.data) ? Object.freeze(parsed.data) : parsed.data;
    else onDropped(name, `invalid value, the default applies: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  return Object.freeze(settings) as unknown as GuildSettings;
}

function listEntries(name: string, list: unknown[], entry: z.ZodType, onDropped: DroppedSetting): unknown[] {
  const kept: unknown[] = [];
  for (const [index, item] of list.entries()) {
    if (kept.length === LIST_MAX) {
      onDropped(name, `more than ${LIST_MAX} entries: ${list.length - index} ignored`);
      break;
    }
    const parsed = entry.safeParse(item);
    if (parsed.success) kept.push(parsed.data);
    else onDropped(name, `entry ${index} is invalid and ignored: ${JSON.stringify(item)?.slice(0, 60)}`);
  }
  return kept;
}

export function levelNumber(level: SafetyLevel): number {
  return Number(level);
}

/** The level actually sent to fal: the server's choice, never above the host's maximum. */
export function capLevel(level: SafetyLevel, host: HostModeration): SafetyLevel {
  return levelNumber(level) > levelNumber(host.maxSafety) ? host.maxSafety : level;
}
