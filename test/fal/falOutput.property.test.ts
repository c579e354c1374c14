// fal's answers arrive as JSON text from a service we do not control: whatever it sends, the parsers
// either return the shapes their types promise or throw a FalError, never some other exception.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_SEED } from '../../src/core/imagineOptions.ts';
import { FalError } from '../../src/fal/falErrors.ts';
import { type FalKontextOutput, parseOutput, parseStatus, parseSubmitted } from '../../src/fal/falOutput.ts';

const RUNS = 1000;
const STATUSES = ['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED'] as const;

/** fal's answer as the bot receives it: serialized by fal, parsed by response.json(). */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Runs a parser; the only acceptable failure is a FalError. */
function outcome<T>(parse: () => T): { ok: true; value: T } | { ok: false; error: FalError } {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (!(error instanceof FalError)) throw error;
    return { ok: false, error };
  }
}

function expectFalError(parse: () => unknown): void {
  const result = outcome(parse);
  expect(result.ok, 'the parser accepted it').toBe(false);
}

/** What "everything past here can rely on these shapes" means, checked at run time. */
function expectWellTyped(output: FalKontextOutput): void {
  expect(Array.isArray(output.images)).toBe(true);
  expect(output.images.length).toBeGreaterThan(0);
  for (const image of output.images) {
    expect(typeof image.url).toBe('string');
    if (image.width !== undefined) expect(typeof image.width).toBe('number');
    if (image.height !== undefined) expect(typeof image.height).toBe('number');
    if (image.content_type !== undefined) expect(typeof image.content_type).toBe('string');
  }
  if (output.seed !== undefined) {
    expect(Number.isSafeInteger(output.seed)).toBe(true);
    expect(output.seed).toBeGreaterThanOrEqual(0);
  }
  for (const flag of output.has_nsfw_concepts ?? []) expect(typeof flag).toBe('boolean');
  if (output.prompt !== undefined) expect(typeof output.prompt).toBe('string');
}

const EDGE_SEEDS = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, MAX_SEED - 1, MAX_SEED];
const validSeed = fc.oneof(
  fc.constantFrom(...EDGE_SEEDS),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.maxSafeNat(),
);
const unrepresentableSeed = fc.oneof(
  fc.constantFrom(
    2 ** 53,
    2 ** 53 + 2,
    2 ** 64,
    1e21,
    Number.MAX_VALUE,
    -1,
    -(2 ** 31),
    -MAX_SEED,
    0.5,
    2 ** 31 + 0.5,
  ),
  fc.double({ min: 2 ** 53, noNaN: true }),
  fc.maxSafeInteger().filter((n) => n < 0),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  fc.string(),
  fc.maxSafeNat().map(String),
  fc.boolean(),
  fc.array(fc.maxSafeNat(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.maxSafeNat(), { maxKeys: 2 }),
);
// Keys that shadow Object.prototype: an answer carrying them must not derail the parser itself.
const trickyObject = fc.dictionary(
  fc.constantFrom('toString', 'valueOf', 'constructor', 'hasOwnProperty', 'toJSON', '__proto__', 'url'),
  fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.constant({})),
  { minKeys: 1, maxKeys: 3 },
);
const junk = fc.oneof(fc.jsonValue(), trickyObject);

const image = fc.record(
  {
    url: fc.webUrl(),
    width: fc.nat(8192),
    height: fc.nat(8192),
    content_type: fc.constantFrom('image/jpeg', 'image/png'),
  },
  { requiredKeys: ['url'] },
);
const images = fc.array(image, { minLength: 1, maxLength: 4 });
const flags = fc.array(fc.boolean(), { maxLength: 6 });
const extraFields = fc.dictionary(
  fc.string().filter((key) => !['images', 'seed', 'has_nsfw_concepts', 'prompt'].includes(key)),
  fc.jsonValue(),
  { maxKeys: 3 },
);
const output = fc
  .tuple(
    fc.record(
      {
        images,
        seed: validSeed,
        has_nsfw_concepts: flags,
        prompt: fc.string({ unit: 'grapheme', maxLength: 200 }),
        timings: fc.record({ inference: fc.double({ min: 0, max: 60, noNaN: true }) }),
      },
      { requiredKeys: ['images'] },
    ),
    extraFields,
  )
  .map(([known, extra]) => ({ ...extra, ...known }));

