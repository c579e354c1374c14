// Terms a server refuses in prompts. A plain term matches case-insensitively as whole words
// ("cat" blocks "a Cat sits" but not "category"); a term written /like this/ is a regular expression.

export const MAX_TERM_LENGTH = 100;
export const MAX_TERMS = 100;

export type TermParse = { ok: true; term: string } | { ok: false; error: string };

const REGEX_TERM = /^\/(.+)\/$/s;
// A quantified group that itself contains a quantifier, e.g. (a+)+, can take exponential time on a
// crafted prompt and JavaScript regexes cannot be interrupted: refuse such patterns up front.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)\s*[*+{]/;
const BACKREFERENCE = /\\[1-9]|\\k</;

const compiled = new Map<string, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function toRegExp(term: string): RegExp {
  let regex = compiled.get(term);
  if (regex) return regex;
  const pattern = REGEX_TERM.exec(term)?.[1];
  if (pattern !== undefined) {
    regex = new RegExp(pattern, 'iu');
  } else {
    const words = term.split(/\s+/).map(escapeRegExp).join('\\s+');
    regex = new RegExp(`(?<![\\p{L}\\p{N}_])${words}(?![\\p{L}\\p{N}_])`, 'iu');
  }
  // Terms are few per server; the bound only stops removed terms from piling up over months.
  if (compiled.size >= 10_000) compiled.clear();
  compiled.set(term, regex);
  return regex;
}

/** Checks and normalises a term a moderator typed (trimmed, inner spaces collapsed, NFKC). */
export function parseTerm(input: string): TermParse {
  const term = input.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (term.length === 0) return { ok: false, error: 'the term is empty' };
  if (term.length > MAX_TERM_LENGTH) {
    return { ok: false, error: `a term can be at most ${MAX_TERM_LENGTH} characters` };
  }
  const pattern = REGEX_TERM.exec(term)?.[1];
  if (pattern !== undefined) {
    if (NESTED_QUANTIFIER.test(pattern) || BACKREFERENCE.test(pattern)) {
      return {
        ok: false,
        error: 'that pattern could make the bot very slow (nested repetition or back-reference)',
      };
    }
    try {
      new RegExp(pattern, 'iu');
    } catch (error) {
      return { ok: false, error: `that is not a valid regular expression (${(error as Error).message})` };
    }
  }
  return { ok: true, term };
}

export interface BlockedMatch {
  term: string;
  /** The words of the prompt that matched. */
  matched: string;
}

/** The first term that matches the prompt, or null. Prompts are NFKC-normalised so look-alike letters match. */
export function findBlockedTerm(prompt: string, terms: readonly string[]): BlockedMatch | null {
  const text = prompt.normalize('NFKC');
  for (const term of terms) {
    let regex: RegExp;
    try {
      regex = toRegExp(term);
    } catch {
      continue;
    }
    const match = regex.exec(text);
    if (match) return { term, matched: match[0] };
  }
  return null;
}

export function sameTerm(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
