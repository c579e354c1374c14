import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GatewayEvent, GatewayEventKind, SentInteraction } from '../emulators/discord/index.ts';
import { delivery, expectNoViolations, imagine, type Stack, startStack } from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fal: { imageLongSide: 64 } });
});
afterAll(() => stack.close());

/** A generation fal holds until `release`, so it is in flight across whatever the gateway does. */
async function inFlight(prompt: string): Promise<{ sent: SentInteraction; release: () => void }> {
  stack.fal.pause();
  const sent = imagine(stack, { prompt });
  await sent.callback();
  await stack.fal.waitForJob((job) => job.input.prompt === prompt);
  return { sent, release: () => stack.fal.resume() };
}

function eventsSince(since: number, kind: GatewayEventKind): GatewayEvent[] {
  return stack.discord.gatewayEvents.filter((e) => e.at > since && e.kind === kind);
}

function next(since: number, kind: GatewayEventKind): Promise<GatewayEvent> {
  return stack.discord.waitForGatewayEvent((e) => e.at > since && e.kind === kind);
}

/** The generation started before the event is delivered (with any sent meanwhile), and a new one works. */
async function stillServing(
  job: { sent: SentInteraction; release: () => void },
  ...meanwhile: SentInteraction[]
) {
  job.release();
  for (const sent of [job.sent, ...meanwhile]) await delivery(stack, sent);
  await stack.discord.waitForConnection();
  await delivery(stack, imagine(stack, { prompt: 'after the reconnect' }));
  expectNoViolations(stack);
}

function measure(what: string, from: GatewayEvent, to: GatewayEvent) {
  console.log(`[measure] ${what}: ${(to.at - from.at).toFixed(0)} ms`);
}

describe('GIVEN a generation in flight WHEN the gateway connection ends', () => {
  test('WHEN Discord sends op 7 RECONNECT THEN the bot resumes on resume_gateway_url and misses nothing', async () => {
    const job = await inFlight('op 7');
    const since = performance.now();
    stack.discord.sendReconnect();
    // Sent while the bot is away: Discord keeps it for the RESUME.
    const during = imagine(stack, { prompt: 'sent during the reconnect' });
    const resumed = await next(since, 'resumed');
    const [resume] = eventsSince(since, 'resume');
    expect(resume?.path).toBe('/resume');
    expect(resumed.replayed).toBeGreaterThanOrEqual(1);
    expect(eventsSince(since, 'identify')).toEqual([]);
    const [closed] = eventsSince(since, 'close');
    expect(closed).toMatchObject({ by: 'client' });
    expect(closed?.code).not.toBe(1000);
    measure('op 7 → RESUMED', eventsSince(since, 'reconnect')[0] ?? resumed, resumed);
    expect((await during.callback()).status).toBe(204);
    await stillServing(job, during);
  });

  test('WHEN Discord sends op 9 with d: true THEN the bot resumes the same session', async () => {
    const job = await inFlight('op 9 resumable');
    const since = performance.now();
    const sessionId = stack.discord.gatewayEvents.findLast((e) => e.kind === 'ready')?.sessionId;
    stack.discord.invalidateSession(true);
    const resumed = await next(since, 'resumed');
    expect(resumed.sessionId).toBe(sessionId);
    expect(eventsSince(since, 'identify')).toEqual([]);
    measure('op 9 (d: true) → RESUMED', eventsSince(since, 'invalid-session')[0] ?? resumed, resumed);
    await stillServing(job);
  });

  test('WHEN Discord sends op 9 with d: false THEN the bot identifies a new session on the gateway URL', async () => {
    const job = await inFlight('op 9 not resumable');
    const since = performance.now();
    const old = stack.discord.gatewayEvents.findLast((e) => e.kind === 'ready')?.sessionId;
    stack.discord.invalidateSession(false);
    const identified = await next(since, 'ready');
    expect(identified.sessionId).not.toBe(old);
    expect(eventsSince(since, 'identify')[0]?.path).toBe('/');
    expect(eventsSince(since, 'resume')).toEqual([]);
    measure('op 9 (d: false) → READY', eventsSince(since, 'invalid-session')[0] ?? identified, identified);
    await stillServing(job);
  });

  test('WHEN the socket drops without a close frame THEN the bot resumes and gets what it missed', async () => {
    const job = await inFlight('dropped socket');
    const since = performance.now();
    stack.discord.dropConnections();
    const during = imagine(stack, { prompt: 'sent while the socket was down' });
    const resumed = await next(since, 'resumed');
    expect(eventsSince(since, 'resume')[0]?.path).toBe('/resume');
    expect(eventsSince(since, 'identify')).toEqual([]);
    measure('dropped socket → RESUMED', eventsSince(since, 'close')[0] ?? resumed, resumed);
    expect((await during.callback()).status).toBe(204);
    await stillServing(job, during);
  });
});
