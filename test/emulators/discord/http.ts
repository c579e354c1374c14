// HTTP plumbing shared by the routes: Discord-style errors, request context, body parsing.
import type { IncomingMessage } from 'node:http';
import { boundaryOf, type Part, parseMultipart } from './multipart.ts';
import type { EmulatorState } from './state.ts';
import type { RecordedFile } from './types.ts';

export interface Reply {
  status: number;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

export interface RouteContext {
  state: EmulatorState;
  method: string;
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  json: unknown;
  files: RecordedFile[];
  receivedAt: number;
  /** Lines to add to `violations` even though the request is accepted (e.g. a late callback). */
  warnings: string[];
}

/** A Discord-style error answer; `violations` are added to the emulator's list when it is sent. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly violations: string[];
  constructor(status: number, code: number, message: string, violations: string[] = [], extra = {}) {
    super(message);
    this.status = status;
    this.body = { message, code, ...extra };
    this.violations = violations;
  }
}

export const errors = {
  unauthorized: () => new ApiError(401, 0, '401: Unauthorized'),
  notFound: (violation?: string) => new ApiError(404, 0, '404: Not Found', violation ? [violation] : []),
  unknownChannel: () => new ApiError(404, 10003, 'Unknown Channel'),
  unknownMessage: () => new ApiError(404, 10008, 'Unknown Message'),
  unknownWebhook: (violation?: string) =>
    new ApiError(404, 10015, 'Unknown Webhook', violation ? [violation] : []),
  unknownInteraction: () => new ApiError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => new ApiError(404, 10063, 'Unknown application command'),
  invalidWebhookToken: () => new ApiError(401, 50027, 'Invalid Webhook Token'),
  alreadyAcknowledged: () =>
    new ApiError(400, 40060, 'Interaction has already been acknowledged', [
      'interaction callback sent twice (40060)',
    ]),
  tooLarge: (size: number, limit: number) =>
    new ApiError(413, 40005, 'Request entity too large', [
      `upload of ${size} bytes exceeds the ${limit} limit`,
    ]),
  emptyMessage: () => new ApiError(400, 50006, 'Cannot send an empty message', ['empty message']),
  missingPermissions: (what: string) => new ApiError(403, 50013, 'Missing Permissions', [what]),
  invalidJson: () =>
    new ApiError(400, 50109, 'The request body contains invalid JSON.', ['invalid JSON body']),
};

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ParsedBody {
  json: unknown;
  files: RecordedFile[];
  error?: ApiError;
}

function fromParts(parts: Part[]): ParsedBody {
  let json: unknown;
  const files: RecordedFile[] = [];
  for (const part of parts) {
    if (part.filename !== undefined) {
      const contentType = part.contentType || 'application/octet-stream';
      files.push({ field: part.name, filename: part.filename, contentType, data: part.data });
    } else if (part.name === 'payload_json') {
      json = JSON.parse(part.data.toString('utf8'));
    }
  }
  return { json, files };
}

export async function parseBody(contentType: string, raw: Buffer, method: string): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [] };
  try {
    if (contentType.startsWith('multipart/form-data')) {
      const boundary = boundaryOf(contentType);
      const parts = boundary === undefined ? undefined : parseMultipart(raw, boundary);
      if (parts) return fromParts(parts);
      const form = await new Request('http://emulator', {
        method,
        headers: { 'content-type': contentType },
        body: raw,
      }).formData();
      const files: RecordedFile[] = [];
      let json: unknown;
      for (const [field, value] of form) {
        if (typeof value === 'string') {
          if (field === 'payload_json') json = JSON.parse(value);
          continue;
        }
        files.push({
          field,
          filename: value.name,
          contentType: value.type || 'application/octet-stream',
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
      return { json, files };
    }
    if (contentType.startsWith('application/json'))
      return { json: JSON.parse(raw.toString('utf8')), files: [] };
    return { json: undefined, files: [] };
  } catch {
    return { json: undefined, files: [], error: errors.invalidJson() };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function bodyOf(ctx: RouteContext): Record<string, unknown> {
  return isRecord(ctx.json) ? ctx.json : {};
}
