// Buttons come back from Discord long after they were sent, with whatever custom_id a client (or a
// crafted interaction) carries: the codec must round-trip everything it writes and refuse everything
// else without throwing.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CUSTOM_ID_ACTIONS,
  CUSTOM_ID_VERSION,
  decodeCustomId,
  encodeCustomId,
} from '../../src/core/customId.ts';
import { newGenerationId } from '../../src/core/ids.ts';

// https://discord.com/developers/docs/components/reference#anatomy-of-a-component: custom_id is 1–100.
const DISCORD_CUSTOM_ID_MAX = 100;
const GENERATION_ID_MAX = 64;
const RUNS = 2000;

const ID_ALPHABET = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'0123456789',
  '_',
  '-',
];
const action = fc.constantFrom(...CUSTOM_ID_ACTIONS);
const generationId = fc.string({
  unit: fc.constantFrom(...ID_ALPHABET),
  minLength: 1,
  maxLength: GENERATION_ID_MAX,
});
// Pieces that reach the deeper branches of decode, which plain random text almost never does.
const piece = fc.oneof(
  fc.constantFrom(CUSTOM_ID_VERSION, 'v0', 'v2', 'v01', 'V1', 'v', 'v1 ', '', ':', '\n'),
  action,
  fc.constantFrom('explode', 'REROLL', 'reroll '),
  generationId,
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const nearlyValid = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(':'));
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ minLength: 95, maxLength: 400 }),
  nearlyValid,
);

describe('GIVEN any action and any valid generation id WHEN encoded', () => {
  test('THEN decoding gives back the same action and id', () => {
    fc.assert(
      fc.property(action, generationId, (a, id) => {
        expect(decodeCustomId(encodeCustomId({ action: a, generationId: id }))).toEqual({
          ok: true,
          value: { action: a, generationId: id },
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("THEN the custom_id fits Discord's 100-character cap", () => {
    fc.assert(
      fc.property(action, generationId, (a, id) => {
        const encoded = encodeCustomId({ action: a, generationId: id });
        expect(encoded.length).toBeGreaterThanOrEqual(1);
        expect(encoded.length).toBeLessThanOrEqual(DISCORD_CUSTOM_ID_MAX);
      }),
      { numRuns: RUNS },
    );
  });

  test('THEN the ids the bot really makes are valid generation ids', () => {
    fc.assert(
      fc.property(action, (a) => {
        const id = newGenerationId();
        expect(decodeCustomId(encodeCustomId({ action: a, generationId: id }))).toEqual({
          ok: true,
          value: { action: a, generationId: id },
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('GIVEN any string as a custom_id WHEN decoded', () => {
  test('THEN it never throws and always says ok or why not', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const result = decodeCustomId(raw);
        if (!result.ok) expect(['malformed', 'outdated', 'unknown-action']).toContain(result.reason);
      }),
      { numRuns: RUNS },
    );
  });

  test('THEN it accepts only what encode produces: re-encoding an accepted id gives the same string', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const result = decodeCustomId(raw);
        if (result.ok) expect(encodeCustomId(result.value)).toBe(raw);
      }),
      { numRuns: RUNS },
    );
  });

  test('THEN an id longer than 100 characters is refused however well-formed it looks', () => {
    fc.assert(
      fc.property(action, fc.string({ minLength: DISCORD_CUSTOM_ID_MAX + 1, maxLength: 2000 }), (a, tail) => {
        expect(decodeCustomId(`${CUSTOM_ID_VERSION}:${a}:${tail}`).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('GIVEN a generation id outside the alphabet or the lengths WHEN encoded', () => {
  const invalidId = fc.oneof(
    fc.constant(''),
    fc.string({ unit: fc.constantFrom(...ID_ALPHABET), minLength: GENERATION_ID_MAX + 1, maxLength: 200 }),
    fc
      .tuple(generationId, fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), generationId)
      .map(([head, odd, tail]) => `${head}${odd}${tail}`)
      .filter((id) => !/^[A-Za-z0-9_-]*$/.test(id)),
  );

  test('THEN encode refuses it, and decode refuses the string it would have made', () => {
    fc.assert(
      fc.property(action, invalidId, (a, id) => {
        expect(() => encodeCustomId({ action: a, generationId: id })).toThrow();
        expect(decodeCustomId(`${CUSTOM_ID_VERSION}:${a}:${id}`).ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
