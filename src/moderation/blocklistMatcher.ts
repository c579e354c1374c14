// Blocklist terms run on RE2 (re2js, a pure-JS port): matching time is linear in the prompt whatever
// the pattern, so no moderator's term can stall admission, which runs before the 3-second defer.
// https://github.com/google/re2/wiki/WhyRE2
import { RE2JS, RE2JSException } from 're2js';
import type { UserMessage } from '../core/userError.ts';
import { t } from '../i18n/translate.ts';
import { type FoldedText, foldPattern, foldText, originalSpan } from './textSkeleton.ts';

// Matching cost grows with the compiled program's size (instructions) times the prompt's length:
// about 0.05 ms per instruction over a 1500-character prompt, 0.2 ms over the 6000 code units it can
// fold to. These bounds keep a whole list well under a second on the worst prompt.
export const MAX_PATTERN_SIZE = 1000;
export const MAX_LIST_SIZE = 2000;

const REGEX_TERM = /^\/(.+)\/$/s;
const WORD_EDGE = '[^\\p{L}\\p{N}_]';
const SPACES = '[\\s\\p{Z}]+';

export interface CompiledTerm {
  term: string;
  regex: RE2JS;
  /** The capture group holding the words themselves (plain terms also consume their neighbours). */
  group: 0 | 1;
  /** What the term costs against the list's budget: plain terms are literals and cost nothing. */
  cost: number;
}

/** Why a term cannot be used: shown to the moderator adding it, logged in English when stored. */
export type Compiled = { ok: true; compiled: CompiledTerm } | { ok: false; error: UserMessage };

export function regexSource(term: string): string | undefined {
  return REGEX_TERM.exec(term)?.[1];
}

function compile(term: string): CompiledTerm {
  const pattern = regexSource(term);
  if (pattern !== undefined) {
    const regex = RE2JS.compile(foldPattern(pattern), RE2JS.CASE_INSENSITIVE);
    return { term, regex, group: 0, cost: regex.programSize() };
  }
  const words = foldText(term)
    .text.split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => RE2JS.quote(word));
  if (words.length === 0) throw new EmptyTerm();
  // RE2 has no lookbehind: the neighbours are matched (or the text's edge) and the words captured.
  const regex = RE2JS.compile(
    `(?:^|${WORD_EDGE})(${words.join(SPACES)})(?:$|${WORD_EDGE})`,
    RE2JS.CASE_INSENSITIVE,
  );
  return { term, regex, group: 1, cost: 0 };
}

class EmptyTerm extends Error {}

const compiled = new Map<string, Compiled>();

export function compileTerm(term: string): Compiled {
  let result = compiled.get(term);
  if (result) return result;
  try {
    const entry = compile(term);
    result =
      entry.cost > MAX_PATTERN_SIZE
        ? {
            ok: false,
            error: { id: 'error.blocklist.tooComplex', params: { steps: entry.cost, max: MAX_PATTERN_SIZE } },
          }
        : { ok: true, compiled: entry };
  } catch (error) {
    if (error instanceof EmptyTerm) {
      result = { ok: false, error: { id: 'error.blocklist.nothingLeft' } };
    } else if (error instanceof RE2JSException) {
      result = { ok: false, error: describe(error) };
    } else {
      throw error;
    }
  }
  // Terms are few per server; the bound only stops removed terms from piling up over months.
  if (compiled.size >= 10_000) compiled.clear();
  compiled.set(term, result);
  return result;
}

function describe(error: RE2JSException): UserMessage {
  // RE2's own reason is English: it names the construct, which reads the same in any language.
  const reason = error.message.replace(/^error parsing regexp: /, '');
  return { id: 'error.blocklist.badPattern', params: { reason } };
}

/** A term's problem as the host reads it in the logs. */
const logged = (error: UserMessage) => t('en', error.id, error.params);

/** The list's total cost, to refuse an addition that would make matching the whole list too slow. */
export function listCost(terms: readonly string[]): number {
  let total = 0;
  for (const term of terms) {
    const result = compileTerm(term);
    if (result.ok) total += result.compiled.cost;
  }
  return total;
}

export interface BlockedMatch {
  term: string;
  /** The member's own text that matched, as typed. */
  matched: string;
}

export interface SkippedTerm {
  term: string;
  reason: string;
}

export interface BlocklistResult {
  blocked: BlockedMatch | null;
  /** Stored terms that could not be used (written by an older version or by hand): to be logged. */
  skipped: SkippedTerm[];
}

function firstMatch(prompt: string, folded: FoldedText, entry: CompiledTerm): BlockedMatch | null {
  // Plain terms first ask the capture-free DFA, whose cache stays small for literal words; patterns
  // skip it, since RE2's DFA may cache up to 8 MB per pattern and the matcher's engines keep nothing.
  if (entry.group === 1 && !entry.regex.test(folded.text)) return null;
  const matcher = entry.regex.matcher(folded.text);
  if (!matcher.find()) return null;
  const from = matcher.start(entry.group);
  const to = matcher.end(entry.group);
  return { term: entry.term, matched: originalSpan(prompt, folded, from, to) };
}

/** The first term, in list order, that the folded prompt contains. */
export function matchBlocklist(prompt: string, terms: readonly string[]): BlocklistResult {
  const folded = foldText(prompt);
  const skipped: SkippedTerm[] = [];
  let spent = 0;
  for (const term of terms) {
    const result = compileTerm(term);
    if (!result.ok) {
      skipped.push({ term, reason: logged(result.error) });
      continue;
    }
    if (spent + result.compiled.cost > MAX_LIST_SIZE) {
      skipped.push({ term, reason: `the list's patterns would exceed ${MAX_LIST_SIZE} steps in total` });
      continue;
    }
    spent += result.compiled.cost;
    const blocked = firstMatch(prompt, folded, result.compiled);
    if (blocked) return { blocked, skipped };
  }
  return { blocked: null, skipped };
}

/** The stored terms matchBlocklist would skip, and why: logged once when a server's settings are read. */
export function unusableTerms(terms: readonly string[]): SkippedTerm[] {
  const skipped: SkippedTerm[] = [];
  let spent = 0;
  for (const term of terms) {
    const result = compileTerm(term);
    if (!result.ok) skipped.push({ term, reason: logged(result.error) });
    else if (spent + result.compiled.cost > MAX_LIST_SIZE)
      skipped.push({ term, reason: `the list's patterns would exceed ${MAX_LIST_SIZE} steps in total` });
    else spent += result.compiled.cost;
  }
  return skipped;
}
