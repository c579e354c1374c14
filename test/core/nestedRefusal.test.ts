import { describe, expect, test } from 'vitest';
import { parseImagineOptions } from '../../src/core/imagineOptions.ts';
import { asInstruction, NestedRefusal, renderParseError } from '../../src/core/nestedRefusal.ts';

const problemOf = (raw: Parameters<typeof parseImagineOptions>[0]) => {
  const parsed = parseImagineOptions(raw);
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.error;
};

describe('GIVEN an option problem wrapped in a refusal', () => {
  test('THEN the log message is English and each member reads both parts in their language', () => {
    const refusal = new NestedRefusal('error.options.edit', problemOf({ prompt: 'x', count: 9 }));
    expect(refusal.message).toBe("I can't edit that: count must be 1–4.");
    expect(refusal.render('de')).toBe('Das kann ich nicht bearbeiten: count muss zwischen 1 und 4 liegen.');
    expect(refusal.render('ja', 'fr')).toBe('Je ne peux pas modifier cela : count doit être entre 1 et 4.');
    expect(refusal.render('ja', 'ja')).toBe(refusal.message);
  });

  test('THEN an instruction’s problem names the instruction, in every language', () => {
    const problem = asInstruction(problemOf({ prompt: '   ' }));
    expect(renderParseError('en', problem)).toBe('the instruction is empty');
    expect(renderParseError('de', problem)).toBe('die Anweisung ist leer');
    expect(renderParseError('en', asInstruction(problemOf({ prompt: 'x', seed: -1 })))).toBe(
      'seed must be 0 or more',
    );
  });

  test('THEN extra parameters of the wrapper are kept (a file name)', () => {
    const refusal = new NestedRefusal(
      'error.source.refusedNamed',
      { id: 'error.source.tooLarge', params: { max: '10.0' } },
      { name: 'cat.png' },
    );
    expect(refusal.render('en')).toBe(
      '🖼️ `cat.png`: That image is larger than 10.0 MB: please use a smaller one.',
    );
    expect(refusal.render('de')).toBe(
      '🖼️ `cat.png`: Dieses Bild ist größer als 10.0 MB: bitte nimm ein kleineres.',
    );
  });
});
