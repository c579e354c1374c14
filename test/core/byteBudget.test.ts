import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ByteBudget, estimateImageBytes } from '../../src/core/byteBudget.ts';

describe('GIVEN a byte budget', () => {
  test('WHEN requests exceed it THEN they wait and are granted in the order they asked, as bytes come back', async () => {
    const budget = new ByteBudget(100);
    const order: string[] = [];
    const a = await budget.acquire(60);
    const b = budget.acquire(60).then((lease) => {
      order.push('b');
      return lease;
    });
    // Small enough to fit now, but asked after b: it must not overtake it.
    const c = budget.acquire(10).then((lease) => {
      order.push('c');
      return lease;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(budget.waiting).toBe(2);
    a.release();
    const [leaseB, leaseC] = await Promise.all([b, c]);
    expect(order).toEqual(['b', 'c']);
    expect(budget.held).toBe(70);
    leaseB.release();
    leaseC.release();
    leaseC.release();
    expect(budget.held).toBe(0);
    expect(budget.peak).toBe(70);
  });

  test('WHEN one request is larger than the whole budget THEN it runs alone instead of never', async () => {
    const budget = new ByteBudget(100);
    const small = await budget.acquire(10);
    let granted = false;
    const huge = budget.acquire(500).then((lease) => {
      granted = true;
      return lease;
    });
    await Promise.resolve();
    expect(granted).toBe(false);
    small.release();
    (await huge).release();
    expect(granted).toBe(true);
    expect(budget.held).toBe(0);
  });

  test('WHEN an estimate is resized to the real size THEN waiters behind it are served from what was freed', async () => {
    const budget = new ByteBudget(100);
    const first = await budget.acquire(90);
    const next = budget.acquire(50);
    first.resize(40);
    const lease = await next;
    expect(budget.held).toBe(90);
    lease.release();
    first.release();
  });

  test('WHEN a waiter is aborted THEN it is rejected with the reason and those behind it move up', async () => {
    const budget = new ByteBudget(100);
    const held = await budget.acquire(80);
    const controller = new AbortController();
    const aborted = budget.acquire(50, controller.signal);
    const behind = budget.acquire(20);
    controller.abort(new Error('deadline'));
    await expect(aborted).rejects.toThrow('deadline');
    (await behind).release();
    held.release();
    expect(budget.held).toBe(0);
    await expect(budget.acquire(1, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });

  test('WHEN any sequence of acquires and releases runs THEN the limit holds whenever more than one holds bytes, and all come back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 30 }),
        async (sizes) => {
          const budget = new ByteBudget(100);
          let holders = 0;
          let breach = false;
          await Promise.all(
            sizes.map(async (size) => {
              const lease = await budget.acquire(size);
              holders++;
              if (holders > 1 && budget.held > 100) breach = true;
              await Promise.resolve();
              holders--;
              lease.release();
            }),
          );
          expect(breach).toBe(false);
          expect(budget.held).toBe(0);
          expect(budget.waiting).toBe(0);
        },
      ),
    );
  });
});

test('image estimates follow fal’s dimensions and format, with a fallback when fal gives none', () => {
  const jpeg = estimateImageBytes({ width: 1024, height: 1024, content_type: 'image/jpeg' });
  const png = estimateImageBytes({ width: 1024, height: 1024, content_type: 'image/png' });
  expect(jpeg).toBeGreaterThan(300_000);
  expect(jpeg).toBeLessThan(450_000);
  expect(png).toBeGreaterThan(1_500_000);
  expect(estimateImageBytes({})).toBe(2 * 1024 * 1024);
});
