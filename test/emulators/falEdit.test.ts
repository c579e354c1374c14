// Self-test of the fal emulator's edit endpoints and storage upload API, over HTTP and through the
// unmodified @fal-ai/client. Deterministic: it waits for emulator events (waitForJob), never sleeps.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFalClient } from '@fal-ai/client';
import { afterEach, describe, expect, test } from 'vitest';
import { decodeImage, type FalEmulator, type FalJob, type FalOutput, startFalEmulator } from './fal/index.ts';

const running: FalEmulator[] = [];
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

async function start(): Promise<FalEmulator> {
  const emu = await startFalEmulator();
  running.push(emu);
  return emu;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function call(emu: FalEmulator, method: string, url: string, body?: unknown, key: string | null = emu.key) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers.authorization = `Key ${key}`;
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  return fetch(url.startsWith('http') ? url : `${emu.url}${url}`, init);
}

interface FieldError {
  loc: (string | number)[];
  type: string;
  msg: string;
  input?: unknown;
}

async function submitOk(emu: FalEmulator, endpoint: string, body: unknown): Promise<string> {
  const res = await call(emu, 'POST', `/${endpoint}`, body);
  expect(res.status).toBe(200);
  const submitted = (await res.json()) as { request_id: string; response_url: string };
  expect(submitted.response_url).toBe(`${emu.url}/fal-ai/flux-pro/requests/${submitted.request_id}`);
  return submitted.request_id;
}

async function finished(emu: FalEmulator, id: string): Promise<{ job: FalJob; res: Response }> {
  const job = await emu.waitForJob((j) => j.requestId === id && j.status === 'COMPLETED');
  return { job, res: await call(emu, 'GET', `/fal-ai/flux-pro/requests/${id}`) };
}

/** Uploads through the HTTP flow @fal-ai/client uses; returns the file_url. */
async function upload(emu: FalEmulator, bytes: Uint8Array, type = 'image/jpeg'): Promise<string> {
  const init = await call(emu, 'POST', `${emu.restUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`, {
    content_type: type,
    file_name: 'source.jpg',
  });
  expect(init.status).toBe(200);
  const { upload_url, file_url } = (await init.json()) as { upload_url: string; file_url: string };
  const put = await fetch(upload_url, { method: 'PUT', body: bytes, headers: { 'content-type': type } });
  expect(put.status).toBe(200);
  return file_url;
}

/** A real JPEG: one text-to-image result's bytes. */
async function sourceImage(emu: FalEmulator): Promise<Buffer> {
  const id = await submitOk(emu, 'fal-ai/flux-pro/kontext/text-to-image', { prompt: 'a fox', seed: 1 });
  const { res } = await finished(emu, id);
  const output = (await res.json()) as FalOutput;
  return Buffer.from(await (await fetch(output.images[0]!.url)).arrayBuffer());
}

