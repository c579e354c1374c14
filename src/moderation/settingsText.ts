// What /settings shows moderators, in their language (`lang`: a Discord locale code; unknown ones give
// English). Pure: the embed and texts are plain data.
import type { HostModeration } from '../config.ts';
import { discordTime, truncate } from '../core/text.ts';
import { type MessageId, t } from '../i18n/translate.ts';
import type { AuditEntry, SettingChange } from '../storage/moderationStore.ts';
import { type EmbedText, withinLimits } from './embedText.ts';
import {
  defaultSettings,
  type GuildSettings,
  resolveSettings,
  SETTING_KEYS,
  SETTING_NAMES,
  type SettingKey,
} from './guildSettings.ts';
import { imagesWithinBudget, nextDayStart } from './quota.ts';
import { usd } from './refusals.ts';

const LIST_KEYS: ReadonlySet<SettingKey> = new Set(['channels', 'roles', 'blocklist']);
const KEY_BY_NAME = new Map(SETTING_KEYS.map((key) => [SETTING_NAMES[key], key]));
const SHOWN_IN_LIST = 10;

/** "**name**: value" for one setting, as /settings limits, channels and roles show it. */
export function settingLine(
  key: SettingKey,
  settings: GuildSettings,
  host: HostModeration,
  lang: string,
): string {
  return t(lang, 'settings.value', {
    name: settingLabel(key, lang),
    value: formatValue(key, settings, host, lang),
  });
}

/** A setting's name as a moderator reads it (English keeps the stored names, which the options echo). */
export function settingLabel(key: SettingKey, lang: string): string {
  return t(lang, `setting.${SETTING_NAMES[key]}` as MessageId);
}

function item(key: SettingKey, id: string): string {
  if (key === 'channels') return `<#${id}>`;
  if (key === 'roles') return `<@&${id}>`;
  return `\`${id.replaceAll('`', 'ˋ')}\``;
}

function list(key: SettingKey, ids: readonly string[], lang: string): string {
  const shown = ids
    .slice(0, SHOWN_IN_LIST)
    .map((id) => item(key, id))
    .join(', ');
  return ids.length > SHOWN_IN_LIST
    ? t(lang, 'value.listMore', { list: shown, count: ids.length - SHOWN_IN_LIST })
    : shown;
}

const images = (n: number, lang: string) =>
  n === 0 ? t(lang, 'value.noLimit') : t(lang, 'value.images', { count: n });

/** One setting's value as a moderator reads it; `brief` leaves out what the budget buys (for change lines). */
export function formatValue(
  key: SettingKey,
  settings: GuildSettings,
  host: HostModeration,
  lang = 'en',
  brief = false,
): string {
  switch (key) {
    case 'safetyLevel':
      return Number(settings.safetyLevel) > Number(host.maxSafety)
        ? t(lang, 'value.safety.capped', { level: settings.safetyLevel, max: host.maxSafety })
        : settings.safetyLevel;
    case 'nsfwLevel':
      return settings.nsfwLevel ?? t(lang, 'value.nsfw.same');
    case 'cooldownSeconds':
      return settings.cooldownSeconds === 0
        ? t(lang, 'value.none')
        : t(lang, 'value.seconds', { count: settings.cooldownSeconds });
    case 'dailyPerUser':
      return images(settings.dailyPerUser, lang);
    case 'dailyServer':
      return images(settings.dailyServer, lang);
    case 'maxCount':
      return String(settings.maxCount);
    case 'dailyBudgetUsd': {
      const budget = settings.dailyBudgetUsd;
      if (budget === 0) return t(lang, 'value.noLimit');
      const amount = usd(budget, lang);
      if (brief) return t(lang, 'value.budget', { amount });
      const count = imagesWithinBudget(budget, 0, host.pricePerImageUsd);
      return t(lang, 'value.budgetImages', { amount, count, price: usd(host.pricePerImageUsd, lang) });
    }
    case 'channels':
      return settings.channels.length === 0
        ? t(lang, 'value.everywhere')
        : t(lang, 'value.onlyIn', { list: list(key, settings.channels, lang) });
    case 'roles':
      return settings.roles.length === 0
        ? t(lang, 'value.everyone')
        : t(lang, 'value.onlyRoles', { list: list(key, settings.roles, lang) });
    case 'blocklist':
      return settings.blocklist.length === 0
        ? t(lang, 'value.emptyList')
        : t(lang, 'value.terms', { count: settings.blocklist.length });
  }
}

