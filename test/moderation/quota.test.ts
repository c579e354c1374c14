import { describe, expect, test } from 'vitest';
import {
  decideQuota,
  nextDayStart,
  type QuotaLimits,
  quotaContention,
  remainingToday,
} from '../../src/moderation/quota.ts';
import { quotaRefusal as refusalOf, renderRefusal } from '../../src/moderation/refusals.ts';

/** The refusal as an English-speaking member reads it. */
const quotaRefusal = (decision: Parameters<typeof refusalOf>[0]) => renderRefusal('en', refusalOf(decision));

const NOW = Date.UTC(2025, 5, 1, 15, 30);
const MIDNIGHT = Date.UTC(2025, 5, 2);
const none: QuotaLimits = { cooldownSeconds: 0, dailyPerUser: 0, dailyServer: 0, dailyBudgetUsd: 0 };
const fresh = { userImagesToday: 0, serverImagesToday: 0, serverSpendTodayUsd: 0, lastUserStartAt: null };
const ask = (images: number) => ({ images, unitPriceUsd: 0.04, now: NOW });

test('days are UTC days', () => {
  expect(nextDayStart(NOW)).toBe(MIDNIGHT);
});

describe('GIVEN limits', () => {
  test('WHEN none is set THEN anything is admitted', () => {
    expect(decideQuota(none, { ...fresh, userImagesToday: 10_000 }, ask(4))).toEqual({ ok: true });
  });

  test('WHEN the cooldown has not passed THEN it refuses until the previous start + cooldown', () => {
    const limits = { ...none, cooldownSeconds: 60 };
    const decision = decideQuota(limits, { ...fresh, lastUserStartAt: NOW - 20_000 }, ask(1));
    expect(decision).toEqual({ ok: false, rule: 'cooldown', limit: 60, remaining: 0, retryAt: NOW + 40_000 });
    expect(decideQuota(limits, { ...fresh, lastUserStartAt: NOW - 60_000 }, ask(1))).toEqual({ ok: true });
    if (!decision.ok) expect(quotaRefusal(decision)).toContain(`<t:${(NOW + 40_000) / 1000}:R>`);
  });

  test('WHEN the member used their daily images THEN it refuses until midnight UTC', () => {
    const decision = decideQuota({ ...none, dailyPerUser: 3 }, { ...fresh, userImagesToday: 3 }, ask(1));
    expect(decision).toMatchObject({ ok: false, rule: 'daily_per_user', retryAt: MIDNIGHT });
    if (!decision.ok) expect(quotaRefusal(decision)).toContain(`<t:${MIDNIGHT / 1000}:R>`);
  });

  test('WHEN fewer images are left than asked THEN it says how many may still be asked for', () => {
    const decision = decideQuota({ ...none, dailyPerUser: 3 }, { ...fresh, userImagesToday: 1 }, ask(4));
    expect(decision).toMatchObject({ ok: false, rule: 'daily_per_user', remaining: 2, retryAt: null });
    if (!decision.ok) expect(quotaRefusal(decision)).toContain('count 2 or less');
  });

  test('WHEN the server limit or the budget is reached THEN it refuses with that rule', () => {
    expect(
      decideQuota({ ...none, dailyServer: 5 }, { ...fresh, serverImagesToday: 5 }, ask(1)),
    ).toMatchObject({
      rule: 'daily_server',
    });
    // $0.12 at $0.04 is exactly 3 images, despite floating point.
    const budget = { ...none, dailyBudgetUsd: 0.12 };
    expect(decideQuota(budget, { ...fresh, serverSpendTodayUsd: 0.04 + 0.04 }, ask(1))).toEqual({ ok: true });
    const spent = { ...fresh, serverSpendTodayUsd: 0.04 + 0.04 + 0.04 };
    const refused = decideQuota(budget, spent, ask(1));
    expect(refused).toMatchObject({ ok: false, rule: 'budget', retryAt: MIDNIGHT });
    if (!refused.ok) expect(quotaRefusal(refused)).toContain('$0.12');
  });

  test('WHEN a daily limit and the cooldown both apply THEN the later time (midnight) is given', () => {
    const limits = { ...none, cooldownSeconds: 60, dailyPerUser: 1 };
    const usage = { ...fresh, userImagesToday: 1, lastUserStartAt: NOW - 1000 };
    expect(decideQuota(limits, usage, ask(1))).toMatchObject({ rule: 'daily_per_user', retryAt: MIDNIGHT });
  });

  test('WHEN fewer images are left than asked and the cooldown runs THEN the cooldown is named first', () => {
    const limits = { ...none, cooldownSeconds: 60, dailyPerUser: 3 };
    const usage = { ...fresh, userImagesToday: 2, lastUserStartAt: NOW - 1000 };
    expect(decideQuota(limits, usage, ask(2))).toMatchObject({ rule: 'cooldown', retryAt: NOW + 59_000 });
    const later = { ...ask(2), now: NOW + 60_000 };
    expect(decideQuota(limits, usage, later)).toMatchObject({
      rule: 'daily_per_user',
      remaining: 1,
      retryAt: null,
    });
  });

  test('remaining today is the smallest of the daily rules', () => {
    const limits = { ...none, dailyPerUser: 10, dailyServer: 100, dailyBudgetUsd: 0.2 };
    expect(remainingToday(limits, { ...fresh, userImagesToday: 4 }, 0.04)).toBe(5);
    expect(remainingToday(none, fresh, 0.04)).toBeNull();
  });
});

test('reservations contend on the server only when a server-wide limit applies, on the member for per-member limits', () => {
  const none = { cooldownSeconds: 0, dailyPerUser: 0, dailyServer: 0, dailyBudgetUsd: 0 };
  expect(quotaContention(none)).toBe('none');
  expect(quotaContention({ ...none, cooldownSeconds: 30 })).toBe('member');
  expect(quotaContention({ ...none, dailyPerUser: 25 })).toBe('member');
  expect(quotaContention({ ...none, dailyPerUser: 25, dailyServer: 100 })).toBe('server');
  expect(quotaContention({ ...none, dailyBudgetUsd: 5 })).toBe('server');
});
