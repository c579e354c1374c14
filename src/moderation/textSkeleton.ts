// Folds text so look-alikes compare equal: what a member can type to slip a word past the blocklist
// (zero-width joiners, soft hyphens, accents, dotless i, Cyrillic о for Latin o) disappears here.
// Follows the skeleton of Unicode TS #39 (https://www.unicode.org/reports/tr39/#Confusable_Detection)
// with the confusables.txt prototypes shipped by `unhomoglyph`, plus mark removal and case folding.
import { createRequire } from 'node:module';

const prototypes = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;

const IGNORED = /[\p{M}\p{Default_Ignorable_Code_Point}]/gu;
// One code point may decompose into a whole phrase (U+FDFA is 18 characters): past this it is kept
// as itself, so a 1500-character prompt folds to at most 4500 code units and matching stays bounded.
const MAX_EXPANSION = 3;

const cache = new Map<string, string>();

// ASCII stays ASCII (only lower-cased): the confusables table would turn "m" into "rn" and "0" into
// "o", which changes what a moderator's /regex/ means on plain English prompts.
function foldCodePoint(char: string): string {
  if (char.charCodeAt(0) < 0x80) return char.toLowerCase();
  const cached = cache.get(char);
  if (cached !== undefined) return cached;
  const stripped = char.normalize('NFKD').replace(IGNORED, '');
  // Upper then lower folds ı, ſ, ς and ß the way full case folding does.
  const cased = stripped.toUpperCase().toLowerCase().normalize('NFKD').replace(IGNORED, '');
  let skeleton = '';
  for (const c of cased) skeleton += c.charCodeAt(0) < 0x80 ? c : (prototypes[c] ?? c);
  const folded = skeleton.normalize('NFKD').replace(IGNORED, '').toLowerCase();
  const result = folded.length <= MAX_EXPANSION ? folded : char.toLowerCase();
  if (cache.size >= 10_000) cache.clear();
  cache.set(char, result);
  return result;
}

/** Folded text, and for each of its code units the span of the original text it came from. */
export interface FoldedText {
  text: string;
  start: number[];
  end: number[];
}

export function foldText(original: string): FoldedText {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let at = 0;
  for (const char of original) {
    const folded = foldCodePoint(char);
    text += folded;
    for (let i = 0; i < folded.length; i++) {
      start.push(at);
      end.push(at + char.length);
    }
    at += char.length;
  }
  return { text, start, end };
}

/**
 * The original text behind folded code units [from, to), with the accents and invisible characters
 * that trail it (they fold to nothing), so a quote shows "gorë" as the member typed it.
 */
export function originalSpan(original: string, folded: FoldedText, from: number, to: number): string {
  if (to <= from) return '';
  const last = folded.end[to - 1] ?? original.length;
  return original.slice(
    folded.start[from] ?? original.length,
    Math.max(last, folded.start[to] ?? original.length),
  );
}

const REGEX_SYNTAX = /[\\^$.|?*+()[\]{}-]/g;

/**
 * A /regex/ term's source with its non-ASCII literals folded like prompts are. ASCII is the
 * pattern's syntax and is left alone; a literal that folds to several characters is grouped so a
 * quantifier after it still applies to all of it.
 */
export function foldPattern(pattern: string): string {
  let out = '';
  let inClass = false;
  let escaped = false;
  for (const char of pattern) {
    if (char.charCodeAt(0) < 0x80) {
      if (!escaped && char === '[') inClass = true;
      else if (!escaped && char === ']') inClass = false;
      escaped = !escaped && char === '\\';
      out += char;
      continue;
    }
    escaped = false;
    const literal = foldCodePoint(char).replace(REGEX_SYNTAX, '\\$&');
    out += inClass || [...literal].length === 1 ? literal : `(?:${literal})`;
  }
  return out;
}