describe('edit endpoints: validation', () => {
  test('GIVEN no image_url WHEN submitting to kontext and kontext/max THEN 422 missing names it', async () => {
    const emu = await start();
    for (const endpoint of ['fal-ai/flux-pro/kontext', 'fal-ai/flux-pro/kontext/max']) {
      const res = await call(emu, 'POST', `/${endpoint}`, { prompt: 'give the fox a scarf' });
      expect(res.status).toBe(422);
      const { detail } = (await res.json()) as { detail: FieldError[] };
      expect(detail).toEqual([expect.objectContaining({ loc: ['body', 'image_url'], type: 'missing' })]);
    }
    expect(emu.jobs).toHaveLength(0);
  });

  test('image_url must be a string URL; the optional fields are checked as for text-to-image', async () => {
    const emu = await start();
    const bad = await call(emu, 'POST', '/fal-ai/flux-pro/kontext', {
      prompt: 'x',
      image_url: 42,
      safety_tolerance: 2,
      num_images: 5,
    });
    expect(bad.status).toBe(422);
    const types = ((await bad.json()) as { detail: FieldError[] }).detail.map((e) => [e.loc.at(-1), e.type]);
    expect(types).toEqual(
      expect.arrayContaining([
        ['image_url', 'string_type'],
        ['safety_tolerance', 'literal_error'],
        ['num_images', 'less_than_equal'],
      ]),
    );
    const notUrl = await call(emu, 'POST', '/fal-ai/flux-pro/kontext', { prompt: 'x', image_url: 'fox.jpg' });
    expect(((await notUrl.json()) as { detail: FieldError[] }).detail[0]!.type).toBe('url_parsing');
    const ftp = await call(emu, 'POST', '/fal-ai/flux-pro/kontext', {
      prompt: 'x',
      image_url: 'ftp://a/b.jpg',
    });
    expect(((await ftp.json()) as { detail: FieldError[] }).detail[0]!.type).toBe('url_scheme');
  });

  test('GIVEN empty or missing image_urls WHEN submitting to the multi endpoints THEN 422', async () => {
    const emu = await start();
    for (const endpoint of ['fal-ai/flux-pro/kontext/multi', 'fal-ai/flux-pro/kontext/max/multi']) {
      const empty = await call(emu, 'POST', `/${endpoint}`, { prompt: 'x', image_urls: [] });
      expect(empty.status).toBe(422);
      expect(((await empty.json()) as { detail: FieldError[] }).detail).toEqual([
        expect.objectContaining({ loc: ['body', 'image_urls'], type: 'too_short' }),
      ]);
      const missing = await call(emu, 'POST', `/${endpoint}`, { prompt: 'x' });
      expect(((await missing.json()) as { detail: FieldError[] }).detail[0]!.type).toBe('missing');
      const notList = await call(emu, 'POST', `/${endpoint}`, { prompt: 'x', image_urls: 'http://a/b' });
      expect(((await notList.json()) as { detail: FieldError[] }).detail[0]!.type).toBe('list_type');
      const badItem = await call(emu, 'POST', `/${endpoint}`, { prompt: 'x', image_urls: ['http://a/b', 7] });
      expect(((await badItem.json()) as { detail: FieldError[] }).detail).toEqual([
        expect.objectContaining({ loc: ['body', 'image_urls', 1], type: 'string_type' }),
      ]);
    }
  });

  test('status, result and cancel live under the app path, not the endpoint path', async () => {
    const emu = await start();
    const source = await sourceImage(emu);
    const id = await submitOk(emu, 'fal-ai/flux-pro/kontext/max', {
      prompt: 'x',
      image_url: `data:image/jpeg;base64,${source.toString('base64')}`,
    });
    await finished(emu, id);
    expect((await call(emu, 'GET', `/fal-ai/flux-pro/kontext/max/requests/${id}`)).status).toBe(404);
    expect((await call(emu, 'GET', `/fal-ai/flux-pro/requests/${id}/status`)).status).toBe(200);
  });
});

