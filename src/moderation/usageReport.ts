// What /usage shows: a member's own figures, and for moderators the server's totals and spend.
import type { HostModeration } from '../config.ts';
import type { UsageFigures } from '../storage/moderationStore.ts';
import type { GuildSettings } from './guildSettings.ts';
import { remainingToday } from './quota.ts';
import { discordTime, usd } from './refusals.ts';

const images = (n: number) => `${n} image${n === 1 ? '' : 's'}`;

function limitsLine(settings: GuildSettings): string {
  const parts: string[] = [];
  if (settings.dailyPerUser > 0) parts.push(`${images(settings.dailyPerUser)} per member`);
  if (settings.dailyServer > 0) parts.push(`${images(settings.dailyServer)} for the server`);
  if (settings.dailyBudgetUsd > 0) parts.push(`a ${usd(settings.dailyBudgetUsd)} server budget`);
  return parts.length === 0 ? 'no daily limits' : `daily limits: ${parts.join(', ')}`;
}

export function memberUsage(
  figures: UsageFigures,
  settings: GuildSettings,
  host: HostModeration,
  now: number,
): string {
  const usage = {
    userImagesToday: figures.userImagesToday,
    serverImagesToday: figures.serverImagesToday,
    serverSpendTodayUsd: figures.serverSpendTodayUsd,
    lastUserStartAt: figures.userLastStartAt,
  };
  const left = remainingToday(settings, usage, host.pricePerImageUsd);
  const lines = [
    `📊 **Your images today**: ${figures.userImagesToday}`,
    `Remaining today: ${left === null ? 'no limit' : images(left)} (${limitsLine(settings)}; days end at 00:00 UTC)`,
  ];
  if (settings.cooldownSeconds > 0 && figures.userLastStartAt !== null) {
    const readyAt = figures.userLastStartAt + settings.cooldownSeconds * 1000;
    if (readyAt > now) lines.push(`Cooldown: you can generate again ${discordTime(readyAt)}`);
  }
  return lines.join('\n');
}

export function serverUsage(figures: UsageFigures, settings: GuildSettings, host: HostModeration): string {
  const budget = settings.dailyBudgetUsd > 0 ? ` of the ${usd(settings.dailyBudgetUsd)} daily budget` : '';
  const top =
    figures.topMembers30Days.length === 0
      ? 'nobody yet'
      : figures.topMembers30Days.map((m, i) => `${i + 1}. <@${m.userId}> ${m.images}`).join(' · ');
  return [
    '🏠 **This server**',
    `Today: ${images(figures.serverImagesToday)} · estimated ${usd(figures.serverSpendTodayUsd)}${budget}`,
    `Last 30 days: ${images(figures.serverImages30Days)} · estimated ${usd(figures.serverSpend30DaysUsd)}`,
    `Top members (30 days): ${top}`,
    `Estimates use ${usd(host.pricePerImageUsd)} per [pro] image (/imagine, and edits with the pro model) and ${usd(host.maxPricePerImageUsd)} per [max] image; images in progress count until they fail.`,
  ].join('\n');
}
