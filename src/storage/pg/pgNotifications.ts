import pg from 'pg';
import type { Logger } from '../../logger.ts';

const RECONNECT_FIRST_MS = 250;
const RECONNECT_LONGEST_MS = 10_000;

/**
 * LISTEN needs one connection of its own for the life of the process; when it drops (a database
 * restart, a network cut) it is opened again with back-off, and every listener is told `reconnected`,
 * since notifications sent meanwhile are lost and whatever they announced must be looked up again.
 */
export class PgNotifications {
  private client: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private readonly reconnectedHandlers = new Set<() => void>();
  private closed = false;
  private attempt = 0;
  private connecting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  private readonly url: string;
  private readonly logger: Logger;

  constructor(url: string, logger: Logger) {
    this.url = url;
    this.logger = logger;
  }

  async listen(channel: string, handler: (payload: string) => void): Promise<void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    await this.connected();
    await this.client?.query(`LISTEN ${quoteIdent(channel)}`);
  }

  onReconnected(handler: () => void): void {
    this.reconnectedHandlers.add(handler);
  }

  get open(): boolean {
    return this.client !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    this.client = client;
    this.attempt = 0;
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.logger.warn({ err: error }, 'database notifications lost: reconnecting');
    client.end().catch(() => undefined);
    this.retry();
  }

  private retry(): void {
    if (this.closed) return;
    const wait = Math.min(RECONNECT_LONGEST_MS, RECONNECT_FIRST_MS * 2 ** this.attempt++);
    this.timer = setTimeout(() => {
      this.connected().then(
        () => {
          for (const handler of this.reconnectedHandlers) handler();
        },
        (error: unknown) => {
          this.logger.warn({ err: error }, 'database notifications: reconnect failed');
          this.retry();
        },
      );
    }, wait);
    this.timer.unref();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
