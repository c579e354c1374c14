// Routing for the emulated queue.fal.run. Auth: anything but exactly `Authorization: Key <key>` (missing,
// malformed or wrong key) gets 401 { detail: 'Invalid key' }; image downloads need no key, like fal's CDN.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ENDPOINTS, type EndpointId, endpointAt } from './endpoints.ts';
import { parseJson, readBody, readRaw, recordRequest, sendJson, sendStream } from './http.ts';
import type { ImageGate } from './imageGate.ts';
import type { ImageFactory, ImageSpec } from './images.ts';
import { contentType } from './images.ts';
import type { JobQueue, JobState } from './jobs.ts';
import { APP_PATH, requestUrls, statusBody } from './status.ts';
import { INITIATE_PATH, MAX_UPLOAD_BYTES, type Storage, UPLOAD_PUT, UPLOADED_FILE } from './storage.ts';
import type { StreamHub } from './stream.ts';
import type { FalFault, FalInjectedResponse, FalRecordedRequest, FalRoute } from './types.ts';
import { validateInput } from './validate.ts';

export interface ServerContext {
  key: string;
  queue: JobQueue;
  streams: StreamHub;
  factory: ImageFactory;
  files: Map<string, ImageSpec>;
  requests: FalRecordedRequest[];
  baseUrl(): string;
  takeFailure(route: FalRoute): FalInjectedResponse | FalFault | undefined;
  images: ImageGate;
  storage: Storage;
  takeFailRun(): { status: number; body: unknown } | undefined;
}

type Match = {
  route: FalRoute;
  method: string;
  stream?: boolean;
  id?: string;
  file?: string;
  endpoint?: EndpointId;
  /** An uploaded file's path (served from storage) or an upload_url token. */
  upload?: string;
};

function match(path: string): Match | undefined {
  const endpoint = endpointAt(path);
  if (endpoint) return { route: 'submit', method: 'POST', endpoint };
  if (path === INITIATE_PATH) return { route: 'storage-initiate', method: 'POST' };
  const put = UPLOAD_PUT.exec(path);
  if (put) return { route: 'storage-upload', method: 'PUT', upload: put[1]! };
  if (UPLOADED_FILE.test(path)) return { route: 'image', method: 'GET', upload: path };
  const file = /^\/files\/([\w-]+\.(?:jpeg|png))$/.exec(path);
  if (file) return { route: 'image', method: 'GET', file: file[1]! };
  const request = new RegExp(`^${APP_PATH}/requests/([\\w-]+)(/status|/status/stream|/cancel)?$`).exec(path);
  if (!request) return undefined;
  const id = request[1]!;
  switch (request[2]) {
    case '/status':
      return { route: 'status', method: 'GET', id };
    case '/status/stream':
      return { route: 'status', method: 'GET', id, stream: true };
    case '/cancel':
      return { route: 'cancel', method: 'PUT', id };
    default:
      return { route: 'result', method: 'GET', id };
  }
}

// Fal marks run errors as retryable or not; a refused input or content policy error never is.
function runErrorHeaders(status: number): Record<string, string> {
  return { 'x-fal-retryable': status >= 500 ? 'true' : 'false' };
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const record = recordRequest(req, url);
  ctx.requests.push(record);
  const found = match(url.pathname);
  if (found?.route === 'storage-upload' && req.method === 'PUT') {
    // Binary and larger than JSON bodies; recorded by size only (emu.uploads keeps the bytes).
    const data = await readRaw(req, MAX_UPLOAD_BYTES);
    if (data === undefined) {
      return sendJson(res, record, 413, { detail: `File exceeds ${MAX_UPLOAD_BYTES} bytes` });
    }
    record.body = { bytes: data.length };
    const failure = ctx.takeFailure('storage-upload');
    if (failure === 'reset') return void req.socket.destroy();
    if (failure && typeof failure === 'object') {
      return sendFailure(res, record, failure);
    }
    return ctx.storage.put(found.upload!, data, req, res, record);
  }
  const text = await readBody(req);
  if (text === undefined) return sendJson(res, record, 413, { detail: 'Request body too large' });
  if (text.length > 0) {
    const parsed = parseJson(text);
    record.body = parsed.ok ? parsed.value : text;
  }

  if (!found) return sendJson(res, record, 404, { detail: 'Not Found' });
  const method = req.method === 'HEAD' && found.route === 'image' ? 'GET' : req.method;
  if (method !== found.method) return sendJson(res, record, 405, { detail: 'Method Not Allowed' });

  const failure = ctx.takeFailure(found.route);
  if (failure === 'reset') {
    req.socket.destroy();
    return;
  }
  if (failure === 'queue-then-reset' || failure === 'queue-then-stall') {
    // fal took the request (it runs and is billed) but the answer never reaches the client.
    if (found.route === 'submit') queueInput(ctx, found.endpoint!, text);
    if (failure === 'queue-then-reset') req.socket.destroy();
    return;
  }
  if (failure?.stream) return sendStream(res, record, failure.status, failure.stream, failure.headers);
  if (failure) {
    return sendFailure(res, record, failure);
  }

  if (found.route === 'image') return serveImage(ctx, req, res, record, found);
  if (req.headers.authorization !== `Key ${ctx.key}`)
    return sendJson(res, record, 401, { detail: 'Invalid key' });
  if (found.route === 'submit') return submit(ctx, res, record, found.endpoint!, text);
  if (found.route === 'storage-initiate') return ctx.storage.initiate(req, res, record, text);

  const state = ctx.queue.get(found.id!);
  if (!state) {
    const body = found.route === 'cancel' ? { status: 'NOT_FOUND' } : { detail: 'Request not found' };
    return sendJson(res, record, 404, body);
  }
  const idHeader = { 'x-fal-request-id': state.job.requestId };
  const logs = url.searchParams.get('logs') === '1';
  switch (found.route) {
    case 'status':
      if (found.stream) return ctx.streams.open(res, record, state, logs);
      return sendJson(
        res,
        record,
        200,
        statusBody(ctx.queue, state, ctx.baseUrl(), logs ? state.logs : undefined),
        idHeader,
      );
    case 'cancel':
      return cancel(ctx, res, record, state, idHeader);
    default:
      return result(res, record, state, idHeader);
  }
}

