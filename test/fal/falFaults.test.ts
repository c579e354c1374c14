// Faults through the gateway against the loopback fal emulator: what is retried, how long it waits,
// what is never retried, and how each failure is named for the member.
import { describe, expect, test } from 'vitest';
import type { FalKontextInput } from '../../src/core/endpoints/index.ts';
import { falError, gateway, input, never, requestsTo, startFal } from './falTestKit.ts';

const SUBMIT = '/fal-ai/flux-pro/kontext/text-to-image';

describe('GIVEN fal fails in ways a retry can cure', () => {
  test('WHEN submit answers 500 once THEN it is retried and succeeds with exactly two submits', async () => {
    const emu = await startFal();
    emu.failNext('submit', { status: 500, body: { detail: 'boom' } });
    const { requestId } = await gateway(emu).submit(input());
    expect(requestsTo(emu, SUBMIT, 'POST').map((r) => r.status)).toEqual([500, 200]);
    expect(emu.jobs.map((j) => j.requestId)).toEqual([requestId]);
  });

  test('WHEN submit answers 429 with Retry-After: 1 THEN the next attempt waits at least a second', async () => {
    const emu = await startFal();
    emu.failNext('submit', { status: 429, headers: { 'retry-after': '1' } });
    await gateway(emu).submit(input());
    const [first, second] = requestsTo(emu, SUBMIT, 'POST');
    expect([first?.status, second?.status]).toEqual([429, 200]);
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1000);
  });

  test('WHEN the connection is reset on status, stream and result THEN each is retried', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    const { requestId } = await fal.submit(input());
    emu.failNext('status', 'reset', 2); // the stream open, then its retry
    await fal.waitForCompletion(requestId, () => undefined, never);
    emu.failNext('result', 'reset');
    const output = await fal.result(requestId);
    const { data } = await fal.download(output.images[0]!.url, never);
    expect(data.size).toBeGreaterThan(0);
    expect(requestsTo(emu, '/status/stream').map((r) => r.status)).toEqual([0, 0, 200]);
    expect(requestsTo(emu, `/requests/${requestId}`).map((r) => r.status)).toEqual([0, 200]);
  });

  test('WHEN an image download is reset once THEN it is retried like fal calls', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    const { requestId } = await fal.submit(input());
    await fal.waitForCompletion(requestId, () => undefined, never);
    const [image] = (await fal.result(requestId)).images;
    emu.failNext('image', 'reset');
    expect((await fal.download(image!.url, never)).contentType).toBe('image/jpeg');
    expect(emu.requests.filter((r) => r.path.startsWith('/files/')).map((r) => r.status)).toEqual([0, 200]);
  });
});

describe('GIVEN a submit whose outcome is unknown (fal may have queued and billed it)', () => {
  test('WHEN the connection is reset after fal queued it THEN it is not sent again and fails as uncertain', async () => {
    const emu = await startFal();
    emu.failNext('submit', 'queue-then-reset');
    const error = await falError(gateway(emu).submit(input()));
    expect(error.kind).toBe('uncertain');
    expect(error.message).toContain('outcome unknown');
    expect(requestsTo(emu, SUBMIT, 'POST')).toHaveLength(1);
    expect(emu.jobs).toHaveLength(1);
  });

  test('WHEN fal queued it but the answer never comes THEN the attempt times out and is not sent again', async () => {
    const emu = await startFal();
    emu.failNext('submit', 'queue-then-stall');
    const error = await falError(gateway(emu, { attemptTimeoutMs: 200 }).submit(input()));
    expect(error.kind).toBe('uncertain');
    expect(error.message).toContain('got no answer within 200 ms');
    expect(requestsTo(emu, SUBMIT, 'POST')).toHaveLength(1);
    expect(emu.jobs).toHaveLength(1);
  });

  test('WHEN a proxy answers 502 or 504 THEN it is not sent again', async () => {
    const emu = await startFal();
    emu.failNext('submit', { status: 502 });
    expect((await falError(gateway(emu).submit(input()))).kind).toBe('uncertain');
    emu.failNext('submit', { status: 504 });
    expect((await falError(gateway(emu).submit(input()))).kind).toBe('uncertain');
    expect(requestsTo(emu, SUBMIT, 'POST')).toHaveLength(2);
  });

  test('WHEN submit answers 503 THEN it was not taken and is sent again', async () => {
    const emu = await startFal();
    emu.failNext('submit', { status: 503 });
    await gateway(emu).submit(input());
    expect(requestsTo(emu, SUBMIT, 'POST').map((r) => r.status)).toEqual([503, 200]);
    expect(emu.jobs).toHaveLength(1);
  });
});

