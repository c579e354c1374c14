// Whatever Discord's client lets a member send for /imagine must parse to the same values, and what a
// crafted interaction sends beyond the registered bounds must be refused politely. The arbitraries are
// derived from the registered definition itself, so a bound changed on one side only shows up here.
import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
} from 'discord.js';
import fc from 'fast-check';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { definition, execute } from '../../commands/imagine.ts';
import type { BotContext } from '../../src/context.ts';
import {
  ASPECT_RATIOS,
  COUNT_RANGE,
  GUIDANCE_RANGE,
  type ImagineOptions,
  imagineOptionsSchema,
  MAX_SEED,
  MIN_SEED,
  OUTPUT_FORMATS,
  PROMPT_MAX_LENGTH,
} from '../../src/core/imagineOptions.ts';
import { UserError } from '../../src/core/userError.ts';
import { startGeneration } from '../../src/jobs/startGeneration.ts';
import { openSqliteDatabase } from '../../src/storage/sqliteStore.ts';
import { sqliteStudioStore } from '../../src/storage/sqliteStudioStore.ts';

// Only what execute hands over is under test, not the generation it would start.
vi.mock('../../src/jobs/startGeneration.ts', () => ({ startGeneration: vi.fn(async () => undefined) }));
// The facts of a real interaction are the integration tests' concern; here only the options matter.
vi.mock('../../src/discord/requestFacts.ts', () => ({
  requestFacts: () => ({ userId: '300000000000000001', guildId: null }),
  deferPublicly: () => async () => {},
}));
const started = vi.mocked(startGeneration);
// A member with no defaults and no presets, in a real (in-memory) studio store.
const ctx = { studio: sqliteStudioStore(openSqliteDatabase(':memory:')) } as unknown as BotContext;
beforeEach(() => started.mockClear());

const RUNS = 500;
// Shrinking 1500-character prompts can take minutes: past this, fc reports the smallest failure found so far.
const LIMITS = { interruptAfterTimeLimit: 10_000, markInterruptAsFailure: true } as const;
// https://discord.com/developers/docs/interactions/application-commands: integer options hold
// "any integer between -2^53 and 2^53", number options "any double between -2^53 and 2^53".
const DISCORD_NUMERIC_LIMIT = 2 ** 53;

type OptionValue = string | number | boolean;
type Option = APIApplicationCommandBasicOption;
// preset: names a member's stored prompt, not a generation option (test/integration/presets.test.ts).
const options: readonly Option[] = definition.options.filter((option) => option.name !== 'preset');

interface NumericBounds {
  min: number;
  max: number;
}
function numericBounds(option: Option): NumericBounds {
  const min =
    'min_value' in option && option.min_value !== undefined ? option.min_value : -DISCORD_NUMERIC_LIMIT;
  const max =
    'max_value' in option && option.max_value !== undefined ? option.max_value : DISCORD_NUMERIC_LIMIT;
  return { min, max };
}
function choicesOf(option: Option): string[] | undefined {
  if (!('choices' in option) || !option.choices) return undefined;
  return option.choices.map((choice) => String(choice.value));
}
function maxLengthOf(option: Option): number {
  return 'max_length' in option && option.max_length !== undefined ? option.max_length : 6000;
}
/** Discord counts a string option's length in code points, as Python's len() does, not UTF-16 units. */
const codePoints = (text: string): number => [...text].length;

// Whitespace JavaScript's trim() removes, next to letters from other scripts and astral emoji.
const promptUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '\ufeff') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('😀', '👩‍👩‍👧', '𝕏', 'ש', 'ع', '\u200f', '\u0000', 'é', 'e\u0301'),
  },
);

/** Every value Discord's client can send for one option. */
function validValue(option: Option): fc.Arbitrary<OptionValue> {
  const choices = choicesOf(option);
  if (choices) return fc.constantFrom(...choices);
  switch (option.type) {
    case ApplicationCommandOptionType.String: {
      const max = maxLengthOf(option);
      // A unit may be several code points (👩‍👩‍👧 is five): cut at the cap, as a member's typing stops there.
      const upToMax = (text: string): string => [...text].slice(0, max).join('');
      return fc.oneof(
        fc.string({ unit: promptUnit, maxLength: max }).map(upToMax),
        fc.string({ unit: promptUnit, maxLength: max, size: 'max' }).map(upToMax),
        fc.string({ unit: fc.constantFrom('😀', '𝕏', 'a', ' '), minLength: max, maxLength: max }),
      );
    }
    case ApplicationCommandOptionType.Integer: {
      const { min, max } = numericBounds(option);
      return fc.oneof(
        fc.constantFrom(min, max, Math.min(min + 1, max), Math.max(max - 1, min)),
        fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number),
      );
    }
    case ApplicationCommandOptionType.Number: {
      const { min, max } = numericBounds(option);
      return fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }));
    }
    case ApplicationCommandOptionType.Boolean:
      return fc.boolean();
    default:
      throw new Error(`no arbitrary for option type ${option.type}`);
  }
}

