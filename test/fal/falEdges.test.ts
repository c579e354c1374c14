// Cases the emulator cannot stage (a server that never answers, an oversized image, an SSE stream cut
// into odd pieces), against a tiny loopback server scripted per test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createFalGateway } from '../../src/fal/falClient.ts';
import { FAST_RETRY, falError, input, never } from './falTestKit.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function scripted(handler: Handler): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res, seen.length - 1);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const submitted = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ request_id: 'req-1', status: 'IN_QUEUE', queue_position: 0 }));
};

describe('GIVEN a server that does not answer in time', () => {
  test('WHEN one result attempt stalls THEN it times out and the next attempt succeeds', async () => {
    const output = { images: [{ url: 'https://fal.media/a.jpeg' }], seed: 1 };
    const fal = await scripted((_req, res, index) => {
      if (index === 0) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(output));
    });
    const gateway = createFalGateway({
      key: 'k',
      queueUrl: fal.url,
      retry: { ...FAST_RETRY, attemptTimeoutMs: 50 },
    });
    expect((await gateway.result('req-1')).seed).toBe(1);
    expect(fal.seen).toHaveLength(2);
  });

  test('WHEN a submit stalls after it was sent THEN it is not sent again and fails as uncertain', async () => {
    const fal = await scripted((_req, res, index) => (index === 0 ? undefined : submitted(res)));
    const retry = { ...FAST_RETRY, attemptTimeoutMs: 30, maxAttempts: 2 };
    const error = await falError(createFalGateway({ key: 'k', queueUrl: fal.url, retry }).submit(input()));
    expect(error.kind).toBe('uncertain');
    expect(error.message).toContain('may bill it');
    expect(fal.seen).toHaveLength(1);
  });

  test('WHEN nothing listens THEN it gives up as a network error', async () => {
    const fal = await scripted(() => undefined);
    const [server] = servers.splice(0);
    await new Promise((resolve) => server!.close(resolve));
    const retry = { ...FAST_RETRY, maxAttempts: 2 };
    const error = await falError(createFalGateway({ key: 'k', queueUrl: fal.url, retry }).submit(input()));
    // Nothing was sent, so even the submit is tried again.
    expect(error.message).toContain('gave up after 2 attempts');
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('GIVEN odd answers', () => {
  test('WHEN an image is larger than the limit THEN the download fails without retry', async () => {
    const host = await scripted((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(60 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    });
    const gateway = createFalGateway({
      key: 'k',
      queueUrl: host.url,
      retry: FAST_RETRY,
      allowHttpHosts: [new URL(host.url).host],
    });
    const error = await falError(gateway.download(`${host.url}/files/big.png`, never, 50 * 1024 * 1024));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('larger than');
    expect(host.seen).toHaveLength(1);
  });

  test('WHEN the status stream comes in CRLF pieces with comments and multi-line data THEN it completes', async () => {
    const statuses: unknown[] = [];
    const accepts: (string | undefined)[] = [];
    const fal = await scripted((req, res) => {
      accepts.push(req.headers.accept);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const body =
        ': keep-alive\r\n\r\ndata: {"status":"IN_QUEUE",\r\ndata: "queue_position":1}\r\n\r\n' +
        'data: {"status":"IN_PROGRESS"}\r\n\r\ndata: {"status":"COMPLETED"}\r\n\r\n';
      const pieces = body.match(/[\s\S]{1,7}/g) ?? [];
      for (const piece of pieces) res.write(piece);
      // Left open on purpose: the wait must end on the COMPLETED event, not on the stream's end.
    });
    const gateway = createFalGateway({ key: 'k', queueUrl: fal.url, retry: FAST_RETRY });
    await gateway.waitForCompletion('req-1', (status) => statuses.push(status), never);
    expect(statuses).toEqual([
      { status: 'IN_QUEUE', queuePosition: 1 },
      { status: 'IN_PROGRESS' },
      { status: 'COMPLETED' },
    ]);
    expect(fal.seen).toEqual(['GET /fal-ai/flux-pro/requests/req-1/status/stream']);
    expect(accepts).toEqual(['text/event-stream']);
  });
});