/** A stored or audited value (null: the default) formatted like the setting it belongs to. */
function formatStored(key: SettingKey, value: unknown, host: HostModeration, lang: string): string {
  if (value === null)
    return t(lang, 'value.default', { value: formatValue(key, defaultSettings(host), host, lang, true) });
  return formatValue(key, resolveSettings({ [SETTING_NAMES[key]]: value }, host), host, lang, true);
}

export function describeChange(change: SettingChange, host: HostModeration, lang = 'en'): string {
  const key = KEY_BY_NAME.get(change.setting);
  if (!key) return `${change.setting}: ${JSON.stringify(change.old)} → ${JSON.stringify(change.new)}`;
  const label = settingLabel(key, lang);
  if (LIST_KEYS.has(key)) {
    const before = Array.isArray(change.old) ? (change.old as string[]) : [];
    const now = Array.isArray(change.new) ? (change.new as string[]) : [];
    const added = now.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !now.includes(id));
    const parts = [
      added.length > 0 ? t(lang, 'change.added', { list: list(key, added, lang) }) : '',
      removed.length > 0 ? t(lang, 'change.removed', { list: list(key, removed, lang) }) : '',
    ].filter(Boolean);
    const what = parts.join(', ') || t(lang, 'change.unchanged');
    const after = formatStored(key, change.new, host, lang);
    return t(lang, 'change.line', { setting: label, before: what, after });
  }
  return t(lang, 'change.line', {
    setting: label,
    before: formatStored(key, change.old, host, lang),
    after: formatStored(key, change.new, host, lang),
  });
}

/** The /settings show embed: every setting with its default, then the last changes. */
export function settingsEmbed(
  settings: GuildSettings,
  changed: ReadonlySet<string>,
  host: HostModeration,
  recent: readonly AuditEntry[],
  lang = 'en',
  now = Date.now(),
): EmbedText {
  const defaults = defaultSettings(host);
  const lines = [t(lang, 'settings.legend'), ''];
  for (const key of SETTING_KEYS) {
    const mark = changed.has(SETTING_NAMES[key]) ? '✏️ ' : '';
    const line = t(lang, 'settings.line', {
      name: settingLabel(key, lang),
      value: formatValue(key, settings, host, lang),
      default: formatValue(key, defaults, host, lang),
    });
    lines.push(`${mark}${line}`);
  }
  lines.push('', t(lang, 'settings.footnote', { max: host.maxSafety, time: discordTime(nextDayStart(now)) }));
  const changes =
    recent.length === 0
      ? t(lang, 'settings.noChanges')
      : recent
          .map(
            (entry) =>
              `${discordTime(entry.changedAt)} <@${entry.userId}> ${describeChange(entry, host, lang)}`,
          )
          .join('\n');
  return withinLimits({
    title: t(lang, 'embed.settings.title'),
    description: lines.join('\n'),
    fields: [{ name: t(lang, 'field.settings.recent.name'), value: changes }],
  });
}

/** What a settings change did, one ✅ line per setting; `nothing` is said when it changed nothing. */
export function describeChanges(
  changes: readonly SettingChange[],
  host: HostModeration,
  nothing: MessageId,
  lang = 'en',
): string {
  if (changes.length === 0) return t(lang, nothing);
  return truncate(changes.map((change) => `✅ ${describeChange(change, host, lang)}`).join('\n'), 2000);
}

export function describeBlocklist(settings: GuildSettings, lang = 'en'): string {
  if (settings.blocklist.length === 0) return t(lang, 'settings.blocklist.empty');
  const terms = settings.blocklist.map((term) => `• ${item('blocklist', term)}`).join('\n');
  return truncate(
    `${t(lang, 'settings.blocklist.heading', { count: settings.blocklist.length })}\n${terms}`,
    2000,
  );
}
