import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { type DiscordEmulator, startDiscordEmulator } from './discord/index.ts';

let emu: DiscordEmulator;
beforeEach(async () => {
  emu = await startDiscordEmulator();
});
afterEach(() => emu.close());

const ME = '/users/@me';
const onMe = (method: string, route: string) => method === 'GET' && route === ME;
const getMe = () => fetch(`${emu.apiUrl}/v10${ME}`, { headers: { authorization: `Bot ${emu.token}` } });

describe('GIVEN rateLimitNext', () => {
  test('WHEN the scope is user THEN the 429 carries the body and headers Discord documents', async () => {
    emu.rateLimitNext(onMe, { scope: 'user', retryAfterMs: 1250 });
    const before = Date.now() / 1000;
    const res = await getMe();
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({
      message: 'You are being rate limited.',
      retry_after: 1.25,
      global: false,
    });
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('x-ratelimit-limit')).toBe('5');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-reset-after')).toBe('1.250');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(before + 1.2);
    expect(res.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('x-ratelimit-scope')).toBe('user');
    expect(res.headers.has('x-ratelimit-global')).toBe(false);
  });

  test('WHEN the scope is shared THEN the message names the resource and the bucket is not spent', async () => {
    emu.rateLimitNext(onMe, { scope: 'shared', retryAfterMs: 300, code: 40062 });
    const res = await getMe();
    expect(await res.json()).toEqual({
      message: 'The resource is being rate limited.',
      retry_after: 0.3,
      global: false,
      code: 40062,
    });
    expect(res.headers.get('x-ratelimit-scope')).toBe('shared');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('4');
  });

  test('WHEN the scope is global THEN X-RateLimit-Global is set and every bot request is bound', async () => {
    emu.rateLimitNext(onMe, { scope: 'global', retryAfterMs: 60_000 });
    const res = await getMe();
    expect((await res.json()) as unknown).toMatchObject({ global: true });
    expect(res.headers.get('x-ratelimit-global')).toBe('true');
    expect(res.headers.get('x-ratelimit-scope')).toBe('global');
    expect(res.headers.has('x-ratelimit-bucket')).toBe(false);
    const other = await fetch(`${emu.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${emu.token}` },
    });
    expect(other.status).toBe(429);
    expect(emu.violations).toEqual([
      expect.stringMatching(/^GET \/gateway\/bot: retried before retry_after/),
    ]);
  });

  test('WHEN the client retries before retry_after THEN that is a violation, answered 429 again', async () => {
    emu.rateLimitNext(onMe, { scope: 'user', retryAfterMs: 60_000 });
    await getMe();
    expect((await getMe()).status).toBe(429);
    expect(emu.violations).toEqual([expect.stringMatching(/^GET \/users\/@me: retried before retry_after/)]);
    expect(emu.rateLimits.map((l) => l.scope)).toEqual(['user', 'user']);
    expect(emu.requestCount('GET', ME)).toBe(2);
  });

  test('WHEN Cloudflare bans THEN an HTML 429 without rate-limit headers, and a hot loop is reported', async () => {
    emu.rateLimitNext(onMe, { cloudflare: true, forMs: 60_000 });
    const res = await getMe();
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Error 1015');
    expect([...res.headers.keys()].filter((h) => h === 'retry-after' || h.startsWith('x-ratelimit'))).toEqual(
      [],
    );
    for (let i = 0; i < 20; i++) await getMe();
    expect(emu.violations).toEqual([expect.stringMatching(/hot loop: 21 requests answered 429/)]);
  });
});

/** A bare gateway client: every payload it receives, parsed. */
async function connect(path = '/') {
  const socket = new WebSocket(`${emu.gatewayUrl}${path}?v=10&encoding=json`);
  const received: { op: number; t?: string; s?: number; d: unknown }[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    received.push(JSON.parse(String(data)));
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (op: number, t?: string) => {
    for (;;) {
      const found = received.find((p) => p.op === op && (t === undefined || p.t === t));
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  await next(10);
  return { socket, received, next, send: (payload: unknown) => socket.send(JSON.stringify(payload)) };
}

async function identified() {
  const conn = await connect();
  conn.send({ op: 2, d: { token: emu.token, intents: 0, properties: {} } });
  const ready = (await conn.next(0, 'READY')).d as { session_id: string; resume_gateway_url: string };
  return { ...conn, ready };
}

describe('GIVEN a gateway session', () => {
  test('WHEN op 7 is sent THEN dispatches wait for a RESUME on resume_gateway_url and replay there', async () => {
    const first = await identified();
    expect(first.ready.resume_gateway_url).toBe(`${emu.gatewayUrl}/resume`);
    const seq = first.received.at(-1)?.s ?? 0;
    emu.sendReconnect();
    await first.next(7);
    emu.slashCommand('imagine');
    first.socket.close(4200);
    const second = await connect('/resume');
    second.send({ op: 6, d: { token: emu.token, session_id: first.ready.session_id, seq } });
    expect(await second.next(0, 'INTERACTION_CREATE')).toMatchObject({ s: seq + 1 });
    await second.next(0, 'RESUMED');
    expect(first.received.some((p) => p.t === 'INTERACTION_CREATE')).toBe(false);
    expect(emu.gatewayEvents.map((e) => e.kind)).toContain('resumed');
    second.socket.close();
  });

  test('WHEN op 9 d: false is sent THEN a RESUME of that session gets op 9 false', async () => {
    const first = await identified();
    emu.invalidateSession(false);
    expect((await first.next(9)).d).toBe(false);
    first.socket.close(1000);
    const second = await connect('/resume');
    second.send({ op: 6, d: { token: emu.token, session_id: first.ready.session_id, seq: 1 } });
    expect((await second.next(9)).d).toBe(false);
    second.socket.close();
  });

  test('WHEN the client closes with 1000 THEN the session is over and cannot be resumed', async () => {
    const first = await identified();
    first.socket.close(1000);
    await emu.waitForGatewayEvent((e) => e.kind === 'close' && e.by === 'client' && e.code === 1000);
    const second = await connect('/resume');
    second.send({ op: 6, d: { token: emu.token, session_id: first.ready.session_id, seq: 1 } });
    expect((await second.next(9)).d).toBe(false);
    second.socket.close();
  });
});
