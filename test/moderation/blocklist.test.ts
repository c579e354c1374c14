import { describe, expect, test } from 'vitest';
import { t } from '../../src/i18n/translate.ts';
import { findBlockedTerm, matchBlocklist, parseTerm } from '../../src/moderation/blocklist.ts';
import { blocklistRefusal, renderRefusal } from '../../src/moderation/refusals.ts';

/** Why parseTerm refused the input, as an English-speaking moderator reads it. */
function refusalOf(input: string): string {
  const parsed = parseTerm(input);
  return parsed.ok ? '' : t('en', parsed.error.id, parsed.error.params);
}

describe('GIVEN a blocklist of plain terms', () => {
  const terms = ['cat', 'red panda'];

  test.each([
    ['a Cat on a mat', 'Cat'],
    ['CAT!', 'CAT'],
    ['a red   panda eating', 'red   panda'],
    ['ｃａｔ in fullwidth letters', 'ｃａｔ'],
    ['a red\u00A0panda', 'red\u00A0panda'],
  ])('THEN %j is refused (matched %j)', (prompt, matched) => {
    expect(findBlockedTerm(prompt, terms)).toMatchObject({ matched });
  });

  test.each(['a category of things', 'concatenate', 'a red pandemic', 'cats_and_dogs'])(
    'THEN %j passes: only whole words match',
    (prompt) => {
      expect(findBlockedTerm(prompt, terms)).toBeNull();
    },
  );
});

describe('GIVEN blocked terms "gore" and "kill"', () => {
  const terms = ['gore', 'kill'];

  test.each([
    ['a g\u200Bore scene', 'g\u200Bore', 'a zero-width space'],
    ['go\u00ADre everywhere', 'go\u00ADre', 'a soft hyphen'],
    ['g\u043Ere', 'g\u043Ere', 'a Cyrillic о'],
    ['gor\u00EB', 'gor\u00EB', 'a diaeresis'],
    ['gore\u0308', 'gore\u0308', 'a combining diaeresis'],
    ['k\u0131ll them', 'k\u0131ll', 'a dotless i'],
    ['KİLL', 'KİLL', 'a dotted capital I'],
    ['\uFF27\uFF2F\uFF32\uFF25', '\uFF27\uFF2F\uFF32\uFF25', 'fullwidth capitals'],
  ])('WHEN a prompt hides it with %s THEN it is refused, quoting %j as typed (%s)', (prompt, matched) => {
    expect(findBlockedTerm(prompt, terms)).toMatchObject({ matched });
  });

  test('WHEN the term itself is typed with a look-alike THEN plain spellings match it too', () => {
    expect(findBlockedTerm('some gore', ['g\u043Ere'])).toMatchObject({ matched: 'gore' });
  });

  test.each(['gored', 'skill', 'kills', 'go re'])('WHEN the prompt is %j THEN it passes', (prompt) => {
    expect(findBlockedTerm(prompt, terms)).toBeNull();
  });
});

describe('GIVEN a /regex/ term', () => {
  test('THEN it matches case-insensitively as written, on folded text', () => {
    expect(findBlockedTerm('Blood everywhere', ['/blo+d/'])).toMatchObject({
      term: '/blo+d/',
      matched: 'Blood',
    });
    expect(findBlockedTerm('bl\u043E\u043Ed', ['/blo+d/'])).toMatchObject({ matched: 'bl\u043E\u043Ed' });
    expect(findBlockedTerm('bloodless', ['/^blood$/'])).toBeNull();
    expect(findBlockedTerm('mmm', ['/m+/'])).toMatchObject({ matched: 'mmm' });
  });

  test('THEN what RE2 cannot run is refused when added, saying why', () => {
    expect(refusalOf('/(unclosed/')).toContain('missing');
    expect(refusalOf('/(\\w)\\1/')).toContain('back-ref');
    expect(refusalOf('/(?=a)b/')).toContain('look-around');
    expect(parseTerm('/(?<!a)b/')).toMatchObject({ ok: false });
    expect(refusalOf('/(?:.?){900}z/')).toContain('complex');
    expect(parseTerm('/gore|guts/')).toEqual({ ok: true, term: '/gore|guts/' });
  });

  // These were refused or froze the bot with JavaScript's backtracking engine; RE2 runs them in
  // linear time, so they are safe to keep.
  test.each(['/(a+)+$/', '/(a|aa)+$/', '/(a|a)+$/', '/((a+))+$/', '/a*a*a*a*a*$/'])(
    'WHEN %s is added THEN it is accepted and never slow',
    (term) => {
      expect(parseTerm(term)).toEqual({ ok: true, term });
      const started = performance.now();
      findBlockedTerm(`${'a'.repeat(1499)}!`, [term]);
      expect(performance.now() - started).toBeLessThan(200);
      expect(findBlockedTerm('aaa', [term])).toMatchObject({ matched: 'aaa' });
    },
  );
});

describe('GIVEN stored terms that can no longer be used', () => {
  test('THEN they are skipped and reported, and the others still apply', () => {
    const result = matchBlocklist('a kraken', ['/(\\w)\\1/', '\u200B', 'kraken']);
    expect(result.blocked).toMatchObject({ term: 'kraken' });
    expect(result.skipped.map((s) => s.term)).toEqual(['/(\\w)\\1/', '\u200B']);
  });
});

test('terms are normalised when added, and empty, invisible or overlong ones refused', () => {
  expect(parseTerm('  Red   Panda ')).toEqual({ ok: true, term: 'Red Panda' });
  expect(parseTerm('   ')).toMatchObject({ ok: false });
  expect(parseTerm('\u200B')).toMatchObject({ ok: false });
  expect(parseTerm('x'.repeat(101))).toMatchObject({ ok: false });
  expect(findBlockedTerm('a (weird) prompt', ['(weird)'])).toMatchObject({ matched: '(weird)' });
});

describe('GIVEN a refusal quoting the member’s text', () => {
  test('WHEN the match is a whole 1500-character prompt THEN the quote is cut and the message fits Discord', () => {
    const prompt = '\uFDFA'.repeat(1500);
    const blocked = findBlockedTerm(prompt, ['/.+/']);
    expect(blocked?.matched).toBe(prompt);
    const refusal = blocklistRefusal(blocked?.matched ?? '');
    for (const locale of ['en', 'de', 'fr']) {
      expect([...renderRefusal(locale, refusal)].length).toBeLessThan(250);
      expect(renderRefusal(locale, refusal)).toContain(`${'\uFDFA'.repeat(100)}…`);
    }
    expect(renderRefusal('en', refusal)).toContain(`“${'\uFDFA'.repeat(100)}…”`);
  });
});
