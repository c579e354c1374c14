// The HTTP side: reads and records every request, applies injected failures and auth, runs the route.
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import { ApiError, type ParsedBody, parseBody, type Reply, type RouteContext, readBody } from './http.ts';
import { matchRoute } from './routes.ts';
import { checkAgainstSpec } from './specCheck.ts';
import type { EmulatorState } from './state.ts';

const API_PREFIX = '/api/v10';

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** discord.js percent-encodes segments such as '@original'; routes are recorded and matched decoded. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Rate limits first (they also police retries), then one-off failures queued by failNext. */
function injected(ctx: RouteContext): Reply | undefined {
  const { state, method, route } = ctx;
  const limited = state.rateLimits.answer(
    {
      method,
      route,
      receivedAt: ctx.receivedAt,
      authenticated: ctx.headers.authorization !== undefined,
      applicationId: state.applicationId,
    },
    ctx.warnings,
  );
  if (limited) return limited;
  const at = state.failures.findIndex((f) => f.match(method, route));
  if (at < 0) return undefined;
  const [{ response }] = state.failures.splice(at, 1) as [(typeof state.failures)[number]];
  const headers = response.headers ?? {};
  const fallback =
    response.status === 429
      ? {
          message: 'You are being rate limited.',
          retry_after: Number(headers['retry-after'] ?? 0),
          global: false,
        }
      : { message: `${response.status}: ${STATUS_CODES[response.status] ?? 'Error'}`, code: 0 };
  return { status: response.status, body: response.body ?? fallback, headers };
}

async function answer(ctx: RouteContext, api: boolean, parsed: ParsedBody): Promise<Reply> {
  const { state, method, route } = ctx;
  const failure = injected(ctx);
  if (failure) return failure;
  const matches = matchRoute(route, api);
  const match = matches.find((m) => m.route.method === method);
  if (!match) {
    if (matches.length > 0) {
      throw new ApiError(405, 0, '405: Method Not Allowed', ['method not allowed on this route']);
    }
    throw new ApiError(404, 0, '404: Not Found', ['unknown route (the emulator does not implement it)']);
  }
  if (match.route.auth && ctx.headers.authorization !== `Bot ${state.token}`) {
    return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
  }
  if (parsed.error) throw parsed.error;
  ctx.params = match.params;
  return match.route.handler(ctx);
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.raw) {
    res.writeHead(reply.status, { 'content-length': reply.raw.length, ...reply.headers });
    res.end(reply.raw);
  } else if (reply.body === undefined) {
    res.writeHead(reply.status, reply.headers ?? {});
    res.end();
  } else {
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...reply.headers,
    });
    res.end(text);
  }
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = performance.now();
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = req.method ?? 'GET';
  const api = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
  const path = api ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname;
  const route = path.split('/').map(decodeSegment).join('/');
  const headers = flatHeaders(req);
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch {
    return; // the client went away mid-upload
  }
  const parsed = await parseBody(headers['content-type'] ?? '', raw, method);
  const query = Object.fromEntries(url.searchParams);
  const spec =
    api && !parsed.error
      ? checkAgainstSpec(method, route, headers['content-type'] ?? '', parsed, query)
      : undefined;
  parsed.error ??= spec?.rejection; // answered after the route and auth checks, as Discord orders them
  const ctx: RouteContext = {
    state,
    method,
    route,
    params: {},
    query,
    headers,
    json: parsed.json,
    files: parsed.files,
    receivedAt,
    warnings: [],
  };
  let reply: Reply;
  try {
    reply = await answer(ctx, api, parsed);
  } catch (error) {
    if (error instanceof ApiError) {
      reply = { status: error.status, body: error.body };
      ctx.warnings.push(...error.violations);
    } else {
      reply = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
      ctx.warnings.push(
        `emulator bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
  if (spec) ctx.warnings.push(...spec.unreported(ctx.warnings));
  for (const line of ctx.warnings) state.violations.push(`${method} ${route}: ${line}`);
  const { state: _s, params: _p, warnings: _w, ...recorded } = ctx;
  const stalled = state.stalls.findIndex((s) => s.match(method, route));
  if (stalled >= 0) {
    const [{ stall }] = state.stalls.splice(stalled, 1) as [(typeof state.stalls)[number]];
    state.record({ ...recorded, status: reply.status });
    if (stall === 'reset') res.socket?.destroy();
    else setTimeout(() => send(res, reply), stall.delayMs).unref();
    return;
  }
  send(res, reply);
  state.record({ ...recorded, status: reply.status });
}

export function createHttpServer(state: EmulatorState): Server {
  const server = createServer((req, res) => {
    void handle(state, req, res);
  });
  // Keep idle keep-alive sockets open longer than undici's pool does, so the server never closes one
  // that the client is about to reuse.
  server.keepAliveTimeout = 60_000;
  return server;
}
