import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger };

// A logged error stays one short line: @discordjs/rest's errors carry the request body (every uploaded
// image, 11.95 MB for a 4-image delivery) and a URL holding the interaction token.
const MAX_TEXT = 1000;
const MAX_STACK = 2000;
const MAX_CAUSES = 3;

/** Interaction tokens are credentials: any route or text keeps their shape only. */
export function maskTokens(text: string): string {
  return text
    .replace(/\/webhooks\/(\d+)\/[^/?#\s"']+/g, '/webhooks/$1/:token')
    .replace(/\/interactions\/(\d+)\/[^/?#\s"']+/g, '/interactions/$1/:token');
}

const bounded = (text: string, max: number) =>
  maskTokens(text.length <= max ? text : `${text.slice(0, max)}…`);

function routeOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return maskTokens(new URL(url).pathname);
  } catch {
    return bounded(url, 200);
  }
}

/**
 * Only what names the failure: the class, message, Discord/HTTP code and status, method and route.
 * Request bodies, headers and the full URL are left out; the cause chain is followed a few links.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: bounded(String(error), MAX_TEXT) };
  const fields = error as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { type: error.name, message: bounded(error.message, MAX_TEXT) };
  for (const key of ['code', 'status', 'kind'] as const) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  if (typeof fields.method === 'string') out.method = fields.method;
  const route = routeOf(fields.url);
  if (route) out.route = route;
  if (error.stack) out.stack = bounded(error.stack, MAX_STACK);
  if (error.cause !== undefined) {
    out.cause =
      depth < MAX_CAUSES ? serializeError(error.cause, depth + 1) : { message: '[cause chain cut]' };
  }
  return out;
}

/**
 * Secrets are scrubbed from the serialized line itself, not only from known fields, so a token that
 * slips into an error message or URL never reaches the log.
 */
export function createLogger(options: {
  level: string;
  secrets: string[];
  destination?: NodeJS.WritableStream;
}): Logger {
  const secrets = options.secrets.filter((s) => s.length >= 6);
  const out = options.destination ?? process.stdout;
  const scrubbing = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      let line = chunk.toString('utf8');
      for (const secret of secrets) line = line.replaceAll(secret, '[redacted]');
      out.write(line, callback);
    },
  });
  return pino(
    {
      level: options.level,
      base: { app: 'kontext-bot' },
      serializers: { err: serializeError },
      redact: {
        paths: ['token', '*.token', 'interactionToken', '*.interactionToken', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    scrubbing,
  );
}
