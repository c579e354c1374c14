// The gateway: HELLO / IDENTIFY / READY / RESUME over WebSocket, and dispatches to the bot's session.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { constants, createDeflate, type Deflate, deflateSync } from 'node:zlib';
import { type WebSocket, WebSocketServer } from 'ws';
import { guildCreate, readyPayload } from './guilds.ts';
import { isRecord } from './http.ts';
import type { EmulatorState } from './state.ts';

const HEARTBEAT_INTERVAL = 41_250;
const GUILDS_INTENT = 1;

interface Session {
  id: string;
  seq: number;
  /** Every dispatch, so a RESUME can replay what the bot missed while disconnected. */
  log: { s: number; text: string }[];
  connection?: Connection;
}

/** One socket; may compress the whole stream (zlib-stream) or each payload (identify `compress`). */
class Connection {
  readonly socket: WebSocket;
  session?: Session;
  compressPayloads = false;
  private readonly stream?: Deflate;
  private queue: Promise<void> = Promise.resolve();

  constructor(socket: WebSocket, zlibStream: boolean) {
    this.socket = socket;
    if (zlibStream) this.stream = createDeflate();
  }

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(payload: unknown): void {
    this.sendText(JSON.stringify(payload));
  }

  sendText(text: string): void {
    const stream = this.stream;
    if (stream) {
      // Flushes must not interleave: chain them so every frame ends on its own Z_SYNC_FLUSH.
      this.queue = this.queue.then(
        () =>
          new Promise<void>((resolve) => {
            const chunks: Buffer[] = [];
            const onData = (chunk: Buffer) => chunks.push(chunk);
            stream.on('data', onData);
            stream.write(text);
            stream.flush(constants.Z_SYNC_FLUSH, () => {
              stream.off('data', onData);
              if (this.open) this.socket.send(Buffer.concat(chunks));
              resolve();
            });
          }),
      );
    } else if (this.open) {
      this.socket.send(this.compressPayloads ? deflateSync(text) : text);
    }
  }
}

export class Gateway {
  private readonly state: EmulatorState;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private current?: Session;
  private readyWaiters: (() => void)[] = [];

  constructor(state: EmulatorState, server: Server) {
    this.state = state;
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket, req) => this.onConnection(socket, req));
  }

  /** A session that has identified or resumed and whose socket is open. */
  get connected(): boolean {
    return this.current?.connection?.open === true;
  }

  waitForConnection(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  dispatch(event: string, data: unknown): void {
    const session = this.current;
    if (!session)
      throw new Error('Discord emulator: no gateway session yet (await waitForConnection() first)');
    session.seq++;
    const text = JSON.stringify({ op: 0, t: event, s: session.seq, d: data });
    session.log.push({ s: session.seq, text });
    if (session.connection?.open) session.connection.sendText(text);
  }

  dropConnections(): void {
    for (const socket of this.wss.clients) socket.terminate();
  }

  close(): Promise<void> {
    this.dropConnections();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const query = new URL(req.url ?? '/', 'ws://emulator').searchParams;
    const conn = new Connection(socket, query.get('compress') === 'zlib-stream');
    if (query.get('v') !== '10') {
      socket.close(4012, 'Invalid API version');
      return;
    }
    if ((query.get('encoding') ?? 'json') !== 'json') {
      socket.close(4002, 'Only json encoding is emulated');
      return;
    }
    socket.on('message', (raw, isBinary) => this.onMessage(conn, raw as Buffer, isBinary));
    socket.on('close', () => {
      if (conn.session?.connection === conn) conn.session.connection = undefined;
    });
    socket.on('error', () => {});
    conn.send({ op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL, _trace: ['["emulator",{}]'] } });
  }

  private onMessage(conn: Connection, raw: Buffer, isBinary: boolean): void {
    let payload: unknown;
    try {
      payload = isBinary ? undefined : JSON.parse(raw.toString('utf8'));
    } catch {}
    if (!isRecord(payload)) {
      conn.socket.close(4002, 'Error while decoding payload');
      return;
    }
    const d = isRecord(payload.d) ? payload.d : {};
    if (payload.op === 1) conn.send({ op: 11 });
    else if (payload.op === 2) this.identify(conn, d);
    else if (payload.op === 6) this.resume(conn, d);
    // Presence, voice state and member requests: accepted and ignored once authenticated.
    else if (payload.op === 3 || payload.op === 4 || payload.op === 8) {
      if (!conn.session) conn.socket.close(4003, 'Not authenticated');
    } else conn.socket.close(4001, 'Unknown opcode');
  }

  private tokenOk(token: unknown): boolean {
    return token === this.state.token || token === `Bot ${this.state.token}`;
  }

  private identify(conn: Connection, d: Record<string, unknown>): void {
    if (conn.session) {
      conn.socket.close(4005, 'Already authenticated');
      return;
    }
    if (!this.tokenOk(d.token)) {
      conn.socket.close(4004, 'Authentication failed');
      return;
    }
    conn.compressPayloads = d.compress === true;
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, log: [], connection: conn };
    conn.session = session;
    this.sessions.set(session.id, session);
    this.current = session;
    this.dispatch('READY', readyPayload(this.state, session.id, this.state.gatewayUrl));
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    if (intents & GUILDS_INTENT) {
      for (const guild of this.state.guilds) this.dispatch('GUILD_CREATE', guildCreate(this.state, guild));
    }
    this.notifyReady();
  }

  private resume(conn: Connection, d: Record<string, unknown>): void {
    const session = this.sessions.get(String(d.session_id));
    if (!session || !this.tokenOk(d.token)) {
      conn.send({ op: 9, d: false });
      return;
    }
    if (session.connection && session.connection !== conn) session.connection.socket.terminate();
    session.connection = conn;
    conn.session = session;
    this.current = session;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    for (const entry of session.log) if (entry.s > seq) conn.sendText(entry.text);
    this.dispatch('RESUMED', null);
    this.notifyReady();
  }

  private notifyReady(): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
