// Self-test of the fal queue emulator, through plain fetch and through the unmodified @fal-ai/client.
// Deterministic: it waits for emulator events (waitForJob, stream events, pause/resume), never sleeps.
import { ApiError, createFalClient, ValidationError } from '@fal-ai/client';
import { afterEach, describe, expect, test } from 'vitest';
import {
  ASPECT_RATIOS,
  decodeImage,
  type FalEmulator,
  type FalEmulatorOptions,
  type FalOutput,
  imageDimensions,
  startFalEmulator,
} from './fal/index.ts';

const ENDPOINT = 'fal-ai/flux-pro/kontext/text-to-image';
const running: FalEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
});

async function start(options?: FalEmulatorOptions): Promise<FalEmulator> {
  const emu = await startFalEmulator(options);
  running.push(emu);
  return emu;
}

function falClient(emu: FalEmulator, credentials = emu.key) {
  return createFalClient({
    credentials,
    requestMiddleware: async (request) => ({
      ...request,
      url: request.url.replace('https://queue.fal.run', emu.url),
    }),
  });
}

function call(emu: FalEmulator, method: string, path: string, body?: unknown, key: string | null = emu.key) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers.authorization = `Key ${key}`;
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${emu.url}${path}`, init);
}

const submit = (emu: FalEmulator, body: unknown, key?: string | null) =>
  call(emu, 'POST', `/${ENDPOINT}`, body, key);

interface Submitted {
  request_id: string;
  response_url: string;
  status_url: string;
  cancel_url: string;
  status: string;
  queue_position: number;
}

async function submitOk(emu: FalEmulator, body: unknown): Promise<Submitted> {
  const res = await submit(emu, body);
  expect(res.status).toBe(200);
  return (await res.json()) as Submitted;
}

async function completedOutput(emu: FalEmulator, id: string): Promise<FalOutput> {
  await emu.waitForJob((job) => job.requestId === id && job.status === 'COMPLETED');
  const res = await call(emu, 'GET', `/fal-ai/flux-pro/requests/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as FalOutput;
}

async function download(url: string): Promise<{ bytes: Buffer; type: string | null }> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
  return { bytes, type: res.headers.get('content-type') };
}