function queueInput(ctx: ServerContext, endpoint: EndpointId, text: string): void {
  const parsed = parseJson(text);
  const validation = parsed.ok ? validateInput(parsed.value, ENDPOINTS[endpoint]) : undefined;
  if (validation?.ok) ctx.queue.submit(endpoint, validation.input, ctx.takeFailRun());
}

function submit(
  ctx: ServerContext,
  res: ServerResponse,
  record: FalRecordedRequest,
  endpoint: EndpointId,
  text: string,
) {
  const parsed = text.length > 0 ? parseJson(text) : { ok: false as const };
  if (!parsed.ok) {
    const detail = [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid', input: text }];
    return sendJson(res, record, 422, { detail });
  }
  const validation = validateInput(parsed.value, ENDPOINTS[endpoint]);
  if (!validation.ok) return sendJson(res, record, 422, { detail: validation.errors });
  const state = ctx.queue.submit(endpoint, validation.input, ctx.takeFailRun());
  const { requestId } = state.job;
  return sendJson(
    res,
    record,
    200,
    {
      request_id: requestId,
      ...requestUrls(ctx.baseUrl(), requestId),
      status: 'IN_QUEUE',
      queue_position: ctx.queue.queuePosition(state),
    },
    { 'x-fal-request-id': requestId },
  );
}

function cancel(
  ctx: ServerContext,
  res: ServerResponse,
  record: FalRecordedRequest,
  state: JobState,
  headers: Record<string, string>,
) {
  if (ctx.queue.cancel(state) === 'completed') {
    return sendJson(res, record, 400, { status: 'ALREADY_COMPLETED' }, headers);
  }
  return sendJson(res, record, 202, { status: 'CANCELLATION_REQUESTED' }, headers);
}

function result(
  res: ServerResponse,
  record: FalRecordedRequest,
  state: JobState,
  headers: Record<string, string>,
) {
  const { job } = state;
  if (job.status !== 'COMPLETED') {
    return sendJson(res, record, 400, { detail: 'Request is still in progress' }, headers);
  }
  if (job.error) {
    const errorHeaders = { ...headers, ...runErrorHeaders(job.error.status) };
    return sendJson(res, record, job.error.status, job.error.body, errorHeaders);
  }
  return sendJson(res, record, 200, job.output, headers);
}

function serveImage(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  record: FalRecordedRequest,
  found: Match,
) {
  const spec = found.file === undefined ? undefined : ctx.files.get(found.file);
  const uploaded = found.upload === undefined ? undefined : ctx.storage.file(found.upload);
  if (!spec && !uploaded) return sendJson(res, record, 404, { detail: 'File not found' });
  const entry = ctx.images.enter(() => {
    if (res.destroyed) return;
    const bytes = spec ? ctx.factory.render(spec) : uploaded!.data;
    record.status = 200;
    res.writeHead(200, {
      'content-type': spec ? contentType(spec.format) : uploaded!.contentType,
      'content-length': bytes.length,
      'cache-control': 'public, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  });
  res.on('close', () => entry.done());
}

export function createFalServer(ctx: ServerContext): Server {
  return createServer((req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      // A bug here must surface in the test that hit it, not hang it.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: `emulator error: ${String(error)}` }));
    });
  });
}

/** An injected answer; without a body it is still JSON, so clients raise an API error, not a parse error. */
function sendFailure(res: ServerResponse, record: FalRecordedRequest, failure: FalInjectedResponse): void {
  sendJson(res, record, failure.status, failure.body ?? { detail: 'Emulated failure' }, failure.headers);
}
