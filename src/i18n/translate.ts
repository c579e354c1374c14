// Message lookup: t(locale, id, params) in the member's language. Pure: no discord.js, no I/O.
// Discord sends `locale` (the member's client language) and `guild_locale` (the server's); both are
// Discord locale codes (en-US, en-GB, de, fr, es-ES, …). Languages we do not ship fall back to English.
import { de } from './de.ts';
import { en, type MessageId } from './en.ts';
import { fr } from './fr.ts';
import type { Message, PluralCategory } from './message.ts';

export type { MessageId } from './en.ts';

export const catalogues = { en, de, fr } as const satisfies Record<string, Record<MessageId, Message>>;

export type ShippedLocale = keyof typeof catalogues;

export const SHIPPED_LOCALES = Object.keys(catalogues) as ShippedLocale[];

export type Params = Readonly<Record<string, string | number>>;

/** The shipped catalogue for a Discord locale code ('de' → de, 'fr' → fr, 'en-GB' → en), if any. */
export function shippedLocale(code: string | null | undefined): ShippedLocale | undefined {
  if (typeof code !== 'string') return undefined;
  const language = code.trim().toLowerCase().split(/[-_]/)[0];
  return SHIPPED_LOCALES.find((locale) => locale === language);
}

/** The catalogues to try, best first: the member's language, then the server's, then English. */
export function localeChain(interactionLocale?: string | null, guildLocale?: string | null): ShippedLocale[] {
  const chain: ShippedLocale[] = [];
  for (const locale of [shippedLocale(interactionLocale), shippedLocale(guildLocale), 'en' as const]) {
    if (locale !== undefined && !chain.includes(locale)) chain.push(locale);
  }
  return chain;
}

/** The language to answer a member in: localeChain's first (the chain always ends with English). */
export function memberLocale(interactionLocale?: string | null, guildLocale?: string | null): ShippedLocale {
  return localeChain(interactionLocale, guildLocale)[0] ?? 'en';
}

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(locale: ShippedLocale, count: number): PluralCategory {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count) as PluralCategory;
}

/** The text of a message before its placeholders are filled: plural forms are chosen by `count`. */
function textOf(locale: ShippedLocale, message: Message, params: Params | undefined): string {
  if (typeof message === 'string') return message;
  const count = Number(params?.count);
  if (!Number.isFinite(count)) return message.other;
  return message[pluralCategory(locale, count)] ?? message.other;
}

/** Replaces `{name}` with params.name; a placeholder without a value is left as it is. */
export function fill(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * The text of `id` in the language of `locale` (a Discord locale code, or a chain's first element).
 * Unknown or missing locales give English.
 */
export function t(locale: string | null | undefined, id: MessageId, params?: Params): string {
  const chosen = shippedLocale(locale) ?? 'en';
  const message: Message = catalogues[chosen][id] ?? en[id];
  return fill(textOf(chosen, message, params), params);
}

/** t() for a member: their client language, else the server's, else English. */
export function tFor(
  where: { locale?: string | null; guildLocale?: string | null },
  id: MessageId,
  params?: Params,
): string {
  return t(memberLocale(where.locale, where.guildLocale), id, params);
}
