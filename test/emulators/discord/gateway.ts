// The gateway: HELLO / IDENTIFY / READY / RESUME over WebSocket, dispatches to the session of the guild's
// shard, and the ways Discord ends a connection: op 7 RECONNECT, op 9 INVALID_SESSION, a dropped socket.
// https://discord.com/developers/docs/events/gateway#resuming
// https://discord.com/developers/docs/events/gateway#sharding
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { Connection, type Session, type ShardPair } from './gatewayConnection.ts';
import { guildCreate, readyPayload, shardGuilds } from './guilds.ts';
import { isRecord } from './http.ts';
import { shardOf } from './sharding.ts';
import type { DispatchTarget, EmulatorState } from './state.ts';
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
  /** The session each shard's dispatches go to, by shard id within `shardCount`. */
  private readonly current = new Map<number, Session>();
  private count = 1;
  private connectionWaiters = new Set<{ ready: () => boolean; resolve: () => void }>();
  readonly events: GatewayEvent[] = [];
  private eventWaiters = new Set<(e: GatewayEvent) => boolean>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly connections = new Set<Connection>();

  constructor(state: EmulatorState, server: Server) {
    this.state = state;
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket, req) => this.onConnection(socket, req));
  }

  /** num_shards of the latest IDENTIFY or RESUME (1 before any): dispatches are routed over this count. */
  get shardCount(): number {
    return this.count;
  }

  /** Every shard of `shardCount` has a session that identified or resumed and whose socket is open. */
  get connected(): boolean {
    return this.isConnected();
  }

  /** One shard's session is open; without a shard id, every shard's (unsharded: the one session). */
  isConnected(shardId?: number): boolean {
    if (shardId !== undefined) return this.current.get(shardId)?.connection?.open === true;
    for (let id = 0; id < this.count; id++) if (!this.isConnected(id)) return false;
    return true;
  }

  /** Shard ids, ascending, whose current session is open. */
  connectedShards(): number[] {
    return [...this.current.keys()].filter((id) => this.isConnected(id)).sort((a, b) => a - b);
  }

  waitForConnection(shardId?: number): Promise<void> {
    if (this.isConnected(shardId)) return Promise.resolve();
    return new Promise((resolve) =>
      this.connectionWaiters.add({ ready: () => this.isConnected(shardId), resolve }),
    );
  }

  /** To the session of the guild's shard: target.guildId, else data.guild_id; none or null is shard 0. */
  dispatch(event: string, data: unknown, target: DispatchTarget = {}): void {
    const guildId = target.guildId === undefined ? guildIdOf(data) : target.guildId;
    const shardId = shardOf(guildId, this.count);
    const session = this.current.get(shardId);
    if (!session) {
      throw new Error(
        `Discord emulator: no gateway session for shard ${shardId} of ${this.count} yet (await waitForConnection() first)`,
      );
    }
    this.send(session, event, data, guildId);
  }

  /** Kills gateway sockets (all, or the one of that shard's session) without a close frame. */
  dropConnections(shardId?: number): void {
    if (shardId === undefined) {
      for (const conn of this.connections) conn.terminate();
      return;
    }
    const conn = this.current.get(shardId)?.connection;
    if (!conn?.open) throw new Error(`Discord emulator: no open gateway session on shard ${shardId}`);
    conn.terminate();
  }

  /** Op 7: the client should reconnect and resume; until it does, dispatches wait in the session's log. */
  sendReconnect(shardId?: number): void {
    for (const conn of this.detach(shardId)) {
      conn.send({ op: 7, d: null });
      this.log({ kind: 'reconnect', ...sessionFields(conn.lastSession) });
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (conn.open) conn.close(4000, 'Reconnect requested');
      }, RECONNECT_GRACE_MS);
      timer.unref();
      this.timers.add(timer);
    }
  }

  /** Op 9: resumable keeps the session (and queues its dispatches); otherwise it is gone for good. */
  invalidateSession(resumable: boolean, shardId?: number): void {
    for (const conn of this.detach(shardId)) {
      if (!resumable && conn.lastSession) this.sessions.delete(conn.lastSession.id);
      conn.send({ op: 9, d: resumable });
      this.log({ kind: 'invalid-session', ...sessionFields(conn.lastSession), resumable });
    }
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
        const recent = this.events.slice(-10).map((e) => (e.kind === 'dispatch' ? e.event : e.kind));
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

  /** The open connections of the current sessions (all shards, or one), no longer carrying them. */
  private detach(shardId?: number): Connection[] {
    const sessions = shardId === undefined ? [...this.current.values()] : [this.current.get(shardId)];
    const conns = sessions.flatMap((s) => (s?.connection?.open ? [s.connection] : []));
    if (conns.length === 0) {
      throw new Error(
        `Discord emulator: no open gateway session${shardId === undefined ? '' : ` on shard ${shardId}`}`,
      );
    }
    for (const conn of conns) {
      conn.session = undefined;
      if (conn.lastSession) conn.lastSession.connection = undefined;
    }
    return conns;
  }

  private send(session: Session, event: string, data: unknown, guildId: string | null): void {
    session.seq++;
    const text = JSON.stringify({ op: 0, t: event, s: session.seq, d: data });
    session.log.push({ s: session.seq, text });
    const conn = session.connection;
    const delivered = conn?.open === true;
    if (delivered) conn.sendText(text);
    this.log({ kind: 'dispatch', ...sessionFields(session), event, guildId, delivered });
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
    this.log({ kind: 'close', ...sessionFields(session), code, by });
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

  /** num_shards of the sessions whose socket is open and carrying them. */
  private liveShardCounts(): Set<number> {
    const counts = new Set<number>();
    for (const session of this.sessions.values()) {
      if (session.connection?.open) counts.add(session.shard[1]);
    }
    return counts;
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
    const shard = parseShard(d.shard);
    const sharding = this.state.sharding;
    if (
      !shard ||
      (sharding.strictShardCount && [...this.liveShardCounts()].some((count) => count !== shard[1]))
    ) {
      conn.close(4010, 'Invalid shard');
      return;
    }
    const guilds = shardGuilds(this.state, shard);
    if (guilds.length > sharding.maxGuildsPerShard) {
      conn.close(4011, 'Sharding required');
      return;
    }
    conn.compressPayloads = d.compress === true;
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      seq: 0,
      log: [],
      connection: conn,
      shard,
      intents,
    };
    conn.session = session;
    conn.lastSession = session;
    this.sessions.set(session.id, session);
    sharding.sessionStarted();
    this.makeCurrent(session);
    this.log({ kind: 'identify', ...sessionFields(session), path: conn.path });
    const resumeUrl = `${this.state.gatewayUrl}${RESUME_PATH}`;
    this.send(session, 'READY', readyPayload(this.state, session.id, resumeUrl, shard), null);
    this.log({ kind: 'ready', ...sessionFields(session) });
    if (intents & GUILDS_INTENT) {
      for (const guild of guilds)
        this.send(session, 'GUILD_CREATE', guildCreate(this.state, guild), guild.id);
    }
    this.notifyReady();
  }

  private resume(conn: Connection, d: Record<string, unknown>): void {
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    const session = this.sessions.get(String(d.session_id));
    this.log({
      kind: 'resume',
      sessionId: String(d.session_id),
      shard: session?.shard,
      seq,
      path: conn.path,
    });
    if (!session || !this.tokenOk(d.token)) {
      conn.send({ op: 9, d: false });
      this.log({ kind: 'invalid-session', sessionId: String(d.session_id), resumable: false });
      return;
    }
    if (session.connection && session.connection !== conn) session.connection.terminate();
    session.connection = conn;
    conn.session = session;
    conn.lastSession = session;
    this.makeCurrent(session);
    const missed = session.log.filter((entry) => entry.s > seq);
    for (const entry of missed) conn.sendText(entry.text);
    this.send(session, 'RESUMED', null, null);
    this.log({ kind: 'resumed', ...sessionFields(session), replayed: missed.length });
    this.notifyReady();
  }

  /** The session now gets its shard's dispatches; a new num_shards re-routes every guild over it. */
  private makeCurrent(session: Session): void {
    const [shardId, shardCount] = session.shard;
    if (shardCount !== this.count) {
      this.current.clear();
      this.count = shardCount;
    }
    this.current.set(shardId, session);
  }

  private notifyReady(): void {
    for (const waiter of [...this.connectionWaiters]) {
      if (!waiter.ready()) continue;
      this.connectionWaiters.delete(waiter);
      waiter.resolve();
    }
  }
}

/** IDENTIFY's `shard`: absent is [0, 1]; anything but [id, count] with 0 <= id < count is invalid. */
function parseShard(value: unknown): ShardPair | undefined {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  const pair: ShardPair = [id as number, count as number];
  return pair[1] >= 1 && pair[0] >= 0 && pair[0] < pair[1] ? pair : undefined;
}

function guildIdOf(data: unknown): string | null {
  return isRecord(data) && typeof data.guild_id === 'string' ? data.guild_id : null;
}

function sessionFields(session: Session | undefined): Pick<GatewayEvent, 'sessionId' | 'shard'> {
  return session ? { sessionId: session.id, shard: session.shard } : {};
}