describe('happy path', () => {
  test('every aspect ratio and format gives decodable images of the announced size', async () => {
    const emu = await start();
    for (const format of ['jpeg', 'png'] as const) {
      for (const aspect_ratio of ASPECT_RATIOS) {
        const queued = await submitOk(emu, {
          prompt: `a ${aspect_ratio} fox`,
          aspect_ratio,
          output_format: format,
        });
        expect(queued.status).toBe('IN_QUEUE');
        expect(queued.status_url).toBe(`${emu.url}/fal-ai/flux-pro/requests/${queued.request_id}/status`);
        const output = await completedOutput(emu, queued.request_id);
        const [image] = output.images;
        const expected = imageDimensions(aspect_ratio, 128);
        expect(image).toMatchObject({ ...expected, content_type: `image/${format}` });
        expect(Math.max(expected.width, expected.height)).toBe(128);
        expect((expected.width % 16) + (expected.height % 16)).toBe(0);
        const [w = 0, h = 0] = aspect_ratio.split(':').map(Number);
        expect(Math.abs(expected.width / expected.height / (w / h) - 1)).toBeLessThan(0.2);
        const { bytes, type } = await download(image!.url);
        expect(type).toBe(`image/${format}`);
        expect(decodeImage(bytes)).toMatchObject({ ...expected, format });
      }
    }
  });

  test('the real client: submit, status, streamStatus, result with several images', async () => {
    const emu = await start({ generationMs: 30 });
    const fal = falClient(emu);
    const queued = await fal.queue.submit(ENDPOINT, {
      input: { prompt: 'three lemons', num_images: 3, seed: 7, output_format: 'png', safety_tolerance: '2' },
    });
    expect(queued.status).toBe('IN_QUEUE');
    const requestId = queued.request_id;
    const status = await fal.queue.status(ENDPOINT, { requestId, logs: true });
    expect(['IN_QUEUE', 'IN_PROGRESS']).toContain(status.status);
    const stream = await fal.queue.streamStatus(ENDPOINT, { requestId });
    const seen: string[] = [];
    for await (const event of stream) seen.push(event.status);
    expect(seen.at(-1)).toBe('COMPLETED');
    const done = await fal.queue.status(ENDPOINT, { requestId, logs: true });
    expect(done).toMatchObject({ status: 'COMPLETED', metrics: { inference_time: expect.any(Number) } });
    if (done.status !== 'COMPLETED') throw new Error('expected COMPLETED');
    expect(done.logs.map((log) => log.message)).toEqual(['Queued', 'Generating', 'Run finished']);

    const result = await fal.queue.result(ENDPOINT, { requestId });
    expect(result.requestId).toBe(requestId);
    expect(result.data).toMatchObject({
      seed: 7,
      prompt: 'three lemons',
      has_nsfw_concepts: [false, false, false],
    });
    const images = await Promise.all(result.data.images.map((image) => download(image.url)));
    for (const { bytes } of images) expect(decodeImage(bytes)).toMatchObject({ width: 128, height: 128 });
    expect(images[0]!.bytes.equals(images[1]!.bytes)).toBe(false);
    expect(emu.requests.find((r) => r.path === `/${ENDPOINT}`)?.headers.authorization).toBe(`Key ${emu.key}`);
  });

  test('nsfw flag, sync_mode data URIs, unknown fields ignored, null seed accepted', async () => {
    const emu = await start({ nsfw: (input, index) => input.prompt.includes('nsfw-test') && index === 1 });
    const queued = await submitOk(emu, { prompt: 'nsfw-test', num_images: 2, seed: null, colour: 'red' });
    expect((await completedOutput(emu, queued.request_id)).has_nsfw_concepts).toEqual([false, true]);
    const sync = await submitOk(emu, { prompt: 'inline', sync_mode: true });
    const [image] = (await completedOutput(emu, sync.request_id)).images;
    expect(image!.url.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(decodeImage(Buffer.from(image!.url.split(',')[1]!, 'base64')).format).toBe('jpeg');
  });

  test('a result asked for too early answers 400, as fal does', async () => {
    const emu = await start();
    emu.pause();
    const { request_id } = await submitOk(emu, { prompt: 'slow' });
    const res = await call(emu, 'GET', `/fal-ai/flux-pro/requests/${request_id}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ detail: 'Request is still in progress' });
    await expect(falClient(emu).queue.result(ENDPOINT, { requestId: request_id })).rejects.toMatchObject({
      status: 400,
    });
    const unknown = await call(
      emu,
      'GET',
      '/fal-ai/flux-pro/requests/00000000-0000-0000-0000-000000000000/status',
    );
    expect(unknown.status).toBe(404);
  });
});

describe('validation (422 like the pydantic endpoint)', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['missing prompt', { prompt: undefined }, 'prompt', 'missing'],
    ['prompt not a string', { prompt: 42 }, 'prompt', 'string_type'],
    ['empty prompt', { prompt: '' }, 'prompt', 'string_too_short'],
    ['fractional seed', { seed: 1.5 }, 'seed', 'int_from_float'],
    ['string seed', { seed: 'x' }, 'seed', 'int_type'],
    ['guidance too low', { guidance_scale: 0.5 }, 'guidance_scale', 'greater_than_equal'],
    ['guidance too high', { guidance_scale: 21 }, 'guidance_scale', 'less_than_equal'],
    ['guidance not a number', { guidance_scale: 'high' }, 'guidance_scale', 'float_type'],
    ['zero images', { num_images: 0 }, 'num_images', 'greater_than_equal'],
    ['five images', { num_images: 5 }, 'num_images', 'less_than_equal'],
    ['webp', { output_format: 'webp' }, 'output_format', 'literal_error'],
    ['integer safety tolerance', { safety_tolerance: 2 }, 'safety_tolerance', 'literal_error'],
    ['safety tolerance 7', { safety_tolerance: '7' }, 'safety_tolerance', 'literal_error'],
    ['enhance_prompt string', { enhance_prompt: 'yes' }, 'enhance_prompt', 'bool_type'],
    ['sync_mode number', { sync_mode: 1 }, 'sync_mode', 'bool_type'],
    ['aspect ratio 5:4', { aspect_ratio: '5:4' }, 'aspect_ratio', 'literal_error'],
  ];
  test.each(cases)('%s', async (_name, fields, field, type) => {
    const emu = await start();
    const res = await submit(emu, { prompt: 'ok', ...fields });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: { loc: string[]; type: string; msg: string }[] };
    expect(body.detail).toHaveLength(1);
    expect(body.detail[0]).toMatchObject({ loc: ['body', field], type, msg: expect.any(String) });
    expect(emu.jobs).toHaveLength(0);
  });

  test('every bad field is listed; invalid JSON is refused; the client raises ValidationError', async () => {
    const emu = await start();
    const res = await submit(emu, { prompt: '', num_images: 9, safety_tolerance: 3, aspect_ratio: '1:2' });
    const body = (await res.json()) as { detail: { loc: string[] }[] };
    expect(body.detail.map((error) => error.loc[1])).toEqual([
      'prompt',
      'num_images',
      'safety_tolerance',
      'aspect_ratio',
    ]);
    const broken = await submit(emu, '{"prompt": ');
    expect(broken.status).toBe(422);
    expect(await broken.json()).toMatchObject({ detail: [{ loc: ['body'], type: 'json_invalid' }] });

    const untyped: string = ENDPOINT; // the client's endpoint types would refuse the bad input at compile time
    const error: unknown = await falClient(emu)
      .queue.submit(untyped, { input: { prompt: 'x', safety_tolerance: 2 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).getFieldErrors('safety_tolerance')[0]?.type).toBe('literal_error');
  });
});

describe('auth', () => {
  test('401 for a missing, malformed or wrong key on every queue route; images need none', async () => {
    const emu = await start({ key: 'right' });
    const { request_id } = await submitOk(emu, { prompt: 'auth' });
    const base = `/fal-ai/flux-pro/requests/${request_id}`;
    for (const [method, path] of [
      ['POST', `/${ENDPOINT}`],
      ['GET', `${base}/status`],
      ['GET', `${base}/status/stream`],
      ['GET', base],
      ['PUT', `${base}/cancel`],
    ] as const) {
      for (const key of [null, 'wrong']) {
        const res = await call(emu, method, path, method === 'POST' ? { prompt: 'x' } : undefined, key);
        expect(res.status, `${method} ${path} key=${key}`).toBe(401);
        expect(await res.json()).toEqual({ detail: 'Invalid key' });
      }
    }
    const bearer = await fetch(`${emu.url}${base}/status`, { headers: { authorization: 'Bearer right' } });
    expect(bearer.status).toBe(401);
    const error: unknown = await falClient(emu, 'wrong')
      .queue.status(ENDPOINT, { requestId: request_id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError<unknown>).status).toBe(401);
    const [image] = (await completedOutput(emu, request_id)).images;
    expect((await fetch(image!.url)).status).toBe(200);
  });
});

describe('seeds', () => {
  test('same seed and prompt give the same bytes; another seed other pixels; no seed reports one', async () => {
    const emu = await start();
    const bytesOf = async (input: Record<string, unknown>) => {
      const { request_id } = await submitOk(emu, input);
      const output = await completedOutput(emu, request_id);
      return { output, bytes: (await download(output.images[0]!.url)).bytes };
    };
    for (const output_format of ['jpeg', 'png']) {
      const a = await bytesOf({ prompt: 'a red kite', seed: 42, output_format });
      const b = await bytesOf({ prompt: 'a red kite', seed: 42, output_format });
      const c = await bytesOf({ prompt: 'a red kite', seed: 43, output_format });
      expect(a.output.seed).toBe(42);
      expect(a.bytes.equals(b.bytes)).toBe(true);
      expect(a.bytes.equals(c.bytes)).toBe(false);
      expect(Buffer.from(decodeImage(a.bytes).data).equals(Buffer.from(decodeImage(c.bytes).data))).toBe(
        false,
      );
    }
    const random = await bytesOf({ prompt: 'a red kite' });
    expect(Number.isInteger(random.output.seed)).toBe(true);
    expect(random.output.seed).toBeGreaterThanOrEqual(0);
    expect(random.output.seed).toBeLessThan(2 ** 32);
    expect(emu.jobs.at(-1)?.seed).toBe(random.output.seed);
    const replay = await bytesOf({ prompt: 'a red kite', seed: random.output.seed });
    expect(replay.bytes.equals(random.bytes)).toBe(true);
  });

  test('long side 1024 gives realistic sizes', async () => {
    const emu = await start({ imageLongSide: 1024 });
    for (const [output_format, min, max] of [
      ['jpeg', 150_000, 600_000],
      ['png', 1_000_000, 2_500_000],
    ] as const) {
      const { request_id } = await submitOk(emu, { prompt: 'big', output_format });
      const { bytes } = await download((await completedOutput(emu, request_id)).images[0]!.url);
      expect(bytes.length).toBeGreaterThan(min);
      expect(bytes.length).toBeLessThan(max);
      expect(decodeImage(bytes)).toMatchObject({ width: 1024, height: 1024 });
    }
  });
});

describe('queue', () => {
  test('concurrency 2 with 5 jobs: queue positions reported, never more than 2 in flight', async () => {
    const emu = await start({ concurrency: 2, generationMs: 30 });
    const fal = falClient(emu);
    emu.pause();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const queued = await fal.queue.submit(ENDPOINT, { input: { prompt: `job ${i}` } });
      expect(queued.queue_position).toBe(i);
      ids.push(queued.request_id);
    }
    const last = await fal.queue.streamStatus(ENDPOINT, { requestId: ids[4]! });
    const events = last[Symbol.asyncIterator]();
    expect((await events.next()).value).toMatchObject({ status: 'IN_QUEUE', queue_position: 4 });

    emu.resume(); // the two held starts run now, synchronously...
    emu.pause(); // ...and their completions are held
    expect(emu.inFlight()).toBe(2);
    for (const [index, id] of ids.entries()) {
      const status = await fal.queue.status(ENDPOINT, { requestId: id });
      if (index < 2) expect(status.status).toBe('IN_PROGRESS');
      else expect(status).toMatchObject({ status: 'IN_QUEUE', queue_position: index - 2 });
    }
    emu.resume();
    const positions: number[] = [4];
    const statuses: string[] = [];
    for (let next = await events.next(); !next.done; next = await events.next()) {
      statuses.push(next.value.status);
      if (next.value.status === 'IN_QUEUE') positions.push(next.value.queue_position);
    }
    // Moves within one tick are coalesced into one event, so only these points are certain.
    expect(positions[0]).toBe(4);
    expect(positions).toContain(2);
    expect(positions.at(-1)).toBe(0);
    expect([...positions].sort((a, b) => b - a)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    expect(statuses.slice(-2)).toEqual(['IN_PROGRESS', 'COMPLETED']);
    await Promise.all(
      ids.map((id) => emu.waitForJob((job) => job.requestId === id && job.status === 'COMPLETED')),
    );
    expect(emu.maxInFlight).toBe(2);
    expect(emu.inFlight()).toBe(0);
    const starts = emu.jobs.map((job) => job.startedAt!);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  test('500 concurrent status streams through the client', async () => {
    const emu = await start({ generationMs: 50 });
    const fal = falClient(emu);
    emu.pause();
    const ids = await Promise.all(
      Array.from({ length: 500 }, async (_, i) => (await submitOk(emu, { prompt: `crowd ${i}` })).request_id),
    );
    const streams = await Promise.all(
      ids.map((requestId) => fal.queue.streamStatus(ENDPOINT, { requestId })),
    );
    // Every stream has its first event before anything moves, so all 500 are open at once.
    await Promise.all(
      streams.map((stream) => new Promise<void>((resolve) => stream.on('data', () => resolve()))),
    );
    emu.resume();
    const finals = await Promise.all(streams.map((stream) => stream.done()));
    expect(finals.every((status) => status.status === 'COMPLETED')).toBe(true);
    expect(emu.maxInFlight).toBe(500);
  });

  test('waitForJob sees past states and times out', async () => {
    const emu = await start();
    const { request_id } = await submitOk(emu, { prompt: 'past' });
    await emu.waitForJob((job) => job.requestId === request_id && job.status === 'COMPLETED');
    const job = await emu.waitForJob((j) => j.requestId === request_id && j.status === 'IN_PROGRESS');
    expect(job.status).toBe('COMPLETED');
    await expect(emu.waitForJob(() => false, 10)).rejects.toThrow(/no fal job matched/);
  });
});

describe('cancel', () => {
  test('queued requests are removed, running ones finish and refuse their result', async () => {
    const emu = await start({ concurrency: 1 });
    const fal = falClient(emu);
    const first = await fal.queue.submit(ENDPOINT, { input: { prompt: 'running' } });
    await emu.waitForJob((job) => job.requestId === first.request_id && job.status === 'IN_PROGRESS');
    emu.pause();
    const second = await fal.queue.submit(ENDPOINT, { input: { prompt: 'queued' } });
    expect(second.queue_position).toBe(0);

    await fal.queue.cancel(ENDPOINT, { requestId: second.request_id });
    const removed = await fal.queue.status(ENDPOINT, { requestId: second.request_id });
    expect(removed).toMatchObject({ status: 'COMPLETED', error: 'Request was cancelled' });
    const refused = await call(emu, 'GET', `/fal-ai/flux-pro/requests/${second.request_id}`);
    expect(refused.status).toBe(400);

    const cancel = await call(emu, 'PUT', `/fal-ai/flux-pro/requests/${first.request_id}/cancel`);
    expect(cancel.status).toBe(202);
    expect(await cancel.json()).toEqual({ status: 'CANCELLATION_REQUESTED' });
    expect(emu.jobs[0]).toMatchObject({ canceled: true, status: 'IN_PROGRESS' });
    emu.resume();
    await emu.waitForJob((job) => job.requestId === first.request_id && job.status === 'COMPLETED');
    const result: unknown = await fal.queue
      .result(ENDPOINT, { requestId: first.request_id })
      .catch((e: unknown) => e);
    expect(result).toMatchObject({ status: 400, body: { detail: 'Request was cancelled' } });

    const late = await call(emu, 'PUT', `/fal-ai/flux-pro/requests/${first.request_id}/cancel`);
    expect(late.status).toBe(400);
    expect(await late.json()).toEqual({ status: 'ALREADY_COMPLETED' });
    const unknown = await call(emu, 'PUT', '/fal-ai/flux-pro/requests/nope/cancel');
    expect(unknown.status).toBe(404);
  });

  test('a request canceled while paused never starts, and the queue carries on', async () => {
    const emu = await start();
    emu.pause();
    const held = await submitOk(emu, { prompt: 'held' });
    const other = await submitOk(emu, { prompt: 'other' });
    expect((await call(emu, 'PUT', `/fal-ai/flux-pro/requests/${held.request_id}/cancel`)).status).toBe(202);
    emu.resume();
    await completedOutput(emu, other.request_id);
    expect(emu.jobs[0]).toMatchObject({ status: 'COMPLETED', canceled: true });
    expect(emu.jobs[0]?.startedAt).toBeUndefined();
    expect(emu.maxInFlight).toBe(1);
  });
});

describe('fault injection', () => {
  test('failNext answers once per time, then the route works again', async () => {
    const emu = await start();
    emu.failNext(
      'submit',
      { status: 429, body: { detail: 'slow down' }, headers: { 'retry-after': '2' } },
      2,
    );
    for (let i = 0; i < 2; i++) {
      const res = await submit(emu, { prompt: 'x' });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
    }
    const { request_id } = await submitOk(emu, { prompt: 'x' });
    emu.failNext('status', { status: 500 });
    const failed = await call(emu, 'GET', `/fal-ai/flux-pro/requests/${request_id}/status`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ detail: 'Emulated failure' });
    expect((await call(emu, 'GET', `/fal-ai/flux-pro/requests/${request_id}/status`)).status).toBe(200);

    await emu.waitForJob((job) => job.requestId === request_id && job.status === 'COMPLETED');
    emu.failNext('result', 'reset');
    await expect(call(emu, 'GET', `/fal-ai/flux-pro/requests/${request_id}`)).rejects.toThrow(/fetch failed/);
    await expect(call(emu, 'GET', `/fal-ai/flux-pro/requests/${request_id}`)).resolves.toHaveProperty(
      'status',
      200,
    );
    const resets = emu.requests.filter(
      (r) => r.path === `/fal-ai/flux-pro/requests/${request_id}` && r.status === 0,
    );
    expect(resets).toHaveLength(1);

    const [image] = (await completedOutput(emu, request_id)).images;
    emu.failNext('image', { status: 503 });
    expect((await fetch(image!.url)).status).toBe(503);
    expect((await fetch(image!.url)).status).toBe(200);
    emu.failNext('cancel', 'reset');
    await expect(call(emu, 'PUT', `/fal-ai/flux-pro/requests/${request_id}/cancel`)).rejects.toThrow();
  });

  test('the client retries a 500 on status and a reset on result by itself (about 1 s each)', async () => {
    const emu = await start();
    const fal = falClient(emu);
    const { request_id: requestId } = await fal.queue.submit(ENDPOINT, { input: { prompt: 'retry' } });
    await emu.waitForJob((job) => job.requestId === requestId && job.status === 'COMPLETED');
    emu.failNext('status', { status: 500 });
    expect((await fal.queue.status(ENDPOINT, { requestId })).status).toBe('COMPLETED');
    emu.failNext('result', 'reset');
    expect((await fal.queue.result(ENDPOINT, { requestId })).data.images).toHaveLength(1);
    const statuses = (path: string) => emu.requests.filter((r) => r.path === path).map((r) => r.status);
    expect(statuses(`/fal-ai/flux-pro/requests/${requestId}/status`)).toEqual([500, 200]);
    expect(statuses(`/fal-ai/flux-pro/requests/${requestId}`)).toEqual([0, 200]);
  });

  test('failNextRun: the run completes, its result is a 422 content_policy_violation', async () => {
    const emu = await start();
    const fal = falClient(emu);
    const detail = [
      {
        loc: ['body', 'prompt'],
        msg: 'The content could not be processed',
        type: 'content_policy_violation',
      },
    ];
    emu.failNextRun({ status: 422, body: { detail } });
    const { request_id: requestId } = await fal.queue.submit(ENDPOINT, { input: { prompt: 'forbidden' } });
    const final = await (await fal.queue.streamStatus(ENDPOINT, { requestId })).done();
    expect(final).toMatchObject({ status: 'COMPLETED', error_type: 'content_policy_violation' });
    const error: unknown = await fal.queue.result(ENDPOINT, { requestId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors[0]?.type).toBe('content_policy_violation');
    const raw = await call(emu, 'GET', `/fal-ai/flux-pro/requests/${requestId}`);
    expect(raw.headers.get('x-fal-retryable')).toBe('false');
    expect(emu.jobs[0]?.error).toEqual({ status: 422, body: { detail } });
    const next = await submitOk(emu, { prompt: 'fine' });
    expect((await completedOutput(emu, next.request_id)).images).toHaveLength(1);
  });
});

describe('close', () => {
  test('ends open status streams and pending waits', async () => {
    const emu = await startFalEmulator();
    emu.pause();
    const { request_id: requestId } = await submitOk(emu, { prompt: 'open' });
    const stream = await falClient(emu).queue.streamStatus(ENDPOINT, { requestId });
    await new Promise<void>((resolve) => stream.on('data', () => resolve()));
    const waiting = emu.waitForJob(() => false).catch((error: unknown) => error);
    await emu.close();
    await expect(stream.done()).resolves.toMatchObject({ status: 'IN_QUEUE' });
    expect(String(await waiting)).toMatch(/closed/);
  });
});
