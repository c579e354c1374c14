// A generation row must read back as exactly what was written, for every value the bot can hold: a
// seed above 2^31 once made rows unreadable while hand-picked test values all passed. Each run goes
// through the real SQLite store on a fresh file, and reopens it, as a restarted bot would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import type { Generation, GenerationPatch, NewGeneration } from '../../src/core/generation.ts';
import {
  ASPECT_RATIOS,
  COUNT_RANGE,
  GUIDANCE_RANGE,
  type ImagineOptions,
  MAX_SEED,
  OUTPUT_FORMATS,
  PROMPT_MAX_LENGTH,
  SAFETY_LEVELS,
} from '../../src/core/imagineOptions.ts';
import { openSqliteStores } from '../../src/storage/openStore.ts';
import type { Store } from '../../src/storage/store.ts';

const RUNS = 100;
const dir = mkdtempSync(join(tmpdir(), 'kontext-row-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const openFresh = (): { store: Store; path: string } => {
  const path = join(dir, `run-${files++}.sqlite`);
  return { store: openSqliteStores(`sqlite:${path}`).store, path };
};

const ID_ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'];
const generationId = fc.string({ unit: fc.constantFrom(...ID_ALPHABET), minLength: 1, maxLength: 64 });
const snowflake = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const EDGE_SEEDS = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, MAX_SEED - 1, MAX_SEED];
const seed = fc.oneof(
  fc.constantFrom(...EDGE_SEEDS),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.maxSafeNat(),
);
const timestamp = fc.oneof(fc.constantFrom(0, 1_700_000_000_000, Number.MAX_SAFE_INTEGER), fc.maxSafeNat());
const unicodeText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
  );

/** The prompt as the schema leaves it: trimmed, not empty, at most PROMPT_MAX_LENGTH code points. */
const prompt = fc
  .oneof(
    unicodeText(PROMPT_MAX_LENGTH),
    fc.string({ unit: 'binary', maxLength: PROMPT_MAX_LENGTH, size: 'max' }),
    fc.string({
      unit: fc.constantFrom('😀', '👩‍👩‍👧', 'שלום', 'مرحبا', '\u200f', '\u0000', ' ', 'e\u0301'),
      maxLength: 600,
    }),
  )
  .map((text) => [...text.trim()].slice(0, PROMPT_MAX_LENGTH).join('').trim())
  .filter((text) => text.length > 0);

const options: fc.Arbitrary<ImagineOptions> = fc.record(
  {
    prompt,
    aspectRatio: fc.constantFrom(...ASPECT_RATIOS),
    count: fc.integer(COUNT_RANGE),
    seed,
    guidance: fc.oneof(
      fc.constantFrom(GUIDANCE_RANGE.min, GUIDANCE_RANGE.max, 3.5),
      fc.double({ ...GUIDANCE_RANGE, noNaN: true }),
    ),
    format: fc.constantFrom(...OUTPUT_FORMATS),
    enhancePrompt: fc.boolean(),
  },
  { requiredKeys: ['prompt', 'aspectRatio', 'count', 'guidance', 'format', 'enhancePrompt'] },
);

const falUrl = fc
  .webUrl({ validSchemes: ['https'], withQueryParameters: true })
  .filter((u) => URL.canParse(u));
const sourceLink = fc.option(
  fc.record({
    guildId: fc.option(
      snowflake.filter((id) => id.length <= 20),
      { nil: null },
    ),
    channelId: snowflake,
    messageId: snowflake,
    generationId: fc.option(generationId, { nil: null }),
    imageIndex: fc.option(fc.nat(3), { nil: null }),
  }),
  { nil: null },
);

