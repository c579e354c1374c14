import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';
import type { Metrics } from './metrics.ts';
import { TimeBoxExpired, timeBox } from './timeBox.ts';

/** What `/readyz` reports: `ok` false → 503. Check values are `true`/`false` or a short word for humans. */
export interface Readiness {
  ok: boolean;
  checks: Record<string, boolean | string>;
}

export interface HealthServerOptions {
  /** TCP port; 0 picks a free one (see {@link HealthServer.port}). */
  port: number;
  /**
   * Address to listen on. Default `127.0.0.1`: `/metrics` tells anyone who can reach it how much the bot
   * is used and spends, so it is not published to every network by accident. Set `0.0.0.0` (or `::`)
   * where the scraper or prober is on another host: in a container (Docker/Compose/Kubernetes probes
   * reach the container's own address, not its loopback) or when Prometheus runs elsewhere.
   */
  host?: string;
  metrics: Pick<Metrics, 'metrics' | 'contentType'>;
  /** Cheap and synchronous: is this process's event loop still doing its work? */
  live: () => boolean;
  /** Can this process do its job now (gateway READY or worker connected, database answering)? */
  ready: () => Promise<Readiness> | Readiness;
  /** Time box of `ready()`: a check that hangs answers 503 after this. Default 2000 ms. */
  readyTimeoutMs?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface HealthServer {
  /** The port actually listened on (useful with `port: 0`). */
  readonly port: number;
  readonly host: string;
  /** Stops listening and closes open (keep-alive) connections. Idempotent. */
  close(): Promise<void>;
}

const NO_STORE = 'no-store';

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': NO_STORE,
    ...extra,
  });
  // For HEAD, node:http sends the headers only.
  res.end(body);
}

const text = (res: ServerResponse, status: number, body: string, extra?: Record<string, string>) =>
  send(res, status, 'text/plain; charset=utf-8', `${body}\n`, extra);

const json = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);

/**
 * `/livez`, `/readyz` and `/metrics` over plain HTTP (node:http, no framework). Resolves once listening;
 * rejects if the port cannot be bound (e.g. EADDRINUSE).
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const host = options.host ?? '127.0.0.1';
  const readyTimeoutMs = options.readyTimeoutMs ?? 2000;
  const logger = options.logger;

  // Concurrent probes share one readiness check; it is forgotten once it settles or its time box
  // expires, so a check that hangs forever does not block later probes from trying afresh.
  let pendingReady: Promise<Readiness> | null = null;
  const checkReady = (): Promise<Readiness> => {
    if (pendingReady) return pendingReady;
    const attempt = timeBox(options.ready, readyTimeoutMs, 'readiness check');
    pendingReady = attempt;
    const forget = () => {
      if (pendingReady === attempt) pendingReady = null;
    };
    attempt.then(forget, forget);
    return attempt;
  };

  const readyz = async (res: ServerResponse) => {
    let readiness: Readiness;
    try {
      readiness = await checkReady();
    } catch (error) {
      const timedOut = error instanceof TimeBoxExpired;
      logger?.warn({ err: error }, timedOut ? 'readiness check timed out' : 'readiness check failed');
      // Details stay in the log: this endpoint may be reachable from other hosts.
      json(res, 503, { ok: false, checks: { ready: timedOut ? 'timeout' : 'error' } });
      return;
    }
    const ok = readiness?.ok === true;
    json(res, ok ? 200 : 503, { ok, checks: readiness?.checks ?? {} });
  };

  const livez = (res: ServerResponse) => {
    let alive = false;
    try {
      alive = options.live() === true;
    } catch (error) {
      logger?.warn({ err: error }, 'liveness check threw');
    }
    if (alive) text(res, 200, 'ok');
    else text(res, 503, 'not live');
  };

  const metricsz = async (res: ServerResponse) => {
    try {
      const body = await options.metrics.metrics();
      send(res, 200, options.metrics.contentType, body);
    } catch (error) {
      logger?.error({ err: error }, 'metrics scrape failed');
      text(res, 500, 'metrics unavailable');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    const route =
      path === '/livez' ? livez : path === '/readyz' ? readyz : path === '/metrics' ? metricsz : null;
    if (!route) {
      text(res, 404, 'not found');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      text(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    await route(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger?.error({ err: error, path: req.url }, 'health endpoint failed');
      if (!res.headersSent) text(res, 500, 'internal error');
      else res.destroy();
    });
  });
  // Probes and scrapes are tiny: a client that dribbles its request is cut off quickly.
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => logger?.error({ err: error }, 'health server error'));

  const port = (server.address() as AddressInfo).port;
  logger?.info({ host, port }, 'health and metrics endpoints listening');

  let closing: Promise<void> | null = null;
  return {
    port,
    host,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
