// Refusals as catalogue data ({ id, params }), rendered in the reader's language where they are shown.
import { discordTime } from '../core/text.ts';
import { UserError, type UserMessage } from '../core/userError.ts';
import { type MessageId, memberLocale, type Params, shippedLocale, t } from '../i18n/translate.ts';
import type { QuotaDecision } from './quota.ts';

const money = new Map<string, Intl.NumberFormat>();

/** US dollars as the language writes them: $1.50 (en), 1,50 $ (de), 1,50 $US (fr). */
export function usd(amount: number, locale: string | null | undefined = 'en'): string {
  const language = shippedLocale(locale) ?? 'en';
  let format = money.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language === 'en' ? 'en-US' : language, {
      style: 'currency',
      currency: 'USD',
    });
    money.set(language, format);
  }
  return format.format(amount);
}

/**
 * A refusal. Parameters that depend on the language it is shown in: `money` amounts (US$), formatted
 * for it, and `texts`, catalogue ids (such as an option's localised name) rendered in it.
 */
export interface Refusal extends UserMessage {
  money?: Readonly<Record<string, number>>;
  texts?: Readonly<Record<string, MessageId>>;
}

function paramsIn(locale: string, refusal: Refusal): Params {
  const amounts = Object.entries(refusal.money ?? {}).map(([name, amount]) => [name, usd(amount, locale)]);
  const texts = Object.entries(refusal.texts ?? {}).map(([name, id]) => [name, t(locale, id)]);
  return { ...refusal.params, ...Object.fromEntries(amounts), ...Object.fromEntries(texts) };
}

/** The refusal's text in one language (a Discord locale code; unknown ones give English). */
export function renderRefusal(locale: string | null | undefined, refusal: Refusal): string {
  const language = shippedLocale(locale) ?? 'en';
  return t(language, refusal.id, paramsIn(language, refusal));
}

/** A UserError that also formats its amounts of money in the member's language. */
export class RefusalError extends UserError {
  readonly refusal: Refusal;

  constructor(refusal: Refusal) {
    super({ id: refusal.id, params: paramsIn('en', refusal) });
    this.refusal = refusal;
  }

  override render(locale?: string | null, guildLocale?: string | null): string {
    return renderRefusal(memberLocale(locale, guildLocale), this.refusal);
  }
}

/** One short sentence for the member, saying when they may try again. */
export function quotaRefusal(decision: Exclude<QuotaDecision, { ok: true }>): Refusal {
  const { rule, limit, remaining, retryAt } = decision;
  if (rule === 'cooldown') {
    return { id: 'refusal.cooldown', params: { count: limit, time: discordTime(retryAt ?? 0) } };
  }
  if (retryAt === null) {
    const id = rule === 'daily_per_user' ? 'refusal.fewerLeft.user' : 'refusal.fewerLeft.server';
    return { id, params: { count: remaining } };
  }
  const time = discordTime(retryAt);
  switch (rule) {
    case 'daily_per_user':
      return { id: 'refusal.usedUp.user', params: { count: limit, time } };
    case 'daily_server':
      return { id: 'refusal.usedUp.server', params: { count: limit, time } };
    case 'budget':
      return { id: 'refusal.budget', params: { time }, money: { budget: limit } };
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
export function blocklistRefusal(matched: string): Refusal {
  return { id: 'refusal.blocklist', params: { term: quoted(matched) } };
}
