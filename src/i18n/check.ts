// Consistency checks over catalogues, used by the tests (test/i18n) and usable by a translator's script.
import type { Catalogue, Message } from './message.ts';

export interface KeyProblem {
  locale: string;
  id: string;
}

/** Every key of `source` a language lacks. */
export function missingKeys(
  catalogues: Readonly<Record<string, Catalogue>>,
  source: Catalogue,
): KeyProblem[] {
  return Object.entries(catalogues).flatMap(([locale, catalogue]) =>
    Object.keys(source)
      .filter((id) => !Object.hasOwn(catalogue, id))
      .map((id) => ({ locale, id })),
  );
}

/** Every key a language has that `source` does not. */
export function extraKeys(catalogues: Readonly<Record<string, Catalogue>>, source: Catalogue): KeyProblem[] {
  return Object.entries(catalogues).flatMap(([locale, catalogue]) =>
    Object.keys(catalogue)
      .filter((id) => !Object.hasOwn(source, id))
      .map((id) => ({ locale, id })),
  );
}

/** The texts of a message: itself, or each of its plural forms. */
export function textsOf(message: Message): string[] {
  return typeof message === 'string' ? [message] : Object.values(message).filter((v) => v !== undefined);
}

/** The `{name}` placeholders used anywhere in a message, sorted. */
export function placeholdersOf(message: Message): string[] {
  const names = new Set<string>();
  for (const text of textsOf(message))
    for (const match of text.matchAll(/\{(\w+)\}/g)) names.add(match[1] ?? '');
  return [...names].sort();
}

/** Ids whose placeholders in a language differ from the source's. */
export function placeholderMismatches(
  catalogues: Readonly<Record<string, Catalogue>>,
  source: Catalogue,
): (KeyProblem & { expected: string[]; actual: string[] })[] {
  return Object.entries(catalogues).flatMap(([locale, catalogue]) =>
    Object.entries(source).flatMap(([id, message]) => {
      const translated = catalogue[id];
      if (translated === undefined) return [];
      const expected = placeholdersOf(message);
      const actual = placeholdersOf(translated);
      return expected.join() === actual.join() ? [] : [{ locale, id, expected, actual }];
    }),
  );
}
