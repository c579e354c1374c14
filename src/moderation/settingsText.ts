// What /settings shows moderators: plain text, short enough for one ephemeral message.
import type { HostModeration } from '../config.ts';
import { truncate } from '../core/text.ts';
import type { AuditEntry, SettingChange } from '../storage/moderationStore.ts';
import {
  defaultSettings,
  type GuildSettings,
  resolveSettings,
  SETTING_KEYS,
  SETTING_NAMES,
  type SettingKey,
} from './guildSettings.ts';
import { imagesWithinBudget } from './quota.ts';
import { discordTime, usd } from './refusals.ts';

const LIST_KEYS: ReadonlySet<SettingKey> = new Set(['channels', 'roles', 'blocklist']);
const KEY_BY_NAME = new Map(SETTING_KEYS.map((key) => [SETTING_NAMES[key], key]));
const SHOWN_IN_LIST = 10;

function item(key: SettingKey, id: string): string {
  if (key === 'channels') return `<#${id}>`;
  if (key === 'roles') return `<@&${id}>`;
  return `\`${id.replaceAll('`', 'ˋ')}\``;
}

function list(key: SettingKey, ids: readonly string[]): string {
  const shown = ids.slice(0, SHOWN_IN_LIST).map((id) => item(key, id));
  return ids.length > SHOWN_IN_LIST
    ? `${shown.join(', ')} and ${ids.length - SHOWN_IN_LIST} more`
    : shown.join(', ');
}

const count = (n: number, word: string) => (n === 0 ? 'no limit' : `${n} ${word}${n === 1 ? '' : 's'}`);

/** One setting's value as a moderator reads it; `brief` leaves out what the budget buys (for change lines). */
export function formatValue(
  key: SettingKey,
  settings: GuildSettings,
  host: HostModeration,
  brief = false,
): string {
  switch (key) {
    case 'safetyLevel':
      return Number(settings.safetyLevel) > Number(host.maxSafety)
        ? `${settings.safetyLevel} (the host caps it at ${host.maxSafety})`
        : settings.safetyLevel;
    case 'nsfwLevel':
      return settings.nsfwLevel ?? 'same as safety_level';
    case 'cooldownSeconds':
      return settings.cooldownSeconds === 0 ? 'none' : `${settings.cooldownSeconds} s`;
    case 'dailyPerUser':
      return count(settings.dailyPerUser, 'image');
    case 'dailyServer':
      return count(settings.dailyServer, 'image');
    case 'maxCount':
      return String(settings.maxCount);
    case 'dailyBudgetUsd': {
      const budget = settings.dailyBudgetUsd;
      if (budget === 0) return 'no limit';
      if (brief) return `${usd(budget)} a day`;
      const images = imagesWithinBudget(budget, 0, host.pricePerImageUsd);
      return `${usd(budget)} a day (${images} images at ${usd(host.pricePerImageUsd)})`;
    }
    case 'channels':
      return settings.channels.length === 0 ? 'everywhere' : `only in ${list(key, settings.channels)}`;
    case 'roles':
      return settings.roles.length === 0 ? 'everyone' : `only ${list(key, settings.roles)}`;
    case 'blocklist':
      return settings.blocklist.length === 0
        ? 'empty'
        : `${settings.blocklist.length} term${settings.blocklist.length === 1 ? '' : 's'} (see /settings blocklist list)`;
  }
}

/** A stored or audited value (null: the default) formatted like the setting it belongs to. */
function formatStored(key: SettingKey, value: unknown, host: HostModeration): string {
  if (value === null) return `${formatValue(key, defaultSettings(host), host, true)} (default)`;
  return formatValue(key, resolveSettings({ [SETTING_NAMES[key]]: value }, host), host, true);
}

export function describeChange(change: SettingChange, host: HostModeration): string {
  const key = KEY_BY_NAME.get(change.setting);
  if (!key) return `${change.setting}: ${JSON.stringify(change.old)} → ${JSON.stringify(change.new)}`;
  if (LIST_KEYS.has(key)) {
    const before = Array.isArray(change.old) ? (change.old as string[]) : [];
    const after = Array.isArray(change.new) ? (change.new as string[]) : [];
    const added = after.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !after.includes(id));
    const parts = [
      added.length > 0 ? `added ${list(key, added)}` : '',
      removed.length > 0 ? `removed ${list(key, removed)}` : '',
    ].filter(Boolean);
    return `${change.setting}: ${parts.join(', ') || 'unchanged'} → ${formatStored(key, change.new, host)}`;
  }
  return `${change.setting}: ${formatStored(key, change.old, host)} → ${formatStored(key, change.new, host)}`;
}

export function describeSettings(
  settings: GuildSettings,
  changed: ReadonlySet<string>,
  host: HostModeration,
  recent: readonly AuditEntry[],
): string {
  const defaults = defaultSettings(host);
  const lines = ['⚙️ **Settings of this server** (✏️ changed by a moderator · the rest are defaults)'];
  for (const key of SETTING_KEYS) {
    const name = SETTING_NAMES[key];
    const mark = changed.has(name) ? '✏️ ' : '';
    lines.push(
      `${mark}**${name}**: ${formatValue(key, settings, host)} · default ${formatValue(key, defaults, host)}`,
    );
  }
  lines.push(
    `Safety levels: 1 strictest … 6 most permissive; the host allows up to ${host.maxSafety}. Daily limits reset at 00:00 UTC.`,
  );
  lines.push('', '**Last changes**');
  if (recent.length === 0) lines.push('none yet');
  for (const entry of recent) {
    lines.push(`${discordTime(entry.changedAt)} <@${entry.userId}> ${describeChange(entry, host)}`);
  }
  return truncate(lines.join('\n'), 2000);
}

export function describeChanges(
  changes: readonly SettingChange[],
  host: HostModeration,
  nothing: string,
): string {
  if (changes.length === 0) return `Nothing changed: ${nothing}`;
  return truncate(changes.map((change) => `✅ ${describeChange(change, host)}`).join('\n'), 2000);
}

export function describeBlocklist(settings: GuildSettings): string {
  if (settings.blocklist.length === 0) return 'The blocklist is empty.';
  const terms = settings.blocklist.map((term) => `• ${item('blocklist', term)}`).join('\n');
  return truncate(
    `🚫 **Blocklist** (${settings.blocklist.length}; whole words, case-insensitive; /regex/ as written)\n${terms}`,
    2000,
  );
}
