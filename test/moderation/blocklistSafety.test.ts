// RE2 matches in time linear in the prompt, whatever the pattern: random patterns built from the
// shapes that make backtracking engines explode (nested quantifiers, overlapping alternations) are
// run on adversarial prompts of the longest allowed length, each under a fixed bound.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PROMPT_MAX_LENGTH } from '../../src/core/imagineOptions.ts';
import { additionRefusal, matchBlocklist, parseTerm } from '../../src/moderation/blocklist.ts';
import { MAX_LIST_SIZE } from '../../src/moderation/blocklistMatcher.ts';

// Generous next to the few milliseconds measured, so a loaded CI machine does not make it flaky;
// JavaScript's own engine takes seconds to hours on the same inputs.
const BOUND_MS = 200;

const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'aa', '.', '[ab]', '\\pL', '\\w', 'ё', '\\s', '!'),
    fc
      .tuple(tie('node'), fc.constantFrom('*', '+', '?', '{2,5}', '*?', '{0,9}'))
      .map(([n, q]) => `(${n})${q}`),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(?:${a}|${b})`),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => `${a}${b}`),
  ),
})).node;

const prompt = fc.oneof(
  fc.integer({ min: 1, max: PROMPT_MAX_LENGTH - 1 }).map((n) => `${'a'.repeat(n)}!`),
  fc
    .constantFrom('a', 'ab', 'a ', 'ё', '\u200B', '\uFDFA', 'ﬃ')
    .map((unit) => unit.repeat(PROMPT_MAX_LENGTH)),
  fc.string({
    unit: fc.constantFrom('a', 'b', '!', ' ', 'ё', '\u0301', '\u200B'),
    maxLength: PROMPT_MAX_LENGTH,
  }),
  fc.string({ unit: 'grapheme', maxLength: PROMPT_MAX_LENGTH }),
);

function timed(text: string, terms: string[]): number {
  const started = performance.now();
  matchBlocklist(text, terms);
  return performance.now() - started;
}

describe('GIVEN any pattern a moderator may add', () => {
  test('WHEN it meets any prompt up to the maximum length THEN matching finishes within the bound', () => {
    fc.assert(
      fc.property(pattern, fc.array(prompt, { minLength: 1, maxLength: 3 }), (source, texts) => {
        const parsed = parseTerm(`/${source}$/`);
        fc.pre(parsed.ok);
        if (!parsed.ok) return;
        for (const text of texts) expect(timed(text, [parsed.term])).toBeLessThan(BOUND_MS);
      }),
      { numRuns: 300 },
    );
  });

  test('WHEN a list is filled with the costliest patterns it accepts THEN the whole list stays within a bound', () => {
    const terms: string[] = [];
    for (let i = 0; i < 100; i++) {
      const term = `/(?:.?){${240 + i}}\\pL+!/`;
      if (parseTerm(term).ok && additionRefusal(terms, term) === null) terms.push(term);
    }
    expect(terms.length).toBeGreaterThan(0);
    expect(additionRefusal(terms, '/(?:.?){490}x/')).toMatchObject({
      id: 'error.blocklist.listTooSlow',
      params: { max: MAX_LIST_SIZE },
    });
    for (const unit of ['a', 'ﬃ', '\uFDFA', 'a ']) {
      expect(timed(unit.repeat(PROMPT_MAX_LENGTH), terms)).toBeLessThan(4 * BOUND_MS);
    }
  });
});
