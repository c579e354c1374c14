import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type HealthServer,
  type HealthServerOptions,
  startHealthServer,
} from '../../src/ops/healthServer.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { parseExposition, sampleValue } from './exposition.ts';

const servers: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(overrides: Partial<HealthServerOptions> = {}) {
  const server = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    metrics: createMetrics({ defaultMetrics: false }),
    live: () => true,
    ready: async () => ({ ok: true, checks: { gateway: true, database: true } }),
    ...overrides,
  });
  servers.push(server);
  return server;
}

const url = (server: HealthServer, path: string) => `http://127.0.0.1:${server.port}${path}`;

describe('startHealthServer', () => {
  it('listens on the port it reports when given port 0', async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.host).toBe('127.0.0.1');
  });

  it('answers /livez with 200 ok while live() holds and 503 when it does not or throws', async () => {
    let live = true;
    const server = await start({
      live: () => {
        if (live === null) throw new Error('broken');
        return live;
      },
    });
    let res = await fetch(url(server, '/livez'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok\n');
    expect(res.headers.get('cache-control')).toBe('no-store');

    live = false;
    res = await fetch(url(server, '/livez'));
    expect(res.status).toBe(503);
    await res.body?.cancel();

    live = null as unknown as boolean;
    res = await fetch(url(server, '/livez'));
    expect(res.status).toBe(503);
    await res.body?.cancel();
  });

  it('answers /readyz 200 with the checks as JSON when ready', async () => {
    const server = await start();
    const res = await fetch(url(server, '/readyz?verbose'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true, checks: { gateway: true, database: true } });
  });

  it('answers /readyz 503 when a check fails', async () => {
    const server = await start({
      ready: () => ({ ok: false, checks: { gateway: 'connecting', database: true } }),
    });
    const res = await fetch(url(server, '/readyz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, checks: { gateway: 'connecting', database: true } });
  });

  it('answers /readyz 503 without details when a check throws, and logs the error', async () => {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const server = await start({
      ready: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
      },
      logger,
    });
    const res = await fetch(url(server, '/readyz'));
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ ok: false, checks: { ready: 'error' } });
    expect(body).not.toContain('ECONNREFUSED');
    expect(logger.warn).toHaveBeenCalledWith({ err: expect.any(Error) }, 'readiness check failed');
  });

  it('answers /readyz 503 when a check hangs, after its time box, and tries afresh next time', async () => {
    let calls = 0;
    let hang = true;
    const server = await start({
      readyTimeoutMs: 50,
      ready: () => {
        calls += 1;
        return hang ? new Promise(() => {}) : { ok: true, checks: { database: true } };
      },
    });
    const first = await fetch(url(server, '/readyz'));
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ ok: false, checks: { ready: 'timeout' } });

    hang = false;
    const second = await fetch(url(server, '/readyz'));
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ ok: true, checks: { database: true } });
    expect(calls).toBe(2);
  });

  it('serves /metrics in the registry content type with the observed values', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.jobEnded('imagine', 'delivered', 4, 0.16);
    metrics.observeFal('imagine', 6.5);
    metrics.observeFal('imagine', 2.5);
    metrics.observeAck(0.12);
    metrics.onQueueDepth(async () => 3);
    metrics.onJobsInFlight(() => 2);
    const server = await start({ metrics });

    const res = await fetch(url(server, '/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(metrics.contentType);
    const body = await res.text();
    const lines = body.split('\n');
    expect(lines).toContain('kontext_jobs_total{kind="imagine",outcome="delivered"} 1');
    expect(lines).toContain('kontext_images_total{kind="imagine"} 4');
    expect(lines).toContain('kontext_estimated_spend_usd_total{kind="imagine"} 0.16');
    expect(lines).toContain('kontext_queue_depth 3');
    expect(lines).toContain('kontext_jobs_in_flight 2');
    const { samples } = parseExposition(body);
    expect(sampleValue(samples, 'kontext_fal_seconds_count', { kind: 'imagine' })).toBe(2);
    expect(sampleValue(samples, 'kontext_fal_seconds_sum', { kind: 'imagine' })).toBe(9);
    expect(sampleValue(samples, 'kontext_fal_seconds_bucket', { kind: 'imagine', le: '3' })).toBe(1);
    expect(sampleValue(samples, 'kontext_fal_seconds_bucket', { kind: 'imagine', le: '7.5' })).toBe(2);
    expect(sampleValue(samples, 'kontext_ack_seconds_count')).toBe(1);
    for (const name of new Set(samples.flatMap((s) => Object.keys(s.labels)))) {
      expect(name).not.toMatch(/user|member|guild/i);
    }
  });

  it('serves process metrics too when they are enabled', async () => {
    const server = await start({ metrics: createMetrics() });
    const { types } = parseExposition(await (await fetch(url(server, '/metrics'))).text());
    expect(types.get('kontext_process_cpu_user_seconds_total')).toBe('counter');
    expect(types.get('kontext_nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it('answers /metrics 500 when the registry fails', async () => {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const server = await start({
      metrics: { contentType: 'text/plain', metrics: async () => Promise.reject(new Error('boom')) },
      logger,
    });
    const res = await fetch(url(server, '/metrics'));
    expect(res.status).toBe(500);
    await res.body?.cancel();
    expect(logger.error).toHaveBeenCalledWith({ err: expect.any(Error) }, 'metrics scrape failed');
  });

  it('answers HEAD with headers only', async () => {
    const server = await start();
    for (const path of ['/livez', '/readyz', '/metrics']) {
      const res = await fetch(url(server, path), { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    }
  });

  it('answers 404 to other paths and 405 to other methods', async () => {
    const server = await start();
    for (const path of ['/', '/health', '/metrics/x', '/livez/']) {
      const res = await fetch(url(server, path));
      expect(res.status, path).toBe(404);
      await res.body?.cancel();
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await fetch(url(server, '/readyz'), { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      await res.body?.cancel();
    }
  });

  it('closes even with an idle keep-alive connection open, and close() can be called twice', async () => {
    const server = await startHealthServer({
      port: 0,
      metrics: createMetrics({ defaultMetrics: false }),
      live: () => true,
      ready: () => ({ ok: true, checks: {} }),
    });
    const agent = new Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/livez', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    await Promise.all([server.close(), server.close()]);
    agent.destroy();
    await expect(fetch(url(server, '/livez'))).rejects.toThrow();
  });

  it('rejects when the port is taken', async () => {
    const first = await start();
    await expect(
      startHealthServer({
        port: first.port,
        host: '127.0.0.1',
        metrics: createMetrics({ defaultMetrics: false }),
        live: () => true,
        ready: () => ({ ok: true, checks: {} }),
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
