import { describe, expect, test } from 'vitest';
import { textToImage } from '../../src/core/endpoints/index.ts';
import {
  type ImagineOptions,
  PROMPT_MAX_LENGTH,
  parseImagineOptions,
  type SafetyLevel,
} from '../../src/core/imagineOptions.ts';
import { renderParseError } from '../../src/core/nestedRefusal.ts';
import { SHIPPED_LOCALES } from '../../src/i18n/translate.ts';

const toFalInput = (options: ImagineOptions, safety: SafetyLevel = '2') =>
  textToImage.toInput(options, safety);

describe('GIVEN /imagine options WHEN they become fal input', () => {
  test('THEN only the prompt yields every documented default, safety as the string "2"', () => {
    const parsed = parseImagineOptions({ prompt: '  a red fox  ' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(toFalInput(parsed.value)).toEqual({
      prompt: 'a red fox',
      guidance_scale: 3.5,
      num_images: 1,
      output_format: 'jpeg',
      safety_tolerance: '2',
      enhance_prompt: false,
      aspect_ratio: '1:1',
    });
  });

  test('THEN every option maps to its input field', () => {
    const parsed = parseImagineOptions({
      prompt: 'a lighthouse',
      aspect_ratio: '9:21',
      count: 4,
      seed: 42,
      guidance: 7.25,
      format: 'png',
      enhance_prompt: true,
    });
    if (!parsed.ok) throw new Error(renderParseError('en', parsed.error));
    expect(toFalInput(parsed.value, '5')).toEqual({
      prompt: 'a lighthouse',
      seed: 42,
      guidance_scale: 7.25,
      num_images: 4,
      output_format: 'png',
      safety_tolerance: '5',
      enhance_prompt: true,
      aspect_ratio: '9:21',
    });
  });

  test('THEN no seed is sent when none was given, and seed 0 is sent', () => {
    const none = parseImagineOptions({ prompt: 'x' });
    const zero = parseImagineOptions({ prompt: 'x', seed: 0 });
    if (!none.ok || !zero.ok) throw new Error('parse failed');
    expect('seed' in toFalInput(none.value)).toBe(false);
    expect(toFalInput(zero.value).seed).toBe(0);
  });

  test.each([
    [{ prompt: '' }, 'empty'],
    [{}, 'required'],
    [{ prompt: 'x'.repeat(PROMPT_MAX_LENGTH + 1) }, 'longer'],
    [{ prompt: 'x', aspect_ratio: '5:4' }, 'aspect_ratio'],
    [{ prompt: 'x', count: 5 }, 'count'],
    [{ prompt: 'x', count: 0 }, 'count'],
    [{ prompt: 'x', count: 1.5 }, 'count'],
    [{ prompt: 'x', count: '2' }, 'count'],
    [{ prompt: 'x', seed: -1 }, 'seed'],
    [{ prompt: 'x', seed: 2 ** 53 }, 'seed'],
    [{ prompt: 'x', guidance: 0.5 }, 'guidance'],
    [{ prompt: 'x', guidance: 21 }, 'guidance'],
    [{ prompt: 'x', format: 'webp' }, 'format'],
    [{ prompt: 'x', enhance_prompt: 'yes' }, 'enhance_prompt'],
    [{ prompt: 42 }, 'prompt'],
  ])('THEN %j is refused with a message naming the problem (%s)', (raw, word) => {
    const parsed = parseImagineOptions(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(renderParseError('en', parsed.error)).toContain(word);
    // In every language the problem is a sentence of its own, with every placeholder filled.
    for (const locale of SHIPPED_LOCALES)
      if (!parsed.ok) expect(renderParseError(locale, parsed.error)).not.toMatch(/\{\w+\}/);
  });
});
