// Catalogue texts in the shape Discord's command definitions take: the English default plus
// `*_localizations` for every other shipped language (keys are Discord locale codes: 'de', 'fr').
import type { MessageId } from './en.ts';
import type { Message } from './message.ts';
import { catalogues, SHIPPED_LOCALES, type ShippedLocale } from './translate.ts';

export type Localizations = { [L in Exclude<ShippedLocale, 'en'>]: string };

/** Command texts take no parameters; a plural message gives its general form. */
const plain = (message: Message): string => (typeof message === 'string' ? message : message.other);

function text(locale: ShippedLocale, id: MessageId): string {
  const message: Message | undefined = catalogues[locale][id];
  // A key built from a path (commands/settings.ts) is checked here, at import: a typo fails every test.
  if (message === undefined) throw new Error(`no message ${id} in ${locale}`);
  return plain(message);
}

/** The text of `id` in every shipped language but English. */
export function localizations(id: MessageId): Localizations {
  const out: Partial<Record<ShippedLocale, string>> = {};
  for (const locale of SHIPPED_LOCALES) if (locale !== 'en') out[locale] = text(locale, id);
  return out as Localizations;
}

/** `name` and `name_localizations` of a command, option or choice. */
export function named(id: MessageId): { name: string; name_localizations: Localizations } {
  return { name: text('en', id), name_localizations: localizations(id) };
}

/** `description` and `description_localizations` of a command or option. */
export function described(id: MessageId): { description: string; description_localizations: Localizations } {
  return { description: text('en', id), description_localizations: localizations(id) };
}