describe('GIVEN fal fails in ways a retry cannot cure', () => {
  test('WHEN the image URL answers 404 THEN the download fails at once, named', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    const { requestId } = await fal.submit(input());
    await fal.waitForCompletion(requestId, () => undefined, never);
    const [image] = (await fal.result(requestId)).images;
    emu.failNext('image', { status: 404 });
    const error = await falError(fal.download(image!.url, never));
    expect(error).toMatchObject({ kind: 'server', status: 404 });
    expect(error.message).toContain('image download answered 404');
    expect(emu.requests.filter((r) => r.path.startsWith('/files/'))).toHaveLength(1);
  });

  test('WHEN the key is wrong THEN it fails as auth after one request, without the key in the message', async () => {
    const emu = await startFal();
    const error = await falError(gateway(emu, {}, 'wrong-secret-key').submit(input()));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(emu.requests).toHaveLength(1);
    expect(JSON.stringify({ message: error.message, detail: error.detail })).not.toContain(
      'wrong-secret-key',
    );
  });

  test('WHEN the input is refused with 422 THEN it fails as invalid naming the field, without retry', async () => {
    const emu = await startFal();
    const bad = { ...input(), safety_tolerance: 3 } as unknown as FalKontextInput;
    const error = await falError(gateway(emu).submit(bad));
    expect(error).toMatchObject({ kind: 'invalid', status: 422 });
    expect(error.detail).toMatch(/^safety_tolerance: /);
    expect(emu.requests).toHaveLength(1);
  });

  test('WHEN the run breaks the content policy THEN the result fails as policy, without retry', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    emu.failNextRun({
      status: 422,
      body: { detail: [{ loc: ['body', 'prompt'], msg: 'flagged', type: 'content_policy_violation' }] },
    });
    const { requestId } = await fal.submit(input());
    await fal.waitForCompletion(requestId, () => undefined, never);
    expect(await falError(fal.result(requestId))).toMatchObject({
      kind: 'policy',
      detail: 'prompt: flagged',
    });
    expect(requestsTo(emu, `/requests/${requestId}`)).toHaveLength(1);
  });

  test('WHEN fal keeps answering 500 THEN it gives up at the deadline as a server error', async () => {
    const emu = await startFal();
    emu.failNext('submit', { status: 500, body: { detail: 'down' } }, 1_000);
    const fal = gateway(emu, { baseDelayMs: 10, maxDelayMs: 20, deadlineMs: 150, maxAttempts: 1_000 });
    const error = await falError(fal.submit(input()));
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect(error.message).toMatch(/fal submit answered 500: down \(gave up after \d+ attempts\)/);
    const submits = requestsTo(emu, SUBMIT, 'POST');
    expect(submits.length).toBeGreaterThan(2);
    expect(submits.at(-1)!.receivedAt - submits[0]!.receivedAt).toBeLessThan(150);
  });

  test('WHEN fal keeps rate limiting THEN it gives up as rate after the attempts allowed', async () => {
    const emu = await startFal();
    emu.failNext('submit', { status: 429 }, 10);
    const error = await falError(gateway(emu, { maxAttempts: 3 }).submit(input()));
    expect(error).toMatchObject({ kind: 'rate', status: 429 });
    expect(requestsTo(emu, SUBMIT, 'POST')).toHaveLength(3);
  });
});
