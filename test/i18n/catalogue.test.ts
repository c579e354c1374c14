// The shipped languages have exactly English's keys and placeholders (de.ts and fr.ts are also checked by
// TypeScript; these tests hold for catalogues built at run time, and for a key removed from all of them).
import { describe, expect, test } from 'vitest';
import {
  extraKeys,
  missingKeys,
  placeholderMismatches,
  placeholdersOf,
  textsOf,
} from '../../src/i18n/check.ts';
import { en } from '../../src/i18n/en.ts';
import type { Catalogue } from '../../src/i18n/message.ts';
import { catalogues, SHIPPED_LOCALES } from '../../src/i18n/translate.ts';

const translations = Object.fromEntries(
  Object.entries(catalogues).filter(([locale]) => locale !== 'en'),
) as Record<string, Catalogue>;

describe('GIVEN the shipped catalogues', () => {
  test('English, German and French are shipped', () => {
    expect(SHIPPED_LOCALES).toEqual(['en', 'de', 'fr']);
  });

  test('every key of English is in every language, and no language has a key English lacks', () => {
    expect(missingKeys(catalogues, en)).toEqual([]);
    expect(extraKeys(catalogues, en)).toEqual([]);
  });

  test('every {placeholder} of English is in each translation, and no translation has another', () => {
    expect(placeholderMismatches(translations, en)).toEqual([]);
  });

  test('no text is empty or only spaces, in any language or plural form', () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      for (const [id, message] of Object.entries(catalogue as Catalogue)) {
        for (const text of textsOf(message)) expect(text.trim(), `${locale} ${id}`).not.toBe('');
      }
    }
  });

  test('a plural message has every category its language uses (French: one, many, other)', () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [id, message] of Object.entries(catalogue as Catalogue)) {
        if (typeof message === 'string') continue;
        expect(Object.keys(message).sort(), `${locale} ${id}`).toEqual([...categories].sort());
      }
    }
  });
});

describe('GIVEN a catalogue with a key removed', () => {
  const [removed] = Object.keys(en);
  const withoutOne = (catalogue: Catalogue): Catalogue =>
    Object.fromEntries(Object.entries(catalogue).filter(([id]) => id !== removed));

  test('THEN missingKeys names that key and language, and only that', () => {
    expect(removed).toBeDefined();
    const broken = { ...translations, de: withoutOne(catalogues.de) };
    expect(missingKeys(broken, en)).toEqual([{ locale: 'de', id: removed }]);
  });

  test('THEN removed from English only, every translation has it as an extra key', () => {
    expect(extraKeys(translations, withoutOne(en))).toEqual(
      Object.keys(translations).map((locale) => ({ locale, id: removed })),
    );
  });

  test('THEN a translation that drops or invents a placeholder is named', () => {
    const source = {
      greet: 'Hello {name}, {count} left',
      plural: { one: '{count} image', other: '{count} images' },
    };
    const bad = {
      xx: { greet: 'Hallo {name}, {left} übrig', plural: { one: 'ein Bild', other: 'Bilder' } },
    };
    expect(placeholderMismatches(bad, source)).toEqual([
      { locale: 'xx', id: 'greet', expected: ['count', 'name'], actual: ['left', 'name'] },
      { locale: 'xx', id: 'plural', expected: ['count'], actual: [] },
    ]);
    expect(placeholdersOf({ one: 'ein Bild', other: '{count} Bilder' })).toEqual(['count']);
  });
});
