// The bot was once broken by a seed above 2^31 while every test passed, because the emulator only ever
// reported small ones. These pin the emulator to the range fal really draws from (0…2^32-1), and check
// that such seeds reach the bot's fal client intact over HTTP.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_SEED } from '../../src/core/imagineOptions.ts';
import { gateway, input, never, startFal } from '../fal/falTestKit.ts';
import { drawFalSeed } from './fal/jobs.ts';

const FAL_SEED_MAX = 2 ** 32 - 1;
const HALF = 2 ** 31;
/** The largest double below 1: what Math.random can return at the very top. */
const ALMOST_ONE = 1 - 2 ** -53;

/** mulberry32: a fixed-seed stand-in for Math.random, so the counts below are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const isFalSeed = (seed: number): boolean => Number.isInteger(seed) && seed >= 0 && seed <= FAL_SEED_MAX;

describe('GIVEN drawFalSeed', () => {
  test('WHEN fed any values a random source may return THEN it gives an integer in 0…2^32-1', () => {
    const unit = fc.oneof(
      fc.constantFrom(0, ALMOST_ONE, 0.1, 0.2, 0.25, 0.5),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(unit, { minLength: 2, maxLength: 2 }), (values) => {
        const queue = [...values];
        const seed = drawFalSeed(() => queue.shift() ?? 0);
        expect(isFalSeed(seed), String(seed)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  test('WHEN the draw lands on the top of the range THEN 2^32-1 comes out, not 2^32', () => {
    expect(drawFalSeed(() => ALMOST_ONE)).toBe(FAL_SEED_MAX);
    const top = [0.9, ALMOST_ONE];
    expect(drawFalSeed(() => top.shift()!)).toBe(FAL_SEED_MAX);
  });

  test.each([1, 42, 0xdeadbeef])(
    'WHEN drawn 20,000 times (random seeded with %i) THEN the whole range is covered, edges often',
    (seed) => {
      const random = seededRandom(seed);
      const draws = Array.from({ length: 20_000 }, () => drawFalSeed(random));
      expect(draws.every(isFalSeed)).toBe(true);
      const share = (pick: (s: number) => boolean): number => draws.filter(pick).length / draws.length;
      // fal's own draw puts half at or above 2^31; the emulator adds edge cases on top of that.
      expect(share((s) => s >= HALF)).toBeGreaterThan(0.45);
      expect(share((s) => s > HALF && s < FAL_SEED_MAX)).toBeGreaterThan(0.3);
      expect(share((s) => s === FAL_SEED_MAX)).toBeGreaterThan(0.05);
      expect(share((s) => s === HALF)).toBeGreaterThan(0.05);
      expect(draws).toContain(0);
      expect(share((s) => s > 0 && s < HALF)).toBeGreaterThan(0.3);
      expect(new Set(draws).size).toBeGreaterThan(10_000);
    },
  );

  test('WHEN left on Math.random THEN every draw is still in range', () => {
    for (let i = 0; i < 20_000; i++) {
      const seed = drawFalSeed();
      if (!isFalSeed(seed)) expect.fail(`drew ${seed}`);
    }
  });
});

describe('GIVEN the fal emulator over HTTP and the bot’s fal client', () => {
  async function seedsFor(count: number, options: Parameters<typeof startFal>[0] = {}): Promise<number[]> {
    const emu = await startFal({ generationMs: 1, ...options });
    const fal = gateway(emu);
    return Promise.all(
      Array.from({ length: count }, async () => {
        const { requestId } = await fal.submit(input());
        await fal.waitForCompletion(requestId, () => {}, never);
        const output = await fal.result(requestId);
        const job = emu.jobs.find((j) => j.requestId === requestId)!;
        // What the emulator drew is what the client reads, digit for digit.
        expect(output.seed).toBe(job.seed);
        return output.seed!;
      }),
    );
  }

  test('WHEN requests carry no seed THEN the seeds that come back are fal-range integers, many above 2^31', async () => {
    const seeds = await seedsFor(40);
    expect(seeds.every(isFalSeed)).toBe(true);
    // With the emulator's own draw, 40 requests without one seed ≥ 2^31 has odds of about 1e-15.
    expect(seeds.some((s) => s >= HALF)).toBe(true);
  });

  test('WHEN the draw is seeded THEN a fal-like share of seeds ≥ 2^31 and 2^32-1 itself come back', async () => {
    const random = seededRandom(7);
    const seeds = await seedsFor(100, { drawSeed: () => drawFalSeed(random) });
    expect(seeds.every(isFalSeed)).toBe(true);
    expect(seeds.filter((s) => s >= HALF).length).toBeGreaterThan(40);
    expect(seeds).toContain(FAL_SEED_MAX);
  });

  test('WHEN fal draws an edge seed THEN 0, 2^31-1, 2^31 and 2^32-1 travel through JSON and the client exactly', async () => {
    const edges = [0, HALF - 1, HALF, FAL_SEED_MAX];
    let next = 0;
    const seeds = await seedsFor(edges.length * 3, { drawSeed: () => edges[next++ % edges.length]! });
    expect(new Set(seeds)).toEqual(new Set(edges));
  });

  test('WHEN a request sends a seed up to 2^53-1 THEN the same seed comes back', async () => {
    const emu = await startFal({ generationMs: 1 });
    const fal = gateway(emu);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(0, HALF - 1, HALF, FAL_SEED_MAX, 2 ** 32, MAX_SEED), fc.maxSafeNat()),
        async (seed) => {
          const { requestId } = await fal.submit(input({ seed }));
          await fal.waitForCompletion(requestId, () => {}, never);
          expect((await fal.result(requestId)).seed).toBe(seed);
        },
      ),
      { numRuns: 40 },
    );
  });
});
