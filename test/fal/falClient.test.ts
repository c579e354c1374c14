// The gateway end to end against the loopback fal emulator: the happy path, statuses, resuming from a
// stored id, cancel and abort. Deterministic: it waits on emulator state and status callbacks, never sleeps.
import { describe, expect, test, vi } from 'vitest';
import type { FalQueueStatus } from '../../src/fal/falClient.ts';
import { decodeImage } from '../emulators/fal/index.ts';
import { falError, gateway, input, never, requestsTo, startFal } from './falTestKit.ts';

describe('GIVEN the fal queue answers normally', () => {
  test('WHEN a prompt goes submit → wait → result → download THEN the images decode', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    const { requestId } = await fal.submit(
      input({ num_images: 2, output_format: 'png', aspect_ratio: '16:9' }),
    );
    const seen: FalQueueStatus[] = [];
    await fal.waitForCompletion(requestId, (status) => seen.push(status), never);
    const doneAt = performance.now();
    const job = emu.jobs.find((j) => j.requestId === requestId)!;
    // fal said COMPLETED at job.completedAt; the wait must end right after, not on a poll tick.
    expect(doneAt - job.completedAt!).toBeLessThan(50);
    expect(seen.at(-1)).toEqual({ status: 'COMPLETED' });

    const output = await fal.result(requestId);
    expect(output.images).toHaveLength(2);
    expect(output.seed).toBe(job.seed);
    for (const image of output.images) {
      const { data, contentType } = await fal.download(image.url, never);
      expect(contentType).toBe('image/png');
      expect(data.type).toBe('image/png');
      expect(decodeImage(await data.bytes())).toMatchObject({
        format: 'png',
        width: image.width,
        height: image.height,
      });
    }
    // The key goes to the queue only, never to the image host.
    const files = emu.requests.filter((r) => r.path.startsWith('/files/'));
    expect(files).toHaveLength(2);
    expect(files.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(emu.requests.filter((r) => !r.path.startsWith('/files/')).every((r) => r.status === 200)).toBe(
      true,
    );
  });

  test('WHEN three jobs share one runner THEN the last sees its place in line, then running, then done', async () => {
    const emu = await startFal({ concurrency: 1, generationMs: 30 });
    const fal = gateway(emu);
    emu.pause(); // hold the line still until the third job is being watched
    await fal.submit(input({ prompt: 'one' }));
    await fal.submit(input({ prompt: 'two' }));
    const third = await fal.submit(input({ prompt: 'three' }));
    expect(third.queuePosition).toBe(2);

    const seen: FalQueueStatus[] = [];
    let watching: () => void = () => undefined;
    const firstStatus = new Promise<void>((resolve) => {
      watching = resolve;
    });
    const done = fal.waitForCompletion(
      third.requestId,
      (status) => {
        seen.push(status);
        watching();
      },
      never,
    );
    await firstStatus;
    emu.resume();
    await done;
    expect(seen).toEqual([
      { status: 'IN_QUEUE', queuePosition: 2 },
      { status: 'IN_QUEUE', queuePosition: 1 },
      { status: 'IN_QUEUE', queuePosition: 0 },
      { status: 'IN_PROGRESS' },
      { status: 'COMPLETED' },
    ]);
    expect(emu.maxInFlight).toBe(1);
  });

  test('WHEN a restarted bot has only the stored id THEN status and result work from it', async () => {
    const emu = await startFal();
    const { requestId } = await gateway(emu).submit(input());
    const fresh = gateway(emu); // knows nothing fal returned at submit
    await fresh.waitForCompletion(requestId, () => undefined, never);
    expect((await fresh.result(requestId)).images).toHaveLength(1);
    expect(requestsTo(emu, `/fal-ai/flux-pro/requests/${requestId}/status/stream`)).toHaveLength(1);
    expect(requestsTo(emu, `/fal-ai/flux-pro/requests/${requestId}`)).toHaveLength(1);
  });

  test('WHEN the stream falls silent THEN the gateway polls, reopens and still sees COMPLETED', async () => {
    const emu = await startFal();
    const fal = gateway(emu, { streamIdleMs: 40 });
    emu.pause();
    const { requestId } = await fal.submit(input());
    const seen: FalQueueStatus[] = [];
    const done = fal.waitForCompletion(requestId, (status) => seen.push(status), never);
    const streams = () => requestsTo(emu, '/status/stream').length;
    await vi.waitFor(() => expect(streams()).toBeGreaterThanOrEqual(2), { timeout: 5_000, interval: 5 });
    emu.resume();
    await done;
    expect(requestsTo(emu, `${requestId}/status`).length).toBeGreaterThanOrEqual(1);
    // Reopening repeats the same status; the member is told about changes only.
    expect(seen.map((s) => s.status)).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']);
  });
});

describe('GIVEN the bot stops waiting', () => {
  test('WHEN the signal aborts THEN the wait rejects at once as cancelled, without reopening', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    emu.pause();
    const { requestId } = await fal.submit(input());
    const controller = new AbortController();
    const waiting = fal.waitForCompletion(requestId, () => controller.abort(), controller.signal);
    const error = await falError(waiting);
    expect(error.kind).toBe('canceled');
    expect(requestsTo(emu, '/status/stream')).toHaveLength(1);
  });

  test('WHEN the signal is a deadline THEN the wait rejects as a timeout', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    emu.pause();
    const { requestId } = await fal.submit(input());
    const controller = new AbortController();
    const reason = new DOMException('deadline', 'TimeoutError');
    const error = await falError(
      fal.waitForCompletion(requestId, () => controller.abort(reason), controller.signal),
    );
    expect(error.kind).toBe('timeout');
  });

  test('WHEN a queued request is cancelled THEN fal removes it and its result says cancelled', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    emu.pause();
    const { requestId } = await fal.submit(input());
    await fal.cancel(requestId);
    expect(requestsTo(emu, `${requestId}/cancel`, 'PUT')).toMatchObject([{ status: 202 }]);
    expect((await falError(fal.result(requestId))).kind).toBe('canceled');
    const again = await falError(fal.cancel(requestId));
    expect(again).toMatchObject({ kind: 'server', status: 400 });
    expect(again.message).toContain('ALREADY_COMPLETED');
  });
});