/** An edit: one source for kontext and kontext/max, two to four for the multi endpoints. */
const edit = fc
  .constantFrom(
    ['fal-ai/flux-pro/kontext', 1, 1],
    ['fal-ai/flux-pro/kontext/max', 1, 1],
    ['fal-ai/flux-pro/kontext/multi', 2, 4],
    ['fal-ai/flux-pro/kontext/max/multi', 2, 4],
  )
  .chain(([model, min, max]) =>
    fc.record({
      model: fc.constant(model as string),
      options: fc
        .tuple(
          options,
          fc.array(falUrl, { minLength: min as number, maxLength: max as number }),
          fc.boolean(),
        )
        .map(([o, imageUrls, keepRatio]) => {
          const { aspectRatio, ...rest } = o;
          return { ...rest, ...(keepRatio ? { aspectRatio } : {}), imageUrls };
        }),
      source: sourceLink,
      chainStep: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
    }),
  );
const modelAndOptions = fc.oneof(
  fc.record({
    model: fc.constant('fal-ai/flux-pro/kontext/text-to-image'),
    options,
    source: fc.constant(null),
    chainStep: fc.constant(null),
  }),
  edit,
);

/** Without id and parentId: those depend on the other generations of the run. */
const newGeneration = fc
  .tuple(
    fc.record(
      {
        action: fc.constantFrom('imagine', 'reroll', 'same_seed', 'reprompt', 'edit'),
        guildId: fc.option(snowflake, { nil: null }),
        channelId: snowflake,
        channelNsfw: fc.boolean(),
        userId: snowflake,
        userName: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 32 }), unicodeText(32)),
        applicationId: snowflake,
        interactionId: snowflake,
        interactionToken: fc.string({ minLength: 1, maxLength: 300 }),
        safety: fc.constantFrom(...SAFETY_LEVELS),
        createdAt: timestamp,
        // What startGeneration stores: a shipped catalogue's code (other values: unreadableRows.test.ts).
        locale: fc.constantFrom('en', 'de', 'fr'),
        interactionOnly: fc.boolean(),
        attachmentSizeLimit: fc.option(
          fc.oneof(fc.constantFrom(8 * 2 ** 20, 10 * 2 ** 20, 500 * 2 ** 20), fc.maxSafeNat()),
          {
            nil: null,
          },
        ),
      },
      {
        requiredKeys: [
          'action',
          'guildId',
          'channelId',
          'userId',
          'userName',
          'applicationId',
          'interactionId',
          'interactionToken',
          'safety',
          'createdAt',
          'attachmentSizeLimit',
        ],
      },
    ),
    modelAndOptions,
  )
  .map(([g, m]) => ({ ...g, ...m }));

const orNull = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const patch: fc.Arbitrary<GenerationPatch> = fc.record(
  {
    status: fc.constantFrom('accepted', 'submitted', 'completed', 'delivered', 'failed'),
    falRequestId: orNull(fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 80 }))),
    seed: orNull(seed),
    nsfwFlags: orNull(fc.array(fc.boolean(), { maxLength: 6 })),
    imagesReturned: orNull(fc.constantFrom(1, 2, 3, 4)),
    outputUrls: orNull(fc.array(falUrl, { minLength: 1, maxLength: 4 })),
    error: orNull(unicodeText(500)),
    messageId: orNull(snowflake),
    submittedAt: orNull(timestamp),
    completedAt: orNull(timestamp),
    deliveredAt: orNull(timestamp),
    deletedAt: orNull(timestamp),
    deliveredVia: orNull(fc.constantFrom('edit', 'channel', 'dm')),
  },
  { requiredKeys: [] },
);

/** Generations with unique ids, each parent (if any) created before its child, as the foreign key needs. */
const generations = fc
  .uniqueArray(generationId, { minLength: 1, maxLength: 4 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id, index) =>
        fc
          .tuple(newGeneration, index === 0 ? fc.constant(null) : fc.option(fc.nat(index - 1), { nil: null }))
          .map(
            ([g, parent]): NewGeneration => ({ ...g, id, parentId: parent === null ? null : ids[parent]! }),
          ),
      ),
    ),
  );
const steps = fc.array(fc.tuple(fc.nat(), patch), { maxLength: 8 });

