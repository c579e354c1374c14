// Every value Discord's client can send for a /settings option, derived from the registered definition,
// is either applied and read back unchanged from storage, or refused with a UserError: never a crash,
// never a value the stored-settings reader would later throw away.
import type { APIApplicationCommandBasicOption, APIApplicationCommandOption } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { definition } from '../../commands/settings.ts';
import { DEFAULT_HOST_MODERATION } from '../../src/config.ts';
import { UserError } from '../../src/core/userError.ts';
import { MAX_TERM_LENGTH } from '../../src/moderation/blocklist.ts';
import {
  defaultSettings,
  resolveSettings,
  SETTING_NAMES,
  type SettingsPatch,
} from '../../src/moderation/guildSettings.ts';
import { blocklistAdd, LIMIT_RANGES, limitsPatch, safetyPatch } from '../../src/moderation/settingsEdits.ts';

const host = DEFAULT_HOST_MODERATION;
const INTEGER = 4;
const NUMBER = 10;

function subcommand(name: string): APIApplicationCommandBasicOption[] {
  const all = definition.options as APIApplicationCommandOption[];
  const found = all.find((option) => option.name === name);
  if (!found || !('options' in found)) throw new Error(`no subcommand ${name}`);
  return (found.options ?? []) as APIApplicationCommandBasicOption[];
}

function bounds(option: APIApplicationCommandBasicOption): { min: number; max: number } {
  if (option.type !== INTEGER && option.type !== NUMBER) throw new Error(`${option.name} is not numeric`);
  if (option.min_value === undefined || option.max_value === undefined) {
    throw new Error(`${option.name} has no bounds`);
  }
  return { min: option.min_value, max: option.max_value };
}

/** What a patch looks like after it is stored as JSON and read back by the bot. */
function storedAndRead(patch: SettingsPatch) {
  const stored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null)
      stored[SETTING_NAMES[key as keyof typeof SETTING_NAMES]] = JSON.parse(JSON.stringify(value));
  }
  const dropped: string[] = [];
  const settings = resolveSettings(stored, host, (setting) => dropped.push(setting));
  return { settings, dropped };
}

const limits = subcommand('limits');

describe('GIVEN /settings limits', () => {
  test('THEN every option is bounded by LIMIT_RANGES, Discord-safe, and of the right type', () => {
    expect(limits.map((option) => option.name).sort()).toEqual(Object.keys(LIMIT_RANGES).sort());
    for (const option of limits) {
      const { min, max } = bounds(option);
      expect([min, max]).toEqual(LIMIT_RANGES[option.name as keyof typeof LIMIT_RANGES]);
      expect(Number.isSafeInteger(min) && Number.isSafeInteger(max)).toBe(true);
      expect(option.type).toBe(option.name === 'budget' ? NUMBER : INTEGER);
    }
  });

  for (const option of limits) {
    const { min, max } = bounds(option);
    const inRange =
      option.type === INTEGER
        ? fc.integer({ min, max })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

    test(`WHEN Discord sends any ${option.name} in [${min}, ${max}] THEN it is applied, or refused politely, and reads back as stored`, () => {
      fc.assert(
        fc.property(inRange, (value) => {
          let patch: SettingsPatch;
          try {
            patch = limitsPatch({ [option.name]: value });
          } catch (error) {
            // Only a budget so small it would round to "no limit" may be refused.
            expect(error).toBeInstanceOf(UserError);
            expect(option.name === 'budget' && value > 0 && value < 0.005).toBe(true);
            return;
          }
          const { settings, dropped } = storedAndRead(patch);
          expect(dropped).toEqual([]);
          for (const [key, stored] of Object.entries(patch)) {
            expect(settings[key as keyof typeof settings]).toEqual(stored);
          }
        }),
        { numRuns: 300 },
      );
    });

    test(`WHEN a crafted ${option.name} is outside [${min}, ${max}] or not a number THEN it is refused with a UserError`, () => {
      const outside = fc
        .oneof(
          fc.double({ max: min, maxExcluded: true, noNaN: true }),
          fc.double({ min: max, minExcluded: true, noNaN: true }),
          fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
          ...(option.type === INTEGER
            ? [fc.double({ min, max, noNaN: true }).filter((value) => !Number.isInteger(value))]
            : []),
        )
        .filter(
          // fast-check draws -0 below 0: it is the valid value 0, not a crafted one.
          (value) => !(value >= min && value <= max && (option.type === NUMBER || Number.isInteger(value))),
        );
      fc.assert(
        fc.property(outside, (value) => {
          expect(() => limitsPatch({ [option.name]: value })).toThrow(UserError);
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('GIVEN /settings safety', () => {
  const [level, nsfwLevel] = subcommand('safety') as [
    APIApplicationCommandBasicOption & { choices: { value: number }[] },
    APIApplicationCommandBasicOption & { choices: { value: number }[] },
  ];

  test('WHEN Discord sends any pair of listed choices THEN it is applied and reads back as stored', () => {
    const levels = level.choices.map((choice) => choice.value);
    const nsfw = nsfwLevel.choices.map((choice) => choice.value);
    fc.assert(
      fc.property(
        fc.constantFrom(...levels),
        fc.option(fc.constantFrom(...nsfw), { nil: undefined }),
        (l, n) => {
          const patch = safetyPatch(l, n, host);
          const { settings, dropped } = storedAndRead(patch);
          expect(dropped).toEqual([]);
          expect(settings.safetyLevel).toBe(String(l));
          if (n !== undefined) expect(settings.nsfwLevel).toBe(n === 0 ? null : String(n));
        },
      ),
    );
  });

  test('WHEN a crafted level is any other number THEN it is refused with a UserError', () => {
    fc.assert(
      fc.property(
        fc.double().filter((value) => !(Number.isInteger(value) && value >= 1 && value <= 6)),
        (value) => {
          expect(() => safetyPatch(value, undefined, host)).toThrow(UserError);
          expect(() => safetyPatch(2, value === 0 ? -1 : value, host)).toThrow(UserError);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('GIVEN /settings blocklist add', () => {
  const [term] = (
    (definition.options as APIApplicationCommandOption[]).find((option) => option.name === 'blocklist') as {
      options: { name: string; options: APIApplicationCommandBasicOption[] }[];
    }
  ).options.find((option) => option.name === 'add')!.options as [
    APIApplicationCommandBasicOption & { max_length: number },
  ];

  test('THEN its length cap is the blocklist’s own', () => {
    expect(term.max_length).toBe(MAX_TERM_LENGTH);
  });

  test('WHEN Discord sends any string up to max_length THEN it is added and kept on read, or refused with a UserError', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: term.max_length }),
      fc.string({ unit: 'binary', maxLength: term.max_length }),
      fc.stringMatching(/^\/.{0,20}\/$/),
    );
    fc.assert(
      fc.property(text, (input) => {
        let patch: SettingsPatch;
        try {
          patch = blocklistAdd(defaultSettings(host), input);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          return;
        }
        const { settings, dropped } = storedAndRead(patch);
        expect(dropped).toEqual([]);
        expect(settings.blocklist).toEqual(patch.blocklist);
      }),
      { numRuns: 500 },
    );
  });
});
