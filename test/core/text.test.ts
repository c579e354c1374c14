import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatDuration, formatNumber } from '../../src/core/text.ts';

// What the result embed showed before durations were localised: English must read the same.
const before = (ms: number) =>
  ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

describe('GIVEN how long a generation took', () => {
  test('THEN in English it reads as before, for any whole number of milliseconds up to a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400_000 }), (ms) => {
        // toFixed and Intl round a few binary halves differently (e.g. 0.05): compare in tenths.
        const shown = formatDuration(ms, 'en');
        expect(shown.replace(/\d+\.\d/, (n) => String(Math.round(Number(n) * 10)))).toBe(
          before(ms).replace(/\d+\.\d/, (n) => String(Math.round(Number(n) * 10))),
        );
      }),
    );
  });

  test('THEN German and French write the decimal comma, and a locale we do not ship reads English', () => {
    expect(formatDuration(4200, 'de')).toBe('4,2 s');
    expect(formatDuration(4200, 'fr')).toBe('4,2 s');
    expect(formatDuration(125_000, 'de')).toBe('2 min 5 s');
    expect(formatDuration(4200, 'not a locale')).toBe('4.2 s');
    expect(formatDuration(4200, null)).toBe('4.2 s');
  });

  test('THEN a number keeps every digit it has unless told how many, and is never grouped', () => {
    expect(formatNumber('de', 7.25)).toBe('7,25');
    expect(formatNumber('en', 3.5)).toBe('3.5');
    expect(formatNumber('fr', 12_345)).toBe('12345');
    expect(formatNumber('en', 10, 1)).toBe('10.0');
  });
});
