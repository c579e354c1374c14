// The gateway: HELLO / IDENTIFY / READY / RESUME over WebSocket, dispatches to the bot's session, and
// the ways Discord ends a connection: op 7 RECONNECT, op 9 INVALID_SESSION, a dropped socket.
// https://discord.com/developers/docs/events/gateway#resuming
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { Connection, type Session } from './gatewayConnection.ts';
import { guildCreate, readyPayload } from './guilds.ts';
import { isRecord } from './http.ts';
import type { EmulatorState } from './state.ts';
import type { GatewayEvent } from './types.ts';

const HEARTBEAT_INTERVAL = 41_250;
const GUILDS_INTENT = 1;
/** READY's resume_gateway_url is a different URL, so a client that ignores it shows in `path`. */
const RESUME_PATH = '/resume';
/** "A few seconds after the reconnect event is dispatched, the connection may be closed by the server." */
const RECONNECT_GRACE_MS = 5000;

export class Gateway {
  private readonly state: EmulatorState;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private current?: Session;
  private readyWaiters: (() => void)[] = [];
  readonly events: GatewayEvent[] = [];
  private eventWaiters = new Set<(e: GatewayEvent) => boolean>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly connections = new Set<Connection>();

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
    for (const conn of this.connections) conn.terminate();
  }

  /** Op 7: the client should reconnect and resume; until it does, dispatches wait in the session's log. */
  sendReconnect(): void {
    const conn = this.detachCurrent();
    conn.send({ op: 7, d: null });
    this.log({ kind: 'reconnect', sessionId: conn.lastSession?.id });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (conn.open) conn.close(4000, 'Reconnect requested');
    }, RECONNECT_GRACE_MS);
    timer.unref();
    this.timers.add(timer);
  }

  /** Op 9: resumable keeps the session (and queues its dispatches); otherwise it is gone for good. */
  invalidateSession(resumable: boolean): void {
    const conn = this.detachCurrent();
    if (!resumable && conn.lastSession) this.sessions.delete(conn.lastSession.id);
    conn.send({ op: 9, d: resumable });
    this.log({ kind: 'invalid-session', sessionId: conn.lastSession?.id, resumable });
  }

  waitForEvent(predicate: (e: GatewayEvent) => boolean, timeoutMs = 10_000): Promise<GatewayEvent> {
    const past = this.events.find(predicate);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const check = (e: GatewayEvent) => {
        if (!predicate(e)) return false;
        clearTimeout(timer);
        resolve(e);
        return true;
      };
      const timer = setTimeout(() => {
        this.eventWaiters.delete(check);
        const recent = this.events.slice(-10).map((e) => e.kind);
        reject(
          new Error(`waitForGatewayEvent timed out after ${timeoutMs} ms; recent: ${recent.join(', ')}`),
        );
      }, timeoutMs);
      this.eventWaiters.add(check);
    });
  }

  close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.dropConnections();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private detachCurrent(): Connection {
    const conn = this.current?.connection;
    if (!conn?.open) throw new Error('Discord emulator: no open gateway session');
    conn.session = undefined;
    if (conn.lastSession) conn.lastSession.connection = undefined;
    return conn;
  }

  private log(event: Omit<GatewayEvent, 'at'>): void {
    const entry = { ...event, at: performance.now() };
    this.events.push(entry);
    for (const check of this.eventWaiters) if (check(entry)) this.eventWaiters.delete(check);
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'ws://emulator');
    const query = url.searchParams;
    const conn = new Connection(socket, url.pathname, query.get('compress') === 'zlib-stream');
    this.connections.add(conn);
    this.log({ kind: 'connect', path: url.pathname });
    socket.on('close', (code) => this.onClose(conn, code));
    if (query.get('v') !== '10') {
      conn.close(4012, 'Invalid API version');
      return;
    }
    if ((query.get('encoding') ?? 'json') !== 'json') {
      conn.close(4002, 'Only json encoding is emulated');
      return;
    }
    socket.on('message', (raw, isBinary) => this.onMessage(conn, raw as Buffer, isBinary));
    socket.on('error', () => {});
    conn.send({ op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL, _trace: ['["emulator",{}]'] } });
  }

  private onClose(conn: Connection, code: number): void {
    this.connections.delete(conn);
    const session = conn.lastSession;
    if (session?.connection === conn) session.connection = undefined;
    const by = conn.closedByServer ? 'server' : 'client';
    this.log({ kind: 'close', sessionId: session?.id, code, by });
    // "When you close the connection with close code 1000 or 1001, your session will be invalidated."
    if (by === 'client' && (code === 1000 || code === 1001) && session) this.sessions.delete(session.id);
  }

  private onMessage(conn: Connection, raw: Buffer, isBinary: boolean): void {
    let payload: unknown;
    try {
      payload = isBinary ? undefined : JSON.parse(raw.toString('utf8'));
    } catch {}
    if (!isRecord(payload)) {
      conn.close(4002, 'Error while decoding payload');
      return;
    }
    const d = isRecord(payload.d) ? payload.d : {};
    if (payload.op === 1) conn.send({ op: 11 });
    else if (payload.op === 2) this.identify(conn, d);
    else if (payload.op === 6) this.resume(conn, d);
    // Presence, voice state and member requests: accepted and ignored once authenticated.
    else if (payload.op === 3 || payload.op === 4 || payload.op === 8) {
      if (!conn.session) conn.close(4003, 'Not authenticated');
    } else conn.close(4001, 'Unknown opcode');
  }

  private tokenOk(token: unknown): boolean {
    return token === this.state.token || token === `Bot ${this.state.token}`;
  }

  private identify(conn: Connection, d: Record<string, unknown>): void {
    if (conn.session) {
      conn.close(4005, 'Already authenticated');
      return;
    }
    if (!this.tokenOk(d.token)) {
      conn.close(4004, 'Authentication failed');
      return;
    }
    conn.compressPayloads = d.compress === true;
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, log: [], connection: conn };
    conn.session = session;
    conn.lastSession = session;
    this.sessions.set(session.id, session);
    this.current = session;
    this.log({ kind: 'identify', sessionId: session.id, path: conn.path });
    this.dispatch('READY', readyPayload(this.state, session.id, `${this.state.gatewayUrl}${RESUME_PATH}`));
    this.log({ kind: 'ready', sessionId: session.id });
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    if (intents & GUILDS_INTENT) {
      for (const guild of this.state.guilds) this.dispatch('GUILD_CREATE', guildCreate(this.state, guild));
    }
    this.notifyReady();
  }

  private resume(conn: Connection, d: Record<string, unknown>): void {
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    const session = this.sessions.get(String(d.session_id));
    this.log({ kind: 'resume', sessionId: String(d.session_id), seq, path: conn.path });
    if (!session || !this.tokenOk(d.token)) {
      conn.send({ op: 9, d: false });
      this.log({ kind: 'invalid-session', sessionId: String(d.session_id), resumable: false });
      return;
    }
    if (session.connection && session.connection !== conn) session.connection.terminate();
    session.connection = conn;
    conn.session = session;
    conn.lastSession = session;
    this.current = session;
    const missed = session.log.filter((entry) => entry.s > seq);
    for (const entry of missed) conn.sendText(entry.text);
    this.dispatch('RESUMED', null);
    this.log({ kind: 'resumed', sessionId: session.id, replayed: missed.length });
    this.notifyReady();
  }

  private notifyReady(): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