function asCreated(g: NewGeneration): Generation {
  return {
    ...g,
    channelNsfw: g.channelNsfw ?? false,
    status: 'accepted',
    falRequestId: null,
    seed: null,
    nsfwFlags: null,
    imagesReturned: null,
    outputUrls: null,
    source: g.source ?? null,
    chainStep: g.chainStep ?? null,
    locale: g.locale ?? null,
    interactionOnly: g.interactionOnly ?? false,
    error: null,
    messageId: null,
    submittedAt: null,
    completedAt: null,
    deliveredAt: null,
    deletedAt: null,
    deliveredVia: null,
  };
}

const isUnfinished = (g: Generation): boolean => g.status !== 'delivered' && g.status !== 'failed';
const byAge = (a: Generation, b: Generation): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('GIVEN generated generations and patches WHEN written to the SQLite store', () => {
  test('THEN every read (after create, after each patch, after reopening) equals what was written', async () => {
    await fc.assert(
      fc.asyncProperty(generations, steps, async (gens, patches) => {
        let { store, path } = openFresh();
        try {
          const expected = new Map<string, Generation>();
          for (const g of gens) {
            const created = await store.createGeneration(g);
            expected.set(g.id, asCreated(g));
            expect(created).toEqual(expected.get(g.id));
            expect(await store.getGeneration(g.id)).toEqual(expected.get(g.id));
          }
          for (const [pick, change] of patches) {
            const id = gens[pick % gens.length]!.id;
            const next = { ...expected.get(id)!, ...change };
            expected.set(id, next);
            expect(await store.updateGeneration(id, change)).toEqual(next);
            expect(await store.getGeneration(id)).toEqual(next);
          }
          const unfinished = [...expected.values()].filter(isUnfinished).sort(byAge);
          expect(await store.listUnfinishedGenerations()).toEqual(unfinished);

          await store.close();
          store = openSqliteStores(`sqlite:${path}`).store;
          for (const [id, g] of expected) expect(await store.getGeneration(id)).toEqual(g);
          expect(await store.listUnfinishedGenerations()).toEqual(unfinished);
        } finally {
          await store.close();
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('THEN a seed anywhere in 0…2^53-1, in the options or from fal, reads back exactly', async () => {
    const { store } = openFresh();
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(newGeneration, seed, seed, async (g, asked, reported) => {
          const id = `seed${n++}`;
          const sent: NewGeneration = { ...g, id, parentId: null, options: { ...g.options, seed: asked } };
          expect((await store.createGeneration(sent)).options.seed).toBe(asked);
          const updated = await store.updateGeneration(id, { status: 'completed', seed: reported });
          expect(updated.seed).toBe(reported);
          expect((await store.getGeneration(id))?.options.seed).toBe(asked);
          expect((await store.listUnfinishedGenerations()).find((row) => row.id === id)?.seed).toBe(reported);
        }),
        { numRuns: 200 },
      );
    } finally {
      await store.close();
    }
  });

  test('THEN a patch field given as undefined (which GenerationPatch allows) leaves that column as it was', async () => {
    const { store } = openFresh();
    let n = 0;
    const keys = [
      'status',
      'falRequestId',
      'seed',
      'nsfwFlags',
      'error',
      'messageId',
      'submittedAt',
      'completedAt',
      'deliveredAt',
      'deletedAt',
      'deliveredVia',
    ] as const satisfies readonly (keyof GenerationPatch)[];
    try {
      await fc.assert(
        fc.asyncProperty(
          newGeneration,
          patch,
          fc.subarray([...keys], { minLength: 1 }),
          async (g, change, unset) => {
            const id = `undef${n++}`;
            await store.createGeneration({ ...g, id, parentId: null });
            const before = await store.updateGeneration(id, change);
            const withUndefined: GenerationPatch = {
              ...Object.fromEntries(unset.map((key) => [key, undefined])),
            };
            expect(await store.updateGeneration(id, withUndefined)).toEqual(before);
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      await store.close();
    }
  });
});
