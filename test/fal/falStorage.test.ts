// The bot's fal storage upload against the fal emulator, over real loopback HTTP: the protocol
// @fal-ai/client 1.10 speaks (initiate with key + lifecycle, keyless PUT to the signed upload_url).
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createFalStorage, type FalStorage, UPLOAD_LIFETIME_SECONDS } from '../../src/fal/falStorage.ts';
import type { FalEmulator } from '../emulators/fal/index.ts';
import { FAST_RETRY, falError, startFal } from './falTestKit.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const file = (data = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])) => ({
  data,
  contentType: 'image/jpeg',
  fileName: 'source.jpg',
});

function storage(emu: FalEmulator, key = emu.key): FalStorage {
  return createFalStorage({ key, restUrl: emu.restUrl, retry: FAST_RETRY });
}

/** A stand-in for the signed upload host: records what each PUT carried. */
async function uploadHost(): Promise<{
  url: string;
  seen: { headers: IncomingHttpHeaders; body: Buffer }[];
}> {
  const seen: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/signed?sig=1`, seen };
}

describe('fal storage upload', () => {
  test('GIVEN bytes WHEN uploaded THEN file_url serves them and initiate carried key, name, type and lifecycle', async () => {
    const emu = await startFal();
    const source = file();
    const url = await storage(emu).upload(source);

    const [recorded] = emu.uploads;
    expect(recorded).toMatchObject({
      fileName: 'source.jpg',
      contentType: 'image/jpeg',
      storageType: 'fal-cdn-v3',
      lifecycle: { expiration_duration_seconds: UPLOAD_LIFETIME_SECONDS },
      putContentType: 'image/jpeg',
      sha256: sha256(source.data),
      fileUrl: url,
    });
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(source.data);

    const initiate = emu.requests.find((r) => r.path === '/rest/storage/upload/initiate');
    expect(initiate?.headers.authorization).toBe(`Key ${emu.key}`);
    const put = emu.requests.find((r) => r.method === 'PUT' && r.path.startsWith('/upload/'));
    expect(put).toBeDefined();
    expect(put?.headers.authorization).toBeUndefined();
  });

  test('GIVEN a wrong key WHEN uploading THEN FalError auth and nothing initiated', async () => {
    const emu = await startFal();
    const error = await falError(storage(emu, 'wrong').upload(file()));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(emu.uploads).toHaveLength(0);
  });

  test('GIVEN initiate fails with 500 once WHEN uploading THEN it is retried and succeeds', async () => {
    const emu = await startFal();
    emu.failNext('storage-initiate', { status: 500 });
    const url = await storage(emu).upload(file());
    expect(emu.requests.filter((r) => r.path === '/rest/storage/upload/initiate')).toHaveLength(2);
    expect((await fetch(url)).status).toBe(200);
  });

  test('GIVEN the PUT is reset once WHEN uploading THEN it is sent again to the same URL', async () => {
    const emu = await startFal();
    emu.failNext('storage-upload', 'reset');
    const source = file();
    const url = await storage(emu).upload(source);
    const puts = emu.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/upload/'));
    expect(puts).toHaveLength(2);
    expect(new Set(puts.map((r) => r.path)).size).toBe(1);
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(source.data);
  });

  test('GIVEN upload_url on another host WHEN uploading THEN the PUT there carries bytes and type, never the key', async () => {
    const emu = await startFal();
    const host = await uploadHost();
    const fileUrl = 'https://v3.fal.media/files/x/source.jpg';
    emu.failNext('storage-initiate', { status: 200, body: { upload_url: host.url, file_url: fileUrl } });
    const source = file();
    expect(await storage(emu).upload(source)).toBe(fileUrl);
    expect(host.seen).toHaveLength(1);
    expect(host.seen[0]!.headers.authorization).toBeUndefined();
    expect(host.seen[0]!.headers['content-type']).toBe('image/jpeg');
    expect(JSON.stringify(host.seen[0]!.headers)).not.toContain(emu.key);
    expect(host.seen[0]!.body).toEqual(source.data);
  });

  test('GIVEN initiate answers without usable URLs WHEN uploading THEN FalError server, nothing PUT', async () => {
    const emu = await startFal();
    const bad = [{ upload_url: 'ftp://x/y', file_url: 'https://x/y' }, { upload_url: 'https://x/y' }, []];
    for (const body of bad) {
      emu.failNext('storage-initiate', { status: 200, body });
      const error = await falError(storage(emu).upload(file()));
      expect(error.kind).toBe('server');
    }
    expect(emu.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });
});
