import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PROMPT_MAX_LENGTH } from '../../src/core/imagineOptions.ts';
import { withDefaults } from '../../src/core/memberDefaults.ts';
import { presetChoice } from '../../src/core/presetChoices.ts';
import { expandPrompt } from '../../src/core/promptExpansion.ts';

describe('GIVEN a preset', () => {
  test('WHEN it has {prompt} THEN the member’s words take its place (every one)', () => {
    expect(expandPrompt('a fox', 'watercolour of {prompt}, {prompt} again', null)).toEqual({
      ok: true,
      prompt: 'watercolour of a fox, a fox again',
    });
  });

  test('WHEN it has no placeholder THEN the member’s prompt comes first, then ", " and the preset', () => {
    expect(expandPrompt('a fox', 'oil painting, dramatic light', null)).toEqual({
      ok: true,
      prompt: 'a fox, oil painting, dramatic light',
    });
  });

  test('WHEN the member has a style suffix THEN it is appended after ", "', () => {
    expect(expandPrompt('a fox', '{prompt} in snow', 'cinematic')).toEqual({
      ok: true,
      prompt: 'a fox in snow, cinematic',
    });
    expect(expandPrompt('a fox', null, 'cinematic')).toEqual({ ok: true, prompt: 'a fox, cinematic' });
  });

  test('WHEN "$&" is typed THEN it is kept literally (no replacement patterns)', () => {
    expect(expandPrompt('$& $1', '{prompt}!', null)).toEqual({ ok: true, prompt: '$& $1!' });
  });

  test('WHEN the expansion passes 1500 characters THEN it fails, naming the length', () => {
    expect(expandPrompt('x'.repeat(1000), 'y'.repeat(600), null)).toEqual({
      ok: false,
      length: 1602,
      max: PROMPT_MAX_LENGTH,
    });
  });
});

const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });

describe('GIVEN any prompt, preset and suffix (property)', () => {
  test('THEN the result is within the limit and holds every part, or a failure naming the true length', () => {
    fc.assert(
      fc.property(
        text(1500),
        fc.option(
          fc.oneof(
            text(1500),
            text(200).map((p) => `${p}{prompt}${p}`),
          ),
        ),
        fc.option(text(200)),
        (typed, preset, suffix) => {
          const result = expandPrompt(typed, preset, suffix);
          const own = typed.trim();
          if (result.ok) {
            expect(result.prompt.length).toBeLessThanOrEqual(PROMPT_MAX_LENGTH);
            expect(result.prompt).toContain(own);
            if (preset?.includes('{prompt}') && !`${typed}${suffix}`.includes('{prompt}'))
              expect(result.prompt).not.toContain('{prompt}');
            if (suffix !== null && suffix.trim() !== '')
              expect(result.prompt.endsWith(suffix.trim())).toBe(true);
          } else {
            expect(result.length).toBeGreaterThan(PROMPT_MAX_LENGTH);
            const unlimited = expandPrompt(typed, preset, suffix, Number.POSITIVE_INFINITY);
            expect(unlimited.ok && unlimited.prompt.length).toBe(result.length);
          }
        },
      ),
    );
  });
});

describe('GIVEN member defaults', () => {
  const defaults = { aspectRatio: '16:9', count: 4, format: 'png' } as const;

  test('WHEN the member gave none THEN the defaults fill in, a count lowered to max_count', () => {
    expect(withDefaults({ prompt: 'p' }, defaults, 2)).toEqual({
      prompt: 'p',
      aspect_ratio: '16:9',
      count: 2,
      format: 'png',
    });
  });

  test('WHEN the member gave options THEN theirs win, an explicit count untouched by max_count', () => {
    expect(withDefaults({ aspect_ratio: '1:1', count: 4, format: 'jpeg' }, defaults, 2)).toEqual({
      aspect_ratio: '1:1',
      count: 4,
      format: 'jpeg',
    });
  });

  test('property: a count from a preference is always within 1…max_count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), (count, max) => {
        const out = withDefaults({}, { aspectRatio: null, count, format: null }, max);
        expect(out.count).toBe(Math.min(count, max));
      }),
    );
  });
});

describe('GIVEN a preset offered as an autocomplete choice (property)', () => {
  test('THEN its name is 1–100 characters, starts with the preset name, and the value is the name', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 32 }),
        fc.string({ unit: 'grapheme', maxLength: 1500 }),
        (name, prompt) => {
          const choice = presetChoice({ name, prompt });
          expect(choice.value).toBe(name);
          expect(choice.name.startsWith(name)).toBe(true);
          expect(choice.name.length).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});
