// t() is total: any message id, any locale Discord may send (or none, or nonsense), any count.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { en, type MessageId } from '../../src/i18n/en.ts';
import type { Catalogue, Message } from '../../src/i18n/message.ts';
import { catalogues, fill, localeChain, shippedLocale, t, tFor } from '../../src/i18n/translate.ts';
import { LOCALES } from '../emulators/discord/command-limits.ts';

/** https://discord.com/developers/docs/reference#locales */
const DISCORD_LOCALES = [...LOCALES];

const ids = Object.keys(en) as MessageId[];
const locale = fc.oneof(
  fc.constantFrom(...DISCORD_LOCALES, 'xx', 'DE', 'fr-CA', '', 'en_US'),
  fc.string({ maxLength: 8 }),
  fc.constant(undefined),
);
const count = fc.integer({ min: 0, max: 1_000_000 });
const params = fc.record({ count, name: fc.string({ minLength: 1, maxLength: 10 }) });

describe('t', () => {
  test('never throws and never gives an empty text, for any key, locale and count 0..10^6', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ids), locale, params, (id, where, values) => {
        const text = t(where, id, values);
        expect(typeof text).toBe('string');
        expect(text.length).toBeGreaterThan(0);
        expect(tFor({ locale: where, guildLocale: where }, id, values).length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  test('without params it still gives a text (a plural message gives its general form)', () => {
    for (const id of ids)
      for (const where of [undefined, 'de', 'fr', 'xx']) expect(t(where, id)).not.toBe('');
  });

  test('Discord locale codes map to the shipped catalogues, anything else to English', () => {
    expect(t('de', 'command.imagine.name')).toBe(catalogues.de['command.imagine.name']);
    expect(t('fr', 'command.imagine.name')).toBe(catalogues.fr['command.imagine.name']);
    for (const code of DISCORD_LOCALES.filter((c) => c !== 'de' && c !== 'fr'))
      expect(t(code, 'command.imagine.description')).toBe(en['command.imagine.description']);
    expect(t('xx', 'command.imagine.name')).toBe('imagine');
    expect(t(undefined, 'command.imagine.name')).toBe('imagine');
    expect(shippedLocale('de-AT')).toBe('de');
    expect(shippedLocale('FR')).toBe('fr');
    expect(shippedLocale('es-ES')).toBeUndefined();
  });

  test('localeChain: the member’s language, then the server’s, then English', () => {
    expect(localeChain('de', 'fr')).toEqual(['de', 'fr', 'en']);
    expect(localeChain('es-ES', 'fr')).toEqual(['fr', 'en']);
    expect(localeChain('en-GB', 'de')).toEqual(['en', 'de']);
    expect(localeChain('pt-BR', 'ja')).toEqual(['en']);
    expect(localeChain()).toEqual(['en']);
    expect(localeChain(undefined, 'de')).toEqual(['de', 'en']);
    expect(tFor({ locale: 'es-ES', guildLocale: 'de' }, 'command.usage.name')).toBe('nutzung');
  });

  test('placeholders are filled by name; one without a value is left as it is', () => {
    expect(fill('{count} of {max}, {count}', { count: 3 })).toBe('3 of {max}, 3');
    expect(fill('{a}', { a: '{b}', b: 'no' })).toBe('{b}');
  });
});

describe('plural categories (Intl.PluralRules)', () => {
  // A message of each shape, as the catalogues hold them, chosen by the count param.
  const image: Record<string, Message> = {
    en: { one: '{count} image', other: '{count} images' },
    de: { one: '{count} Bild', other: '{count} Bilder' },
    fr: { one: '{count} image', many: '{count} d’images', other: '{count} images' },
  };
  const pick = (where: string, n: number) => {
    const message = image[where] ?? '';
    if (typeof message === 'string') return message;
    const category = new Intl.PluralRules(where).select(n) as keyof typeof message;
    return fill(message[category] ?? message.other, { count: n });
  };

  test('German: one is 1 only; French: 0 and 1 are one, a million is many', () => {
    expect([0, 1, 2, 5].map((n) => pick('de', n))).toEqual(['0 Bilder', '1 Bild', '2 Bilder', '5 Bilder']);
    expect([0, 1, 2, 1_000_000].map((n) => pick('fr', n))).toEqual([
      '0 image',
      '1 image',
      '2 images',
      '1000000 d’images',
    ]);
    expect([0, 1, 2].map((n) => pick('en', n))).toEqual(['0 images', '1 image', '2 images']);
  });

  test('every plural message of every catalogue gives a form for each category its language selects', () => {
    for (const [where, catalogue] of Object.entries(catalogues)) {
      const rules = new Intl.PluralRules(where);
      for (const [id, message] of Object.entries(catalogue as Catalogue)) {
        if (typeof message === 'string') continue;
        for (const n of [0, 1, 2, 3, 5, 11, 21, 100, 1_000_000]) {
          const category = rules.select(n) as keyof typeof message;
          expect(message[category], `${where} ${id} ${n} (${category})`).toBeDefined();
          expect(t(where, id as MessageId, { count: n })).toBe(fill(message[category] ?? '', { count: n }));
        }
      }
    }
  });
});
