import { describe, expect, test } from 'vitest';
import { findBlockedTerm, parseTerm } from '../../src/moderation/blocklist.ts';

describe('GIVEN a blocklist of plain terms', () => {
  const terms = ['cat', 'red panda'];

  test.each([
    ['a Cat on a mat', 'Cat'],
    ['CAT!', 'CAT'],
    ['a red   panda eating', 'red   panda'],
    ['ｃａｔ in fullwidth letters', 'cat'],
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

describe('GIVEN a /regex/ term', () => {
  test('THEN it matches case-insensitively as written', () => {
    expect(findBlockedTerm('Blood everywhere', ['/blo+d/'])).toMatchObject({
      term: '/blo+d/',
      matched: 'Blood',
    });
    expect(findBlockedTerm('bloodless', ['/^blood$/'])).toBeNull();
  });

  test('THEN an invalid or catastrophic pattern is refused when added', () => {
    expect(parseTerm('/(unclosed/')).toMatchObject({ ok: false });
    expect(parseTerm('/(a+)+$/')).toMatchObject({ ok: false });
    expect(parseTerm('/(\\w)\\1/')).toMatchObject({ ok: false });
    expect(parseTerm('/gore|guts/')).toEqual({ ok: true, term: '/gore|guts/' });
  });
});

test('terms are normalised when added, and empty or overlong ones refused', () => {
  expect(parseTerm('  Red   Panda ')).toEqual({ ok: true, term: 'Red Panda' });
  expect(parseTerm('   ')).toMatchObject({ ok: false });
  expect(parseTerm('x'.repeat(101))).toMatchObject({ ok: false });
  expect(findBlockedTerm('a (weird) prompt', ['(weird)'])).toMatchObject({ matched: '(weird)' });
});
