import { shippedLocale, t } from '../i18n/translate.ts';

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A number in the language's separators (German and French write 4,2); every digit unless `fractionDigits`. */
export function formatNumber(
  locale: string | null | undefined,
  value: number,
  fractionDigits?: number,
): string {
  // Only shipped languages: a stored or crafted locale code must not make Intl throw.
  return new Intl.NumberFormat(shippedLocale(locale) ?? 'en', {
    minimumFractionDigits: fractionDigits ?? 0,
    maximumFractionDigits: fractionDigits ?? 20,
    useGrouping: false,
  }).format(value);
}

/** How long something took: "4.2 s", "2 min 5 s" (in German "4,2 s"). */
export function formatDuration(ms: number, locale?: string | null): string {
  if (ms < 60_000) return t(locale, 'duration.seconds', { seconds: formatNumber(locale, ms / 1000, 1) });
  return t(locale, 'duration.minutes', {
    minutes: formatNumber(locale, Math.floor(ms / 60_000)),
    seconds: formatNumber(locale, Math.round((ms % 60_000) / 1000)),
  });
}

/** Discord renders <t:unix:R> as "in 5 minutes" in each reader's own time zone and language. */
export function discordTime(ms: number, style: 'R' | 'f' | 't' = 'R'): string {
  return `<t:${Math.ceil(ms / 1000)}:${style}>`;
}
