// Request recording and JSON replies shared by every route.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FalRecordedRequest, FalStreamedBody } from './types.ts';

const MAX_BODY = 1 << 20;

export function recordRequest(req: IncomingMessage, url: URL): FalRecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: undefined,
    status: 0,
    receivedAt: performance.now(),
  };
}

/** The raw body, or undefined when it exceeds 1 MiB (the caller answers 413). */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The raw body, or undefined when it exceeds `limit`; the rest is read and dropped rather than the
 * socket reset, so the client gets the caller's 413 instead of a connection error.
 */
export async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= limit) chunks.push(buf);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function sendJson(
  res: ServerResponse,
  record: FalRecordedRequest,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  record.status = status;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const STREAM_CHUNK = 64 * 1024;

/** Sends a generated body chunk by chunk as the socket drains, counting what left; stops when the client goes. */
export function sendStream(
  res: ServerResponse,
  record: FalRecordedRequest,
  status: number,
  spec: FalStreamedBody,
  headers: Record<string, string> = {},
): void {
  record.status = status;
  record.bytesSent = 0;
  res.writeHead(status, { 'content-type': spec.contentType ?? 'application/json', ...headers });
  const size = spec.chunkBytes ?? STREAM_CHUNK;
  const fill = Buffer.from((spec.fill ?? 'x').repeat(Math.ceil(size / (spec.fill ?? 'x').length))).subarray(
    0,
    size,
  );
  let first: Buffer | undefined = spec.prefix ? Buffer.from(spec.prefix) : undefined;
  let timer: NodeJS.Timeout | undefined;
  res.on('close', () => clearTimeout(timer));
  const writeOne = (): boolean => {
    const left = spec.bytes - (record.bytesSent ?? 0);
    const part = (first ?? fill).subarray(0, Math.min(left, (first ?? fill).length));
    first = undefined;
    record.bytesSent = (record.bytesSent ?? 0) + part.length;
    return res.write(part);
  };
  const pump = (): void => {
    while (!res.destroyed && (record.bytesSent ?? 0) < spec.bytes) {
      const drained = writeOne();
      if (spec.intervalMs !== undefined) {
        timer = setTimeout(pump, spec.intervalMs);
        return;
      }
      if (!drained) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