/** Values a crafted interaction can carry that the registered option does not allow. */
function invalidValue(option: Option): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(
    option.type === ApplicationCommandOptionType.String ? fc.integer() : fc.string(),
    fc.constantFrom([], {}, option.type === ApplicationCommandOptionType.Boolean ? 1 : true),
  );
  const choices = choicesOf(option);
  if (choices)
    return fc.oneof(
      wrongType,
      fc.string().filter((value) => !choices.includes(value)),
    );
  switch (option.type) {
    case ApplicationCommandOptionType.String: {
      const max = maxLengthOf(option);
      // Not whitespace at the ends, so that trimming cannot bring it back under the cap.
      const tooLong = fc
        .tuple(
          fc.string({ unit: promptUnit, minLength: max - 1, maxLength: max + 50 }),
          fc.constantFrom('a', '😀'),
        )
        .map(([body, end]) => `${end}${body}${end}`)
        .filter((text) => codePoints(text.trim()) > max);
      return fc.oneof(wrongType, tooLong);
    }
    case ApplicationCommandOptionType.Integer: {
      const { min, max } = numericBounds(option);
      return fc.oneof(
        wrongType,
        fc
          .constantFrom(min - 1, max + 1, min + 0.5, max - 0.5, min - 2 ** 40, max + 2 ** 40)
          // Near 2^53 the halves round to whole numbers, some of them valid.
          .filter((n) => !(Number.isInteger(n) && n >= min && n <= max)),
        fc.double({ min, max, noNaN: true }).filter((n) => !Number.isInteger(n)),
        // fc counts -0 as below 0; JavaScript (and the seed) take it as 0, a valid value.
        fc
          .double({ max: min, maxExcluded: true, noNaN: true, noDefaultInfinity: true })
          .filter((n) => n < min),
        fc
          .double({ min: max, minExcluded: true, noNaN: true, noDefaultInfinity: true })
          .filter((n) => n > max),
      );
    }
    case ApplicationCommandOptionType.Number: {
      const { min, max } = numericBounds(option);
      return fc.oneof(
        wrongType,
        fc
          .double({ max: min, maxExcluded: true, noNaN: true, noDefaultInfinity: true })
          .filter((n) => n < min),
        fc
          .double({ min: max, minExcluded: true, noNaN: true, noDefaultInfinity: true })
          .filter((n) => n > max),
      );
    }
    default:
      return wrongType;
  }
}

/** A payload as discord.js exposes it in interaction.options.data: only the options the member set. */
type Payload = Record<string, OptionValue>;
const payload: fc.Arbitrary<Payload> = fc.record(
  Object.fromEntries(options.map((option) => [option.name, validValue(option)])),
  { requiredKeys: options.filter((option) => option.required).map((option) => option.name) },
);

function interactionWith(values: Record<string, unknown>): ChatInputCommandInteraction {
  const data = definition.options
    .filter((option) => option.name in values)
    .map((option) => ({ name: option.name, type: option.type, value: values[option.name] }));
  return { options: { data } } as unknown as ChatInputCommandInteraction;
}

