// What /usage shows, in the member's language (`lang`: a Discord locale code): their own figures, and
// for moderators the server's totals and spend. Pure: the embed is plain data.
import type { HostModeration } from '../config.ts';
import { discordTime } from '../core/text.ts';
import { t } from '../i18n/translate.ts';
import type { UsageFigures } from '../storage/moderationStore.ts';
import { type EmbedField, type EmbedText, withinLimits } from './embedText.ts';
import type { GuildSettings } from './guildSettings.ts';
import { nextDayStart, remainingToday } from './quota.ts';
import { usd } from './refusals.ts';

function limitsText(settings: GuildSettings, lang: string): string {
  const parts: string[] = [];
  if (settings.dailyPerUser > 0)
    parts.push(t(lang, 'usage.limit.perMember', { count: settings.dailyPerUser }));
  if (settings.dailyServer > 0) parts.push(t(lang, 'usage.limit.server', { count: settings.dailyServer }));
  if (settings.dailyBudgetUsd > 0)
    parts.push(t(lang, 'usage.limit.budget', { amount: usd(settings.dailyBudgetUsd, lang) }));
  return parts.length === 0 ? t(lang, 'usage.noLimits') : t(lang, 'usage.limits', { list: parts.join(', ') });
}

function memberFields(
  figures: UsageFigures,
  settings: GuildSettings,
  host: HostModeration,
  now: number,
  lang: string,
): EmbedField[] {
  const usage = {
    userImagesToday: figures.userImagesToday,
    serverImagesToday: figures.serverImagesToday,
    serverSpendTodayUsd: figures.serverSpendTodayUsd,
    lastUserStartAt: figures.userLastStartAt,
  };
  const left = remainingToday(settings, usage, host.pricePerImageUsd);
  const remaining = t(lang, 'usage.remaining', {
    left: left === null ? t(lang, 'value.noLimit') : t(lang, 'value.images', { count: left }),
    limits: limitsText(settings, lang),
    time: discordTime(nextDayStart(now)),
  });
  const fields = [{ name: t(lang, 'field.usage.remaining.name'), value: remaining }];
  if (settings.cooldownSeconds > 0 && figures.userLastStartAt !== null) {
    const readyAt = figures.userLastStartAt + settings.cooldownSeconds * 1000;
    if (readyAt > now)
      fields.push({
        name: t(lang, 'field.usage.cooldown.name'),
        value: t(lang, 'usage.cooldown', { time: discordTime(readyAt) }),
      });
  }
  return fields;
}

function serverFields(figures: UsageFigures, settings: GuildSettings, lang: string): EmbedField[] {
  const today =
    settings.dailyBudgetUsd > 0
      ? t(lang, 'usage.spendOfBudget', {
          count: figures.serverImagesToday,
          spend: usd(figures.serverSpendTodayUsd, lang),
          budget: usd(settings.dailyBudgetUsd, lang),
        })
      : t(lang, 'usage.spend', {
          count: figures.serverImagesToday,
          spend: usd(figures.serverSpendTodayUsd, lang),
        });
  const month = t(lang, 'usage.spend', {
    count: figures.serverImages30Days,
    spend: usd(figures.serverSpend30DaysUsd, lang),
  });
  const top =
    figures.topMembers30Days.length === 0
      ? t(lang, 'usage.nobody')
      : figures.topMembers30Days.map((m, i) => `${i + 1}. <@${m.userId}> ${m.images}`).join(' · ');
  return [
    { name: t(lang, 'field.usage.today.name'), value: today },
    { name: t(lang, 'field.usage.month.name'), value: month },
    { name: t(lang, 'field.usage.top.name'), value: top },
  ];
}

/** The /usage embed; `manager` adds the server's totals, spend and top members. */
export function usageEmbed(
  figures: UsageFigures,
  settings: GuildSettings,
  host: HostModeration,
  now: number,
  manager: boolean,
  lang = 'en',
): EmbedText {
  const embed: EmbedText = {
    title: t(lang, 'embed.usage.title', { count: figures.userImagesToday }),
    fields: memberFields(figures, settings, host, now, lang),
  };
  if (manager) {
    embed.fields.push(...serverFields(figures, settings, lang));
    embed.footer = {
      text: t(lang, 'usage.estimates', {
        pro: usd(host.pricePerImageUsd, lang),
        max: usd(host.maxPricePerImageUsd, lang),
      }),
    };
  }
  return withinLimits(embed);
}
