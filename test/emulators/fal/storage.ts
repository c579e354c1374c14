// fal's storage upload API as @fal-ai/client 1.10 drives it (src/storage.ts): POST
// {REST}/storage/upload/initiate?storage_type=fal-cdn-v3 with `Authorization: Key …`, JSON
// {content_type, file_name} and optionally `X-Fal-Object-Lifecycle: {"expiration_duration_seconds": N}`
// → {upload_url, file_url}; then a PUT of the bytes to upload_url carrying only Content-Type (no key:
// upload_url is a signed URL); file_url is public. Multipart (files over 90 MB) is not emulated.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJson, sendJson } from './http.ts';
import type { FalRecordedRequest, FalUpload } from './types.ts';
import type { FieldError } from './validate.ts';

/** The REST API lives under this path of the emulator's one server. */
export const REST_PATH = '/rest';
export const INITIATE_PATH = `${REST_PATH}/storage/upload/initiate`;
/** Emulator's cap on one upload (fal's single-part limit is 90 MB, above which the client goes multipart). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const UPLOAD_PUT = /^\/upload\/([\w-]+)$/;
export const UPLOADED_FILE = /^\/files\/u\/([\w-]+)\/([^/]+)$/;

export interface Storage {
  readonly uploads: FalUpload[];
  initiate(req: IncomingMessage, res: ServerResponse, record: FalRecordedRequest, text: string): void;
  put(
    token: string,
    data: Buffer,
    req: IncomingMessage,
    res: ServerResponse,
    record: FalRecordedRequest,
  ): void;
  /** The stored bytes for a file_url path, once uploaded. */
  file(path: string): { data: Buffer; contentType: string } | undefined;
}

// The name ends up in a URL path; keep what a CDN would keep readable.
function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'file';
}

export function createStorage(baseUrl: () => string): Storage {
  const uploads: FalUpload[] = [];
  const byToken = new Map<string, FalUpload>();
  return {
    uploads,
    initiate(req, res, record, text) {
      const parsed = text.length > 0 ? parseJson(text) : { ok: false as const };
      if (!parsed.ok) {
        const detail = [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid', input: text }];
        return sendJson(res, record, 422, { detail });
      }
      const body = parsed.value;
      const errors: FieldError[] = [];
      const strings: Record<string, string> = {};
      for (const field of ['content_type', 'file_name']) {
        const value =
          typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
        if (value === undefined)
          errors.push({ loc: ['body', field], msg: 'Field required', type: 'missing', input: body });
        else if (typeof value !== 'string') {
          errors.push({
            loc: ['body', field],
            msg: 'Input should be a valid string',
            type: 'string_type',
            input: value,
          });
        } else strings[field] = value;
      }
      if (errors.length > 0) return sendJson(res, record, 422, { detail: errors });
      const header = req.headers['x-fal-object-lifecycle'];
      const lifecycle = typeof header === 'string' ? parseJson(header) : undefined;
      const token = randomUUID();
      const upload: FalUpload = {
        fileName: strings.file_name!,
        contentType: strings.content_type!,
        storageType: new URL(req.url ?? '/', 'http://emulator').searchParams.get('storage_type') ?? undefined,
        lifecycle: lifecycle?.ok ? lifecycle.value : header,
        uploadUrl: `${baseUrl()}/upload/${token}`,
        fileUrl: `${baseUrl()}/files/u/${token}/${safeName(strings.file_name!)}`,
      };
      uploads.push(upload);
      byToken.set(token, upload);
      return sendJson(res, record, 200, { upload_url: upload.uploadUrl, file_url: upload.fileUrl });
    },
    put(token, data, req, res, record) {
      const upload = byToken.get(token);
      if (!upload) return sendJson(res, record, 404, { detail: 'Upload not found' });
      upload.data = data;
      upload.sha256 = createHash('sha256').update(data).digest('hex');
      const type = req.headers['content-type'];
      if (type !== undefined) upload.putContentType = type;
      record.status = 200;
      res.writeHead(200, { 'content-length': 0 });
      res.end();
    },
    file(path) {
      const found = UPLOADED_FILE.exec(path);
      const upload = found ? byToken.get(found[1]!) : undefined;
      if (!upload?.data || !upload.fileUrl.endsWith(`/${found![2]}`)) return undefined;
      return { data: upload.data, contentType: upload.putContentType ?? upload.contentType };
    },
  };
}