async function run(values: Record<string, unknown>): Promise<ImagineOptions | UserError> {
  try {
    await execute(interactionWith(values), ctx);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  expect(started).toHaveBeenCalledTimes(1);
  const request = started.mock.calls[0]![1];
  started.mockClear();
  return request.options as ImagineOptions;
}

function expected(sent: Payload): ImagineOptions {
  const value: ImagineOptions = {
    prompt: String(sent.prompt).trim(),
    aspectRatio: (sent.aspect_ratio ?? '1:1') as ImagineOptions['aspectRatio'],
    count: (sent.count ?? 1) as number,
    guidance: (sent.guidance ?? 3.5) as number,
    format: (sent.format ?? 'jpeg') as ImagineOptions['format'],
    enhancePrompt: (sent.enhance_prompt ?? false) as boolean,
  };
  if (sent.seed !== undefined) value.seed = sent.seed as number;
  return value;
}

describe('GIVEN the registered /imagine definition', () => {
  test("THEN its numeric bounds are integers within Discord's ±2^53 and min ≤ max", () => {
    for (const option of options) {
      if (
        option.type !== ApplicationCommandOptionType.Integer &&
        option.type !== ApplicationCommandOptionType.Number
      )
        continue;
      const { min, max } = numericBounds(option);
      expect(min, option.name).toBeLessThanOrEqual(max);
      expect(Math.abs(min), option.name).toBeLessThanOrEqual(DISCORD_NUMERIC_LIMIT);
      expect(Math.abs(max), option.name).toBeLessThanOrEqual(DISCORD_NUMERIC_LIMIT);
      if (option.type === ApplicationCommandOptionType.Integer) {
        expect(Number.isSafeInteger(min), option.name).toBe(true);
        expect(Number.isSafeInteger(max), option.name).toBe(true);
      }
    }
  });

  test('THEN it and the schema agree on every bound and choice, and each schema field has an option', () => {
    const byName = new Map(options.map((option) => [option.name, option]));
    const shape = imagineOptionsSchema.shape;
    const optionName = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    expect(Object.keys(shape).map(optionName).sort()).toEqual([...byName.keys()].sort());

    const prompt = byName.get('prompt')!;
    expect(prompt).toMatchObject({ type: ApplicationCommandOptionType.String, required: true });
    expect(maxLengthOf(prompt)).toBe(PROMPT_MAX_LENGTH);
    expect(choicesOf(byName.get('aspect_ratio')!)).toEqual([...ASPECT_RATIOS]);
    expect(shape.aspectRatio.unwrap().options).toEqual([...ASPECT_RATIOS]);
    expect(choicesOf(byName.get('format')!)).toEqual([...OUTPUT_FORMATS]);
    expect(shape.format.unwrap().options).toEqual([...OUTPUT_FORMATS]);

    const ranges = [
      ['count', shape.count.unwrap(), COUNT_RANGE.min, COUNT_RANGE.max],
      ['seed', shape.seed.unwrap(), MIN_SEED, MAX_SEED],
      ['guidance', shape.guidance.unwrap(), GUIDANCE_RANGE.min, GUIDANCE_RANGE.max],
    ] as const;
    for (const [name, schema, min, max] of ranges) {
      expect(numericBounds(byName.get(name)!), name).toEqual({ min, max });
      expect({ min: schema.minValue, max: schema.maxValue }, name).toEqual({ min, max });
    }
    expect(byName.get('enhance_prompt')!.type).toBe(ApplicationCommandOptionType.Boolean);
    for (const option of options)
      expect(option.required ?? false, option.name).toBe(option.name === 'prompt');
  });
});

describe('GIVEN any option values Discord can send WHEN /imagine runs', () => {
  test('THEN they parse to the same values (prompt trimmed, defaults for the rest), or a blank prompt is refused with a message', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (sent) => {
        const result = await run(sent);
        if (String(sent.prompt).trim() === '') {
          expect(result).toBeInstanceOf(UserError);
          expect((result as UserError).message).toBe("I can't imagine that: the prompt is empty.");
        } else {
          expect(result).toEqual(expected(sent));
        }
      }),
      { numRuns: RUNS, ...LIMITS },
    );
  });

  test('THEN a whitespace-only prompt is refused with a message, not a crash', async () => {
    const blank = fc.string({
      unit: fc.constantFrom(
        ' ',
        '\t',
        '\n',
        '\r',
        '\u00a0',
        '\u2028',
        '\u2029',
        '\u3000',
        '\ufeff',
        '\u2003',
      ),
      maxLength: PROMPT_MAX_LENGTH,
    });
    await fc.assert(
      fc.asyncProperty(blank, async (prompt) => {
        const result = await run({ prompt });
        expect(result).toBeInstanceOf(UserError);
        expect((result as UserError).message).toMatch(
          /^I can't imagine that: the prompt is (empty|required)\.$/,
        );
      }),
      { numRuns: 200, ...LIMITS },
    );
  });
});

describe('GIVEN a crafted interaction with one value outside the definition WHEN /imagine runs', () => {
  test.each(options.map((option) => [option.name, option] as const))(
    'THEN a bad %s is refused with a message and nothing starts',
    async (name, option) => {
      await fc.assert(
        fc.asyncProperty(payload, invalidValue(option), async (sent, bad) => {
          const values: Record<string, unknown> = { prompt: 'a fox', ...sent, [name]: bad };
          if (name !== 'prompt') values.prompt = 'a fox';
          const result = await run(values);
          expect(result).toBeInstanceOf(UserError);
          expect((result as UserError).message).toMatch(/^I can't imagine that: .+\.$/);
          expect(started).not.toHaveBeenCalled();
        }),
        { numRuns: 200, ...LIMITS },
      );
    },
  );

  test('THEN a preset the member does not have, of any type, is refused and nothing starts', async () => {
    await fc.assert(
      fc.asyncProperty(
        payload,
        fc.oneof(fc.string({ minLength: 1, maxLength: 32 }), fc.integer()),
        async (sent, preset) => {
          const result = await run({ ...sent, prompt: 'a fox', preset });
          expect(result).toBeInstanceOf(UserError);
          expect((result as UserError).message).toContain('You have no preset named');
          expect(started).not.toHaveBeenCalled();
        },
      ),
      { numRuns: 100, ...LIMITS },
    );
  });

  test('THEN a missing prompt is refused with a message', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (sent) => {
        const { prompt: _omitted, ...rest } = sent;
        const result = await run(rest);
        expect(result).toBeInstanceOf(UserError);
        expect((result as UserError).message).toBe("I can't imagine that: the prompt is required.");
      }),
      { numRuns: 100, ...LIMITS },
    );
  });
});
