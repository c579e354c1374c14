// Downloading a member's image from the Discord emulator's CDN (and tiny loopback hosts for what the
// CDN never does), over real HTTP: sniffed types, refusals the member can act on, nothing unbounded.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import jpeg from 'jpeg-js';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  downloadSourceImage,
  SourceImageError,
  type SourceRefusal,
  sniffImageType,
} from '../../src/fal/sourceImage.ts';
import { type DiscordEmulator, startDiscordEmulator } from '../emulators/discord/index.ts';
import { type FalOutput, startFalEmulator } from '../emulators/fal/index.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let jpegBytes: Buffer;
let pngBytes: Buffer;
let discord: DiscordEmulator;
const running: DiscordEmulator[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  const width = 32;
  const height = 16;
  const pixels = Buffer.alloc(width * height * 4, 0x80);
  jpegBytes = Buffer.from(jpeg.encode({ data: pixels, width, height }, 90).data);
  pngBytes = await falPng();
  discord = await startDiscordEmulator();
});
afterAll(() => discord.close());
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

/** A real PNG: one fal emulator text-to-image result. */
async function falPng(): Promise<Buffer> {
  const fal = await startFalEmulator();
  try {
    const headers = { authorization: `Key ${fal.key}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ prompt: 'a fox', seed: 1, output_format: 'png' });
    const submit = await fetch(`${fal.url}/fal-ai/flux-pro/kontext/text-to-image`, {
      method: 'POST',
      headers,
      body,
    });
    const { request_id, response_url } = (await submit.json()) as {
      request_id: string;
      response_url: string;
    };
    await fal.waitForJob((job) => job.requestId === request_id && job.status === 'COMPLETED');
    const output = (await (await fetch(response_url, { headers })).json()) as FalOutput;
    return Buffer.from(await (await fetch(output.images[0]!.url)).arrayBuffer());
  } finally {
    await fal.close();
  }
}

function attach(emu: DiscordEmulator, filename: string, contentType: string, data: Buffer) {
  const { url } = emu.ephemeralAttachment({ filename, contentType, data });
  return { url, allowHttpHosts: [new URL(url).host] };
}

const options = (allowHttpHosts: readonly string[], maxBytes = 1024 * 1024) => ({
  maxBytes,
  allowHttpHosts,
  fileName: 'source',
});

async function refusal(work: Promise<unknown>): Promise<SourceImageError> {
  const error: unknown = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SourceImageError);
  return error as SourceImageError;
}

/** A loopback host whose answers the test scripts; counts what reached it. */
async function host(
  handler: (req: IncomingMessage, res: ServerResponse, count: number) => void,
): Promise<{ url: string; hostPort: string; count: () => number }> {
  let count = 0;
  const server = createServer((req, res) => handler(req, res, ++count));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `http://${hostPort}/image`, hostPort, count: () => count };
}

describe('sniffImageType', () => {
  test('names JPEG, PNG, GIF and WebP by their bytes, nothing else', () => {
    expect(sniffImageType(jpegBytes)).toBe('image/jpeg');
    expect(sniffImageType(pngBytes)).toBe('image/png');
    expect(sniffImageType(Buffer.from('GIF89a\x01\x00'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('GIF87a\x01\x00'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt '))).toBeUndefined();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(sniffImageType(Buffer.from('<html>'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array(0))).toBeUndefined();
  });
});

describe('downloadSourceImage from the Discord CDN', () => {
  test('GIVEN a JPEG and a PNG attachment WHEN downloaded THEN bytes, sniffed type and sha256 match', async () => {
    for (const [data, type] of [
      [jpegBytes, 'image/jpeg'],
      [pngBytes, 'image/png'],
    ] as const) {
      // The declared type is wrong on purpose: the bytes decide.
      const { url, allowHttpHosts } = attach(discord, 'photo.bin', 'application/octet-stream', data);
      const image = await downloadSourceImage(url, { ...options(allowHttpHosts), fileName: 'photo.jpg' });
      expect(image.contentType).toBe(type);
      expect(image.sha256).toBe(sha256(data));
      expect(image.data.equals(data)).toBe(true);
      expect(image.fileName).toBe('photo.jpg');
    }
  });

  test('GIVEN a CDN that refuses bot-like User-Agents WHEN downloaded THEN it still serves us', async () => {
    const picky = await startDiscordEmulator({ cdn: { refuseBotUserAgents: true } });
    running.push(picky);
    const { url, allowHttpHosts } = attach(picky, 'photo.jpg', 'image/jpeg', jpegBytes);
    expect((await fetch(url)).status).toBe(403); // Node's own fetch is turned away
    const image = await downloadSourceImage(url, options(allowHttpHosts));
    expect(image.sha256).toBe(sha256(jpegBytes));
  });

  test('GIVEN expired attachment URLs WHEN downloaded THEN refusal expired', async () => {
    const emu = await startDiscordEmulator();
    running.push(emu);
    const { url, allowHttpHosts } = attach(emu, 'photo.jpg', 'image/jpeg', jpegBytes);
    emu.expireAttachmentUrls();
    const error = await refusal(downloadSourceImage(url, options(allowHttpHosts)));
    expect(error.refusal).toBe<SourceRefusal>('expired');
    expect(error.message).toMatch(/^That image's link has expired: /);
  });

  test('GIVEN an image over maxBytes WHEN downloaded THEN refusal too_large', async () => {
    const { url, allowHttpHosts } = attach(discord, 'photo.png', 'image/png', pngBytes);
    const error = await refusal(downloadSourceImage(url, options(allowHttpHosts, pngBytes.length - 1)));
    expect(error.refusal).toBe<SourceRefusal>('too_large');
    const exact = await downloadSourceImage(url, options(allowHttpHosts, pngBytes.length));
    expect(exact.data.length).toBe(pngBytes.length);
  });

  test('GIVEN text served as image/png WHEN downloaded THEN refusal not_image', async () => {
    const { url, allowHttpHosts } = attach(discord, 'a.png', 'image/png', Buffer.from('just some text\n'));
    const error = await refusal(downloadSourceImage(url, options(allowHttpHosts)));
    expect(error.refusal).toBe<SourceRefusal>('not_image');
  });
});

describe('downloadSourceImage from other hosts', () => {
  test('GIVEN no content-length and a body over maxBytes WHEN downloaded THEN too_large from the count', async () => {
    const source = await host((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' }); // chunked: no declared size
      res.write(jpegBytes.subarray(0, 3));
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(16 * 1024));
      res.end();
    });
    const error = await refusal(downloadSourceImage(source.url, options([source.hostPort], 256 * 1024)));
    expect(error.refusal).toBe<SourceRefusal>('too_large');
  });

  test('GIVEN a plain-http host not allowed WHEN downloaded THEN refused without contacting it', async () => {
    const source = await host((_req, res) => res.end(jpegBytes));
    const error = await refusal(downloadSourceImage(source.url, options([])));
    expect(error.refusal).toBe<SourceRefusal>('unreachable');
    expect(source.count()).toBe(0);
  });

  test('GIVEN a 503 once WHEN downloaded THEN the retry succeeds; 500 twice THEN unreachable', async () => {
    const flaky = await host((_req, res, count) =>
      count === 1 ? res.writeHead(503).end() : res.writeHead(200).end(jpegBytes),
    );
    const image = await downloadSourceImage(flaky.url, options([flaky.hostPort]));
    expect(image.contentType).toBe('image/jpeg');
    expect(flaky.count()).toBe(2);

    const down = await host((_req, res) => res.writeHead(500).end());
    const error = await refusal(downloadSourceImage(down.url, options([down.hostPort])));
    expect(error.refusal).toBe<SourceRefusal>('unreachable');
    expect(down.count()).toBe(2);
  });

  test('GIVEN a host that resets the connection WHEN downloaded THEN unreachable after one retry', async () => {
    const broken = await host((req) => req.socket.destroy());
    const error = await refusal(downloadSourceImage(broken.url, options([broken.hostPort])));
    expect(error.refusal).toBe<SourceRefusal>('unreachable');
    expect(broken.count()).toBe(2);
  });

  test('GIVEN a redirect to another origin WHEN downloaded THEN refused without following it', async () => {
    const elsewhere = await host((_req, res) => res.end(jpegBytes));
    const source = await host((_req, res) => res.writeHead(302, { location: elsewhere.url }).end());
    const error = await refusal(
      downloadSourceImage(source.url, options([source.hostPort, elsewhere.hostPort])),
    );
    expect(error.refusal).toBe<SourceRefusal>('unreachable');
    expect(elsewhere.count()).toBe(0);
  });

  test('GIVEN a slow host WHEN the timeout passes THEN unreachable', async () => {
    const stalled = await host(() => undefined); // never answers
    const error = await refusal(
      downloadSourceImage(stalled.url, { ...options([stalled.hostPort]), timeoutMs: 200 }),
    );
    expect(error.refusal).toBe<SourceRefusal>('unreachable');
  });
});
