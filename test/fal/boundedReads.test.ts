// Nothing a peer sends is read past what the bot keeps: error bodies, JSON answers, status streams and
// images are all capped and their streams cancelled, and downloads run a bounded number at a time.
import { describe, expect, test } from 'vitest';
import { DOWNLOAD_CONCURRENCY } from '../../src/fal/falClient.ts';
import type { FalEmulator } from '../emulators/fal/index.ts';
import { falError, gateway, input, never, requestsTo, startFal } from './falTestKit.ts';

const MiB = 1024 * 1024;
const SUBMIT = '/fal-ai/flux-pro/kontext/text-to-image';

async function finishedImages(emu: FalEmulator, count = 1): Promise<string[]> {
  const fal = gateway(emu);
  const { requestId } = await fal.submit(input({ num_images: count }));
  await fal.waitForCompletion(requestId, () => undefined, never);
  return (await fal.result(requestId)).images.map((image) => image.url);
}

const imageRequests = (emu: FalEmulator) => emu.requests.filter((r) => r.path.startsWith('/files/'));

describe('GIVEN a peer that sends far more than the bot keeps', () => {
  test('WHEN every submit answers 500 with a 64 MiB body THEN each attempt reads only the start', async () => {
    const emu = await startFal();
    emu.failNext('submit', { status: 500, stream: { bytes: 64 * MiB } }, 5);
    const error = await falError(gateway(emu).submit(input()));
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    const attempts = requestsTo(emu, SUBMIT, 'POST');
    expect(attempts).toHaveLength(5);
    // What left the emulator is what the kernel buffered before the bot hung up, not the body.
    for (const attempt of attempts) expect(attempt.bytesSent).toBeLessThan(16 * MiB);
  });

  test('WHEN a result answers 200 with 64 MiB of JSON THEN it is refused after 1 MiB, not retried', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    const { requestId } = await fal.submit(input());
    emu.failNext('result', { status: 200, stream: { bytes: 64 * MiB } });
    const error = await falError(fal.result(requestId));
    expect(error.message).toContain('larger than 1048576 bytes');
    const [answer, ...others] = requestsTo(emu, `/requests/${requestId}`);
    expect(others).toEqual([]);
    expect(answer!.bytesSent).toBeLessThan(16 * MiB);
  });

  test('WHEN the status stream trickles one line that never ends THEN it is cut and the request still completes', async () => {
    const emu = await startFal();
    const fal = gateway(emu);
    const { requestId } = await fal.submit(input());
    emu.failNext('status', {
      status: 200,
      stream: {
        bytes: 64 * MiB,
        prefix: 'data: {"status":"IN_PROGRESS","padding":"',
        contentType: 'text/event-stream',
        chunkBytes: 4096,
        intervalMs: 1,
      },
    });
    await fal.waitForCompletion(requestId, () => undefined, never);
    const [endless] = requestsTo(emu, '/status/stream');
    expect(endless!.bytesSent).toBeLessThan(1 * MiB);
  });
});

describe('GIVEN image URLs the bot must not trust', () => {
  test('WHEN the image answers with a JSON content type THEN the download is refused, named', async () => {
    const emu = await startFal();
    const [url] = await finishedImages(emu);
    emu.failNext('image', { status: 200, body: { not: 'an image' } });
    const error = await falError(gateway(emu).download(url!, never));
    expect(error.message).toContain('content type application/json is not an image');
  });

  test('WHEN the image redirects to another origin THEN that origin is never asked', async () => {
    const emu = await startFal();
    const elsewhere = await startFal();
    const [url] = await finishedImages(emu);
    const [foreign] = await finishedImages(elsewhere);
    const before = elsewhere.requests.length;
    emu.failNext('image', { status: 302, headers: { location: foreign! } });
    const error = await falError(gateway(emu).download(url!, never));
    expect(error.message).toContain(`redirect to another origin (${elsewhere.url})`);
    expect(elsewhere.requests.length).toBe(before);
  });

  test('WHEN the image redirects on its own origin THEN it is followed', async () => {
    const emu = await startFal();
    const [first, second] = await finishedImages(emu, 2);
    emu.failNext('image', { status: 302, headers: { location: new URL(second!).pathname } });
    const { contentType } = await gateway(emu).download(first!, never);
    expect(contentType).toBe('image/jpeg');
    expect(imageRequests(emu).map((r) => r.status)).toEqual([302, 200]);
  });

  test("WHEN an image streams past the channel's upload limit THEN it is refused at the limit", async () => {
    const emu = await startFal();
    const [url] = await finishedImages(emu);
    emu.failNext('image', { status: 200, stream: { bytes: 64 * MiB, contentType: 'image/png' } });
    const error = await falError(gateway(emu).download(url!, never, 1 * MiB));
    expect(error.message).toContain("larger than the channel's upload limit");
    expect(imageRequests(emu)[0]!.bytesSent).toBeLessThan(16 * MiB);
  });

  test('WHEN an image URL is plain http to a host not named in ALLOW_HTTP_HOSTS THEN nothing is fetched', async () => {
    const emu = await startFal();
    const [url] = await finishedImages(emu);
    const other = new URL(url!);
    other.hostname = 'localhost';
    const error = await falError(gateway(emu).download(other.toString(), never));
    expect(error.message).toContain('is not https');
    expect(imageRequests(emu)).toEqual([]);
  });

  test('WHEN 20 images are downloaded at once THEN at most the download bound run together', async () => {
    const emu = await startFal();
    const [url] = await finishedImages(emu);
    const fal = gateway(emu);
    const hold = emu.holdImages();
    const all = Promise.all(Array.from({ length: 20 }, () => fal.download(url!, never)));
    await hold.waitForHeld(DOWNLOAD_CONCURRENCY);
    // One more round trip: any download started alongside the first ones has arrived by now.
    await fetch(`${emu.url}/not-a-route`).then((response) => response.body?.cancel());
    expect(hold.held()).toBe(DOWNLOAD_CONCURRENCY);
    hold.release();
    expect(await all).toHaveLength(20);
    expect(emu.maxImagesInFlight).toBe(DOWNLOAD_CONCURRENCY);
  });
});
