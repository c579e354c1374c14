import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger };

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
      redact: {
        paths: ['token', '*.token', 'interactionToken', '*.interactionToken', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    scrubbing,
  );
}
