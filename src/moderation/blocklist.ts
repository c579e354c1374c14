// Terms a server refuses in prompts. A plain term matches case-insensitively as whole words
// ("cat" blocks "a Cat sits" but not "category"); a term written /like this/ is an RE2 regular
// expression. Both are matched on folded text, so look-alike letters and invisible characters match.
import type { UserMessage } from '../core/userError.ts';
import {
  type BlockedMatch,
  compileTerm,
  listCost,
  MAX_LIST_SIZE,
  matchBlocklist,
} from './blocklistMatcher.ts';

export type { BlockedMatch } from './blocklistMatcher.ts';
export { matchBlocklist } from './blocklistMatcher.ts';

export const MAX_TERM_LENGTH = 100;
export const MAX_TERMS = 100;

export type TermParse = { ok: true; term: string } | { ok: false; error: UserMessage };

/** Checks and normalises a term a moderator typed (trimmed, inner spaces collapsed, NFKC). */
export function parseTerm(input: string): TermParse {
  const term = input.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (term.length === 0) return { ok: false, error: { id: 'error.blocklist.empty' } };
  if (term.length > MAX_TERM_LENGTH) {
    return { ok: false, error: { id: 'error.blocklist.tooLong', params: { count: MAX_TERM_LENGTH } } };
  }
  const compiled = compileTerm(term);
  return compiled.ok ? { ok: true, term } : { ok: false, error: compiled.error };
}

/** Null when the list may take the term; otherwise why not (its patterns would be too slow together). */
export function additionRefusal(current: readonly string[], term: string): UserMessage | null {
  const total = listCost([...current, term]);
  if (total <= MAX_LIST_SIZE) return null;
  return { id: 'error.blocklist.listTooSlow', params: { steps: total, max: MAX_LIST_SIZE } };
}

/** The first term that matches the prompt, or null. */
export function findBlockedTerm(prompt: string, terms: readonly string[]): BlockedMatch | null {
  return matchBlocklist(prompt, terms).blocked;
}

export function sameTerm(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