describe('GIVEN a well-formed fal output, with optional and extra fields WHEN parsed', () => {
  test('THEN images, seed (exactly, up to 2^53-1), flags and prompt come through', () => {
    fc.assert(
      fc.property(output, (sent) => {
        const parsed = parseOutput(overTheWire(sent));
        expectWellTyped(parsed);
        expect(parsed.images.map((i) => i.url)).toEqual(sent.images.map((i) => i.url));
        expect(parsed.seed).toBe(sent.seed);
        expect(parsed.has_nsfw_concepts).toEqual(sent.has_nsfw_concepts ?? []);
        expect(parsed.prompt).toBe(sent.prompt);
      }),
      { numRuns: RUNS },
    );
  });

  test('THEN flags shorter or longer than the images are kept as sent, absent flags become []', () => {
    fc.assert(
      fc.property(images, fc.option(flags, { nil: undefined }), (imgs, sentFlags) => {
        const body =
          sentFlags === undefined ? { images: imgs } : { images: imgs, has_nsfw_concepts: sentFlags };
        expect(parseOutput(overTheWire(body)).has_nsfw_concepts).toEqual(sentFlags ?? []);
      }),
      { numRuns: 300 },
    );
  });

  test('THEN ill-typed or unknown image fields are dropped and the url is kept', () => {
    const oddImage = fc.record({
      url: fc.webUrl(),
      width: fc.jsonValue(),
      height: fc.jsonValue(),
      content_type: fc.jsonValue(),
      file_size: fc.jsonValue(),
    });
    fc.assert(
      fc.property(fc.array(oddImage, { minLength: 1, maxLength: 4 }), (imgs) => {
        const parsed = parseOutput(overTheWire({ images: imgs }));
        expectWellTyped(parsed);
        expect(parsed.images.map((i) => i.url)).toEqual(imgs.map((i) => i.url));
        for (const kept of parsed.images) expect(kept).not.toHaveProperty('file_size');
      }),
      { numRuns: 300 },
    );
  });

  test('THEN a null seed means fal did not say', () => {
    fc.assert(
      fc.property(images, (imgs) => {
        expect(parseOutput(overTheWire({ images: imgs, seed: null })).seed).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});

describe('GIVEN a fal output the bot cannot use WHEN parsed', () => {
  test('THEN a seed outside 0…2^53-1, fractional or not a number is refused with a FalError', () => {
    fc.assert(
      fc.property(images, unrepresentableSeed, (imgs, seed) => {
        expectFalError(() => parseOutput({ images: imgs, seed }));
        // Through JSON too, where fal's digits may round (2^53+1 arrives as 2^53).
        if (typeof seed !== 'number' || Number.isFinite(seed))
          expectFalError(() => parseOutput(overTheWire({ images: imgs, seed })));
      }),
      { numRuns: RUNS },
    );
  });

  test('THEN NaN, infinities and BigInts (which JSON cannot carry) are refused with a FalError', () => {
    const nonJson = fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      2n ** 40n,
    );
    fc.assert(
      fc.property(images, nonJson, (imgs, seed) => {
        expectFalError(() => parseOutput({ images: imgs, seed }));
      }),
      { numRuns: 50 },
    );
  });

  test('THEN seed digits beyond 2^53 in the JSON text are refused, not silently rounded', () => {
    fc.assert(
      fc.property(images, fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }), (imgs, big) => {
        const text = `{"images":${JSON.stringify(imgs)},"seed":${big}}`;
        expectFalError(() => parseOutput(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
  });

  test('THEN no images, an empty list or an image without a string url is refused with a FalError', () => {
    const badImages = fc.oneof(
      fc.constant(undefined),
      fc.constant([]),
      fc.jsonValue().filter((v) => !Array.isArray(v)),
      fc
        .tuple(images, fc.oneof(fc.jsonValue(), trickyObject), fc.nat(4))
        .filter(([, bad]) => typeof (bad as { url?: unknown } | null)?.url !== 'string')
        .map(([good, bad, at]) => [...good.slice(0, at), bad, ...good.slice(at)]),
    );
    fc.assert(
      fc.property(badImages, validSeed, (imgs, seed) => {
        expectFalError(() => parseOutput(overTheWire({ images: imgs, seed })));
      }),
      { numRuns: RUNS },
    );
  });

  test('THEN flags that are not booleans are refused with a FalError, not passed on as boolean[]', () => {
    const badFlags = fc
      .array(fc.oneof(fc.boolean(), fc.jsonValue()), { minLength: 1, maxLength: 5 })
      .filter((list) => list.some((flag) => typeof flag !== 'boolean'));
    fc.assert(
      fc.property(images, badFlags, (imgs, sentFlags) => {
        expectFalError(() => parseOutput(overTheWire({ images: imgs, has_nsfw_concepts: sentFlags })));
      }),
      { numRuns: 300 },
    );
  });
});

describe('GIVEN arbitrary JSON as a fal answer WHEN any parser reads it', () => {
  const parsers = [
    ['parseOutput', parseOutput],
    ['parseStatus', parseStatus],
    ['parseSubmitted', parseSubmitted],
  ] as const;

  test.each(parsers)(
    'THEN %s returns a well-typed value or throws a FalError, nothing else',
    (name, parse) => {
      fc.assert(
        fc.property(junk, (answer) => {
          const result = outcome(() => parse(overTheWire(answer)));
          if (result.ok && name === 'parseOutput') expectWellTyped(result.value as FalKontextOutput);
        }),
        { numRuns: RUNS },
      );
    },
  );

  test.each(parsers)(
    'THEN %s also survives those values nested where fields are expected',
    (_name, parse) => {
      const nested = fc.record({
        images: fc.oneof(junk, fc.array(junk, { maxLength: 3 })),
        seed: junk,
        has_nsfw_concepts: junk,
        prompt: junk,
        status: fc.oneof(fc.constantFrom(...STATUSES), junk),
        queue_position: junk,
        request_id: junk,
        status_url: junk,
      });
      fc.assert(
        fc.property(nested, (answer) => {
          outcome(() => parse(overTheWire(answer)));
        }),
        { numRuns: RUNS },
      );
    },
  );
});

describe('GIVEN fal queue answers WHEN parsed', () => {
  test('THEN every documented status is read, with a numeric queue position kept', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.option(fc.nat(), { nil: undefined }),
        extraFields,
        (status, position, extra) => {
          const parsed = parseStatus(overTheWire({ ...extra, status, queue_position: position }));
          expect(parsed.status).toBe(status);
          if (parsed.status === 'IN_QUEUE') expect(parsed.queuePosition).toBe(position);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('THEN any other status is refused with a FalError', () => {
    const other = fc.oneof(
      fc.jsonValue().filter((v) => !(STATUSES as readonly unknown[]).includes(v)),
      trickyObject,
    );
    fc.assert(
      fc.property(other, (status) => {
        expectFalError(() => parseStatus(overTheWire({ status })));
      }),
      { numRuns: RUNS },
    );
  });

  test('THEN a submit answer keeps its request id and URLs, and one without an id is refused', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.option(fc.webUrl(), { nil: undefined }),
        (requestId, position, url) => {
          const parsed = parseSubmitted(
            overTheWire({
              request_id: requestId,
              queue_position: position,
              status_url: url,
              response_url: url,
            }),
          );
          expect(parsed).toEqual({
            requestId,
            queuePosition: position,
            statusUrl: url,
            responseUrl: url,
            cancelUrl: undefined,
          });
          expectFalError(() => parseSubmitted(overTheWire({ request_id: '', status_url: url })));
        },
      ),
      { numRuns: 300 },
    );
  });
});
