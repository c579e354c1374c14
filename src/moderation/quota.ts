// Quota arithmetic: pure, so the same decision runs inside whatever transaction the store opens.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days are UTC days: one boundary for every member, shown to each in their own time zone by Discord. */
export function dayStart(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

export function nextDayStart(now: number): number {
  return dayStart(now) + DAY_MS;
}

/** The start of the window "the last 30 days", today included. */
export function daysAgoStart(now: number, days: number): number {
  return dayStart(now) - (days - 1) * DAY_MS;
}

export interface QuotaLimits {
  cooldownSeconds: number;
  dailyPerUser: number;
  dailyServer: number;
  dailyBudgetUsd: number;
}

/**
 * What two reservations must not decide on at once: with a server-wide limit (images or budget) any two
 * of the server's; with only per-member limits, two of the same member's; with none, nothing (every
 * request is admitted, the reservation only records it).
 */
export type QuotaContention = 'server' | 'member' | 'none';

export function quotaContention(limits: QuotaLimits): QuotaContention {
  if (limits.dailyServer > 0 || limits.dailyBudgetUsd > 0) return 'server';
  if (limits.dailyPerUser > 0 || limits.cooldownSeconds > 0) return 'member';
  return 'none';
}

/** What the store counted for this member and server, reservations in flight included. */
export interface QuotaUsage {
  userImagesToday: number;
  serverImagesToday: number;
  serverSpendTodayUsd: number;
  /** When this member's last generation that still counts was admitted. */
  lastUserStartAt: number | null;
}

export interface QuotaAsk {
  images: number;
  unitPriceUsd: number;
  now: number;
}

export type QuotaRule = 'cooldown' | 'daily_per_user' | 'daily_server' | 'budget';

export type QuotaDecision =
  | { ok: true }
  | {
      ok: false;
      rule: QuotaRule;
      limit: number;
      /** Images still allowed under that rule (less than asked). */
      remaining: number;
      /** When asking again can succeed; null when asking for fewer images would succeed now. */
      retryAt: number | null;
    };

// Float sums of prices (0.04 × n) are not exact: a budget of $0.12 must allow 3 images of $0.04.
const EPSILON = 1e-9;

export function imagesWithinBudget(budgetUsd: number, spentUsd: number, unitPriceUsd: number): number {
  return Math.max(0, Math.floor((budgetUsd - spentUsd) / unitPriceUsd + EPSILON));
}

/**
 * An exhausted daily limit first (waiting out the cooldown would not help), then the cooldown, then a
 * request for more images than are left (asking for fewer would help, once the cooldown has passed).
 */
export function decideQuota(limits: QuotaLimits, usage: QuotaUsage, ask: QuotaAsk): QuotaDecision {
  const daily: { rule: QuotaRule; limit: number; remaining: number }[] = [];
  const add = (rule: QuotaRule, limit: number, left: number) =>
    daily.push({ rule, limit, remaining: Math.max(0, left) });
  if (limits.dailyPerUser > 0)
    add('daily_per_user', limits.dailyPerUser, limits.dailyPerUser - usage.userImagesToday);
  if (limits.dailyServer > 0)
    add('daily_server', limits.dailyServer, limits.dailyServer - usage.serverImagesToday);
  if (limits.dailyBudgetUsd > 0) {
    const left = imagesWithinBudget(limits.dailyBudgetUsd, usage.serverSpendTodayUsd, ask.unitPriceUsd);
    add('budget', limits.dailyBudgetUsd, left);
  }
  const exhausted = daily.find((d) => d.remaining === 0);
  if (exhausted) return { ok: false, ...exhausted, retryAt: nextDayStart(ask.now) };
  if (limits.cooldownSeconds > 0 && usage.lastUserStartAt !== null) {
    const readyAt = usage.lastUserStartAt + limits.cooldownSeconds * 1000;
    if (ask.now < readyAt) {
      return { ok: false, rule: 'cooldown', limit: limits.cooldownSeconds, remaining: 0, retryAt: readyAt };
    }
  }
  const short = daily.find((d) => d.remaining < ask.images);
  if (short) return { ok: false, ...short, retryAt: null };
  return { ok: true };
}

/** The smallest number of images left today under the daily rules; null when none applies. */
export function remainingToday(limits: QuotaLimits, usage: QuotaUsage, unitPriceUsd: number): number | null {
  const left: number[] = [];
  if (limits.dailyPerUser > 0) left.push(limits.dailyPerUser - usage.userImagesToday);
  if (limits.dailyServer > 0) left.push(limits.dailyServer - usage.serverImagesToday);
  if (limits.dailyBudgetUsd > 0)
    left.push(imagesWithinBudget(limits.dailyBudgetUsd, usage.serverSpendTodayUsd, unitPriceUsd));
  return left.length === 0 ? null : Math.max(0, Math.min(...left));
}
