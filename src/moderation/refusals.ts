import type { QuotaDecision } from './quota.ts';

/** Discord renders <t:unix:R> as "in 5 minutes" in each reader's own time zone and language. */
export function discordTime(ms: number, style: 'R' | 'f' | 't' = 'R'): string {
  return `<t:${Math.ceil(ms / 1000)}:${style}>`;
}

export function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One short sentence for the member, saying when they may try again. */
export function quotaRefusal(decision: Exclude<QuotaDecision, { ok: true }>): string {
  const { rule, limit, remaining, retryAt } = decision;
  if (rule === 'cooldown') {
    return `⏳ Slow down a little: this server allows one generation every ${plural(limit, 'second')}. You can try again ${discordTime(retryAt ?? 0)}.`;
  }
  if (retryAt === null) {
    const whose = rule === 'daily_per_user' ? 'You have' : 'This server has';
    return `⏳ ${whose} only ${plural(remaining, 'image')} left today: use /imagine with count ${remaining === 1 ? '1' : `${remaining} or less`}.`;
  }
  const when = `You can try again ${discordTime(retryAt)}.`;
  switch (rule) {
    case 'daily_per_user':
      return `⏳ You have used your ${plural(limit, 'image')} for today. ${when}`;
    case 'daily_server':
      return `⏳ This server has used its ${plural(limit, 'image')} for today. ${when}`;
    case 'budget':
      return `⏳ This server has reached its daily budget of ${usd(limit)}. ${when}`;
  }
}

// Discord refuses message content over 2000 characters and a match can be a whole 1500-character
// prompt (a /regex/ like /.+/), so only its start is quoted.
// https://discord.com/developers/docs/resources/message#create-message-jsonparams
export const MAX_QUOTED = 100;

function quoted(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_QUOTED ? text : `${chars.slice(0, MAX_QUOTED).join('')}…`;
}

/** The member's own words that a blocklist term matched, quoted short. */
export function blocklistRefusal(matched: string): string {
  return `🚫 This server does not allow “${quoted(matched)}” in prompts. Nothing was generated; try rewording it.`;
}
