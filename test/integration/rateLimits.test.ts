import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedRequest } from '../emulators/discord/index.ts';
import { delivery, expectNoViolations, imagine, type Stack, startStack } from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fal: { imageLongSide: 256 } });
});
afterAll(() => stack.close());

const CHANNEL = '200000000000000001';
const originalRoute = (token: string) =>
  `/webhooks/${stack.discord.applicationId}/${token}/messages/@original`;
const followUpRoute = (token: string) => `/webhooks/${stack.discord.applicationId}/${token}`;

/** The first request on the route after the 429, and how long after it it came. */
async function retryAfter429(
  method: string,
  route: string,
): Promise<{ retry: RecordedRequest; waitedMs: number }> {
  const limited = await stack.discord.waitForRequest(
    (r) => r.method === method && r.route === route && r.status === 429,
  );
  const retry = await stack.discord.waitForRequest(
    (r) => r.method === method && r.route === route && r.receivedAt > limited.receivedAt,
  );
  const sent = stack.discord.rateLimits.find((l) => l.method === method && l.route === route);
  return { retry, waitedMs: retry.receivedAt - (sent?.sentAt ?? limited.receivedAt) };
}

describe('GIVEN Discord answers a delivery with 429', () => {
  test('WHEN the images edit gets a user-scope 429 THEN the bot waits retry_after and the images arrive', async () => {
    const sent = imagine(stack, { prompt: 'a patient fox' });
    const route = originalRoute(sent.token);
    stack.discord.rateLimitNext((method, r) => method === 'PATCH' && r === route, {
      scope: 'user',
      retryAfterMs: 300,
    });
    const { retry, waitedMs } = await retryAfter429('PATCH', route);
    expect(waitedMs).toBeGreaterThanOrEqual(300);
    expect(retry.status).toBe(200);
    expect(retry.files.length).toBeGreaterThan(0);
    expectNoViolations(stack);
  });

  test('WHEN a follow-up message gets a 429 THEN the rest of the images still arrive', async () => {
    const sent = imagine(
      stack,
      { prompt: 'four big ones', count: 4, format: 'png' },
      { attachmentSizeLimit: 150_000 },
    );
    const route = followUpRoute(sent.token);
    stack.discord.rateLimitNext((method, r) => method === 'POST' && r === route, {
      scope: 'user',
      retryAfterMs: 250,
    });
    await delivery(stack, sent);
    const { retry, waitedMs } = await retryAfter429('POST', route);
    expect(waitedMs).toBeGreaterThanOrEqual(250);
    expect(retry.status).toBe(200);
    expect(retry.files.length).toBeGreaterThan(0);
    expectNoViolations(stack);
  });

  test('WHEN the limit is shared (per resource) THEN the bot waits at least retry_after too', async () => {
    const sent = imagine(stack, { prompt: 'a crowded channel' });
    const route = originalRoute(sent.token);
    stack.discord.rateLimitNext((method, r) => method === 'PATCH' && r === route, {
      scope: 'shared',
      retryAfterMs: 400,
    });
    const { retry, waitedMs } = await retryAfter429('PATCH', route);
    expect(waitedMs).toBeGreaterThanOrEqual(400);
    expect(retry.status).toBe(200);
    expectNoViolations(stack);
  });

  test('WHEN a channel post is globally limited THEN no bot request comes before retry_after', async () => {
    stack.fal.pause();
    const sent = imagine(stack, { prompt: 'a late and limited sunrise' });
    await sent.callback();
    await stack.fal.waitForJob(() => true);
    stack.discord.expireToken(sent.token);
    const route = `/channels/${CHANNEL}/messages`;
    stack.discord.rateLimitNext((method, r) => method === 'POST' && r === route, {
      scope: 'global',
      retryAfterMs: 300,
    });
    stack.fal.resume();
    const { retry, waitedMs } = await retryAfter429('POST', route);
    expect(waitedMs).toBeGreaterThanOrEqual(300);
    expect(retry.status).toBe(200);
    expect(retry.files.length).toBeGreaterThan(0);
    expectNoViolations(stack);
  });
});

describe('GIVEN Cloudflare answers 429 without Retry-After or rate-limit headers', () => {
  test('WHEN the images edit is refused for 2.5 s THEN the bot backs off instead of looping, and delivers after', async () => {
    const sent = imagine(stack, { prompt: 'behind the wall' });
    const route = originalRoute(sent.token);
    const banMs = 2500;
    stack.discord.rateLimitNext((method, r) => method === 'PATCH' && r === route, {
      cloudflare: true,
      forMs: banMs,
    });
    const first = await stack.discord.waitForRequest(
      (r) => r.method === 'PATCH' && r.route === route && r.status === 429,
    );
    const delivered = await stack.discord.waitForRequest(
      (r) => r.method === 'PATCH' && r.route === route && r.status === 200 && r.files.length > 0,
      20_000,
    );
    const during = stack.discord.requests.filter(
      (r) => r.route === route && r.method === 'PATCH' && r.receivedAt < first.receivedAt + banMs,
    );
    // @discordjs/rest alone retried such a 429 at once, forever: ~13,800 requests a second here.
    expect(during.length).toBeLessThanOrEqual(4);
    expect(delivered.receivedAt).toBeGreaterThanOrEqual(first.receivedAt + banMs);
    expect(stack.discord.requestCount('PATCH', route)).toBe(during.length + 1);
    expectNoViolations(stack);
  });
});