describe('edit runs fetch their inputs', () => {
  test('GIVEN an uploaded image WHEN edited THEN the job records the sha256 of those bytes', async () => {
    const emu = await start();
    const source = await sourceImage(emu);
    const fileUrl = await upload(emu, source);
    const id = await submitOk(emu, 'fal-ai/flux-pro/kontext', {
      prompt: 'add a scarf',
      image_url: fileUrl,
      seed: 7,
    });
    const { job, res } = await finished(emu, id);
    expect(res.status).toBe(200);
    expect(job.endpoint).toBe('fal-ai/flux-pro/kontext');
    expect(job.inputImages).toEqual([
      { url: fileUrl, sha256: sha256(source), bytes: source.length, contentType: 'image/jpeg' },
    ]);
    expect(emu.uploads[0]!.sha256).toBe(sha256(source));
    const output = (await res.json()) as FalOutput;
    const edited = Buffer.from(await (await fetch(output.images[0]!.url)).arrayBuffer());
    expect(decodeImage(edited).format).toBe('jpeg');
    expect(sha256(edited)).not.toBe(sha256(source));
  });

  test('GIVEN two edits chained THEN the second received the first result bytes, and outputs differ', async () => {
    const emu = await start();
    const source = await sourceImage(emu);
    const first = await submitOk(emu, 'fal-ai/flux-pro/kontext', {
      prompt: 'same words',
      seed: 3,
      image_url: await upload(emu, source),
    });
    const firstOut = (await (await finished(emu, first)).res.json()) as FalOutput;
    const firstUrl = firstOut.images[0]!.url;
    const firstBytes = Buffer.from(await (await fetch(firstUrl)).arrayBuffer());

    const second = await submitOk(emu, 'fal-ai/flux-pro/kontext', {
      prompt: 'same words',
      seed: 3,
      image_url: firstUrl,
    });
    const { job, res } = await finished(emu, second);
    expect(job.inputImages?.[0]?.sha256).toBe(sha256(firstBytes));
    const secondOut = (await res.json()) as FalOutput;
    const secondBytes = Buffer.from(await (await fetch(secondOut.images[0]!.url)).arrayBuffer());
    // Same seed and prompt, different source: the output follows the input.
    expect(sha256(secondBytes)).not.toBe(sha256(firstBytes));
  });

  test('multi fetches every URL in order, from another loopback host too', async () => {
    const emu = await start();
    const source = await sourceImage(emu);
    const png = await (async () => {
      const id = await submitOk(emu, 'fal-ai/flux-pro/kontext/text-to-image', {
        prompt: 'png',
        output_format: 'png',
        aspect_ratio: '16:9',
      });
      const out = (await (await finished(emu, id)).res.json()) as FalOutput;
      return Buffer.from(await (await fetch(out.images[0]!.url)).arrayBuffer());
    })();
    const cdn = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.end(png);
    });
    servers.push(cdn);
    await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', () => resolve()));
    const cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/attachments/1/2/cat.png`;
    const dataUri = `data:image/jpeg;base64,${source.toString('base64')}`;
    const id = await submitOk(emu, 'fal-ai/flux-pro/kontext/max/multi', {
      prompt: 'combine',
      image_urls: [cdnUrl, dataUri],
    });
    const { job, res } = await finished(emu, id);
    expect(res.status).toBe(200);
    expect(job.inputImages?.map((i) => [i.url, i.sha256])).toEqual([
      [cdnUrl, sha256(png)],
      [dataUri, sha256(source)],
    ]);
    // Without aspect_ratio the result keeps the first source's 16:9 shape.
    const out = (await res.json()) as FalOutput;
    expect(out.images[0]!.width).toBeGreaterThan(out.images[0]!.height);
  });

  test('GIVEN an image_url that 404s THEN the run fails with 422 file_download_error naming image_url', async () => {
    const emu = await start();
    const url = `${emu.url}/files/u/00000000-0000-0000-0000-000000000000/gone.jpg`;
    const id = await submitOk(emu, 'fal-ai/flux-pro/kontext', { prompt: 'x', image_url: url });
    const { res } = await finished(emu, id);
    expect(res.status).toBe(422);
    expect(res.headers.get('x-fal-retryable')).toBe('false');
    expect(((await res.json()) as { detail: FieldError[] }).detail).toEqual([
      expect.objectContaining({ loc: ['body', 'image_url'], type: 'file_download_error', input: url }),
    ]);
    const status = (await (await call(emu, 'GET', `/fal-ai/flux-pro/requests/${id}/status`)).json()) as {
      error_type?: string;
    };
    expect(status.error_type).toBe('file_download_error');
  });

  test('GIVEN a body that is not an image THEN the run fails with 422 image_load_error', async () => {
    const emu = await start();
    const fileUrl = await upload(emu, Buffer.from('<html>not an image</html>'), 'image/jpeg');
    const id = await submitOk(emu, 'fal-ai/flux-pro/kontext/multi', {
      prompt: 'x',
      image_urls: [fileUrl, 'data:text/plain,hello'],
    });
    const { job, res } = await finished(emu, id);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: FieldError[] }).detail).toEqual([
      expect.objectContaining({ loc: ['body', 'image_urls', 0], type: 'image_load_error' }),
    ]);
    expect(job.inputImages).toBeUndefined();
  });

  test('a host off loopback is never contacted: the run fails as undownloadable', async () => {
    const emu = await start();
    const id = await submitOk(emu, 'fal-ai/flux-pro/kontext', {
      prompt: 'x',
      image_url: 'https://cdn.discordapp.com/attachments/1/2/fox.png',
    });
    const { res } = await finished(emu, id);
    expect(((await res.json()) as { detail: FieldError[] }).detail[0]!.type).toBe('file_download_error');
  });
});

describe('storage upload API', () => {
  test('initiate needs the key (401) and content_type/file_name (422); the upload is capped (413)', async () => {
    const emu = await start();
    const initiate = `${emu.restUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`;
    const body = { content_type: 'image/png', file_name: 'a.png' };
    expect((await call(emu, 'POST', initiate, body, null)).status).toBe(401);
    expect((await call(emu, 'POST', initiate, body, 'wrong')).status).toBe(401);
    const missing = await call(emu, 'POST', initiate, { content_type: 'image/png' });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { detail: FieldError[] }).detail[0]!.loc).toEqual([
      'body',
      'file_name',
    ]);

    const { upload_url, file_url } = (await (await call(emu, 'POST', initiate, body)).json()) as {
      upload_url: string;
      file_url: string;
    };
    expect((await fetch(file_url)).status).toBe(404); // nothing there before the PUT
    const tooBig = await fetch(upload_url, { method: 'PUT', body: new Uint8Array(50 * 1024 * 1024 + 1) });
    expect(tooBig.status).toBe(413);
    expect(emu.uploads[0]!.data).toBeUndefined();
  });

  test('the official client uploads a Blob: initiate through requestMiddleware, PUT to upload_url', async () => {
    const emu = await start();
    const fal = createFalClient({
      credentials: emu.key,
      requestMiddleware: async (request) => ({
        ...request,
        url: request.url
          .replace('https://rest.fal.ai', emu.restUrl)
          .replace('https://queue.fal.run', emu.url),
      }),
    });
    const source = await sourceImage(emu);
    const url = await fal.storage.upload(new Blob([source], { type: 'image/jpeg' }), {
      lifecycle: { expiresIn: '1d' },
    });
    const [recorded] = emu.uploads;
    expect(recorded).toMatchObject({
      contentType: 'image/jpeg',
      storageType: 'fal-cdn-v3',
      lifecycle: { expiration_duration_seconds: 86400 },
      putContentType: 'image/jpeg',
      sha256: sha256(source),
      fileUrl: url,
    });
    const served = await fetch(url);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(sha256(source));
    const initiate = emu.requests.find((r) => r.path === '/rest/storage/upload/initiate');
    expect(initiate?.headers.authorization).toBe(`Key ${emu.key}`);
    const put = emu.requests.find((r) => r.method === 'PUT' && r.path.startsWith('/upload/'));
    expect(put?.headers.authorization).toBeUndefined(); // upload_url is signed: no key goes there

    // And the uploaded file can be edited through the client's queue API.
    const queued = await fal.queue.submit('fal-ai/flux-pro/kontext', {
      input: { prompt: 'scarf', image_url: url },
    });
    const job = await emu.waitForJob((j) => j.requestId === queued.request_id && j.status === 'COMPLETED');
    expect(job.inputImages?.[0]?.sha256).toBe(sha256(source));
    const result = await fal.queue.result('fal-ai/flux-pro/kontext', { requestId: queued.request_id });
    expect((result.data as FalOutput).images).toHaveLength(1);
  });
});
