// What each /settings subcommand asks for, turned into a settings patch, or refused with a UserError.
// Discord checks option ranges in its client, but a crafted interaction can skip them: checked again here.
import type { HostModeration } from '../config.ts';
import { SAFETY_LEVELS, type SafetyLevel } from '../core/imagineOptions.ts';
import type { MessageId } from '../i18n/translate.ts';
import { additionRefusal, MAX_TERMS, parseTerm, sameTerm } from './blocklist.ts';
import type { GuildSettings, SettingsPatch } from './guildSettings.ts';
import { RefusalError } from './refusals.ts';

export const LIMIT_RANGES = {
  cooldown: [0, 86_400],
  daily_per_user: [0, 100_000],
  daily_server: [0, 1_000_000],
  max_count: [1, 4],
  budget: [0, 100_000],
} as const;

export const MAX_LISTED = 25;

/** Option names are localised: a refusal names the option as the moderator's client shows it. */
const optionName = (name: string) => ({ option: `option.${name}.name` as MessageId });

function toLevel(value: number, option: 'level' | 'nsfw_level', host: HostModeration): SafetyLevel {
  const level = String(value);
  if (!Number.isInteger(value) || !(SAFETY_LEVELS as readonly string[]).includes(level)) {
    throw new RefusalError({ id: 'error.settings.level', texts: optionName(option) });
  }
  if (value > Number(host.maxSafety)) {
    throw new RefusalError({ id: 'error.settings.hostMax', params: { max: host.maxSafety } });
  }
  return level as SafetyLevel;
}

/** nsfw_level 0 means "the same as level" (clears it). */
export function safetyPatch(
  level: number,
  nsfwLevel: number | undefined,
  host: HostModeration,
): SettingsPatch {
  const patch: SettingsPatch = { safetyLevel: toLevel(level, 'level', host) };
  if (nsfwLevel !== undefined)
    patch.nsfwLevel = nsfwLevel === 0 ? null : toLevel(nsfwLevel, 'nsfw_level', host);
  return patch;
}

export type LimitValues = Partial<Record<keyof typeof LIMIT_RANGES, number>>;

export function limitsPatch(values: LimitValues): SettingsPatch {
  for (const [name, value] of Object.entries(values)) {
    const [min, max] = LIMIT_RANGES[name as keyof typeof LIMIT_RANGES];
    const whole = name === 'budget' || Number.isInteger(value);
    if (!Number.isFinite(value) || !whole || value < min || value > max) {
      throw new RefusalError(
        name === 'budget'
          ? { id: 'error.settings.amountRange', texts: optionName(name), money: { min, max } }
          : { id: 'error.settings.wholeRange', texts: optionName(name), params: { min, max } },
      );
    }
  }
  const patch: SettingsPatch = {};
  if (values.cooldown !== undefined) patch.cooldownSeconds = values.cooldown;
  if (values.daily_per_user !== undefined) patch.dailyPerUser = values.daily_per_user;
  if (values.daily_server !== undefined) patch.dailyServer = values.daily_server;
  if (values.max_count !== undefined) patch.maxCount = values.max_count;
  // Cents: a budget is money, and 0.1 + 0.2 style sums should not show up in /settings show.
  if (values.budget !== undefined) {
    const cents = Math.round(values.budget * 100);
    // 0 means "no limit": a tiny amount must not round to it.
    if (values.budget > 0 && cents === 0)
      throw new RefusalError({
        id: 'error.settings.budgetTooSmall',
        texts: optionName('budget'),
        money: { min: 0.01 },
      });
    patch.dailyBudgetUsd = cents / 100;
  }
  return patch;
}

/** Adds or removes one id of an allow-list, or clears it (`all`: everywhere / everyone). */
export function listEdit(
  current: readonly string[],
  edit: { add?: string; remove?: string; all?: boolean },
  what: 'channels' | 'roles',
): readonly string[] {
  if (edit.all === true) return [];
  let next = [...current];
  if (edit.remove !== undefined) next = next.filter((id) => id !== edit.remove);
  if (edit.add !== undefined && !next.includes(edit.add)) {
    if (next.length >= MAX_LISTED) {
      const id = what === 'channels' ? 'error.settings.channelsFull' : 'error.settings.rolesFull';
      throw new RefusalError({ id, params: { count: MAX_LISTED } });
    }
    next.push(edit.add);
  }
  return next;
}

export function blocklistAdd(current: GuildSettings, input: string): SettingsPatch {
  const parsed = parseTerm(input);
  if (!parsed.ok) throw new RefusalError(parsed.error);
  if (current.blocklist.some((term) => sameTerm(term, parsed.term))) return {};
  if (current.blocklist.length >= MAX_TERMS) {
    throw new RefusalError({ id: 'error.blocklist.full', params: { count: MAX_TERMS } });
  }
  const tooSlow = additionRefusal(current.blocklist, parsed.term);
  if (tooSlow) throw new RefusalError(tooSlow);
  return { blocklist: [...current.blocklist, parsed.term] };
}

export function blocklistRemove(current: GuildSettings, input: string): SettingsPatch {
  const parsed = parseTerm(input);
  const term = parsed.ok ? parsed.term : input.trim();
  if (!current.blocklist.some((t) => sameTerm(t, term))) {
    throw new RefusalError({ id: 'error.blocklist.notListed', params: { term } });
  }
  return { blocklist: current.blocklist.filter((t) => !sameTerm(t, term)) };
}

/** Every setting back to the host's defaults. */
export function resetPatch(): SettingsPatch {
  return {
    safetyLevel: null,
    nsfwLevel: null,
    cooldownSeconds: null,
    dailyPerUser: null,
    dailyServer: null,
    maxCount: null,
    dailyBudgetUsd: null,
    channels: null,
    roles: null,
    blocklist: null,
  };
}
