import { describe, expect, test } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  isNetworkError,
  isRetryable,
  parseRetryAfter,
  type RetryPolicy,
  resolvePolicy,
} from '../../src/core/retryPolicy.ts';

const policy: RetryPolicy = resolvePolicy({ baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 10_000 });
const headers = (values: Record<string, string>) => new Headers(values);
const status = (code: number, values: Record<string, string> = {}) =>
  ({ kind: 'status', status: code, headers: headers(values) }) as const;
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const top = () => 0.999_999;

describe('GIVEN an attempt outcome', () => {
  test.each([408, 429, 500, 502, 503, 504])('WHEN fal answers %i THEN it is retried', (code) => {
    expect(isRetryable(status(code))).toBe(true);
  });

  test.each([400, 401, 403, 404, 422])('WHEN fal answers %i THEN it is never retried', (code) => {
    expect(isRetryable(status(code))).toBe(false);
    expect(isRetryable(status(code, { 'x-fal-retryable': 'true' }))).toBe(false);
  });

  test('WHEN fal says X-Fal-Retryable THEN that decides for other statuses', () => {
    expect(isRetryable(status(500, { 'x-fal-retryable': 'false' }))).toBe(false);
    expect(isRetryable(status(503, { 'X-Fal-Needs-Retry': 'false' }))).toBe(false);
    expect(isRetryable(status(520, { 'x-fal-retryable': 'true' }))).toBe(true);
    expect(isRetryable(status(520))).toBe(false);
  });

  test('WHEN the connection failed or the attempt timed out THEN it is retried', () => {
    expect(isRetryable({ kind: 'network' })).toBe(true);
    expect(isRetryable({ kind: 'timeout' })).toBe(true);
  });

  test('WHEN fetch throws THEN socket failures count as network errors and others do not', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(isNetworkError(new TypeError('fetch failed', { cause: reset }))).toBe(true);
    expect(isNetworkError(new TypeError('terminated'))).toBe(true);
    expect(isNetworkError(new TypeError('fetch failed'))).toBe(true);
    expect(isNetworkError(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }))).toBe(true);
    expect(isNetworkError(new SyntaxError('Unexpected token'))).toBe(false);
    expect(isNetworkError('ECONNRESET')).toBe(false);
  });
});

describe('GIVEN exponential backoff with full jitter', () => {
  test('WHEN attempts fail THEN the ceiling doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(policy, n, top))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  test('WHEN the random source is at its bounds THEN the delay stays within 0..ceiling', () => {
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(200);
    expect(backoffDelay(policy, 3, () => 7)).toBe(400);
    expect(backoffDelay(policy, 3, () => -1)).toBe(0);
  });

  test('WHEN the defaults are used THEN five attempts wait at most 0.3 + 0.6 + 1.2 + 2.4 s', () => {
    const waits = [1, 2, 3, 4].map((n) => backoffDelay(DEFAULT_RETRY_POLICY, n, () => 1));
    expect(waits).toEqual([300, 600, 1200, 2400]);
    const last = decideRetry(DEFAULT_RETRY_POLICY, status(500), {
      attempt: 5,
      startedAt: NOW,
      now: NOW,
      random: top,
    });
    expect(last).toEqual({ retry: false, reason: 'attempts' });
  });
});

describe('GIVEN Retry-After', () => {
  test('WHEN it is in seconds THEN it is read as milliseconds', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1000);
    expect(parseRetryAfter(' 2.5 ', NOW)).toBe(2500);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  test('WHEN it is an HTTP-date THEN it is the time until then, never negative', () => {
    expect(parseRetryAfter(new Date(NOW + 3000).toUTCString(), NOW)).toBe(3000);
    expect(parseRetryAfter(new Date(NOW - 3000).toUTCString(), NOW)).toBe(0);
  });

  test('WHEN it is absent or garbled THEN it is ignored', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-1', NOW)).toBeUndefined();
  });

  test('WHEN fal asks for longer than the backoff THEN the wait is at least that long, even past the cap', () => {
    const state = { attempt: 1, startedAt: NOW, now: NOW, random: top };
    expect(decideRetry(policy, status(429, { 'retry-after': '1' }), state)).toEqual({
      retry: true,
      delayMs: 1000,
    });
    expect(decideRetry(policy, status(503, { 'retry-after': '3' }), state)).toEqual({
      retry: true,
      delayMs: 3000,
    });
    const date = new Date(NOW + 2000).toUTCString();
    expect(decideRetry(policy, status(429, { 'retry-after': date }), state)).toEqual({
      retry: true,
      delayMs: 2000,
    });
  });

  test('WHEN the backoff is longer than Retry-After THEN the backoff wins', () => {
    const state = { attempt: 4, startedAt: NOW, now: NOW, random: top };
    expect(decideRetry(policy, status(429, { 'retry-after': '0' }), state)).toEqual({
      retry: true,
      delayMs: 799,
    });
  });
});

describe('GIVEN a total deadline', () => {
  test('WHEN the next wait would end past the deadline THEN it gives up', () => {
    const state = { attempt: 2, startedAt: NOW, now: NOW + 9_900, random: top };
    expect(decideRetry(policy, status(500), state)).toEqual({ retry: false, reason: 'deadline' });
    expect(decideRetry(policy, status(500), { ...state, random: () => 0 })).toEqual({
      retry: true,
      delayMs: 0,
    });
  });

  test('WHEN Retry-After asks for more than the deadline leaves THEN it gives up at once', () => {
    const state = { attempt: 1, startedAt: NOW, now: NOW, random: top };
    expect(decideRetry(policy, status(429, { 'retry-after': '60' }), state)).toEqual({
      retry: false,
      reason: 'deadline',
    });
  });

  test('WHEN the status is never retried THEN it stops before looking at time or attempts', () => {
    const state = { attempt: 1, startedAt: NOW, now: NOW, random: top };
    expect(decideRetry(policy, status(401, { 'retry-after': '1' }), state)).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
  });
});
