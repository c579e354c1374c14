// One gateway socket and the session it carries; the compression Discord offers is applied here.
import { constants, createDeflate, type Deflate, deflateSync } from 'node:zlib';
import type { WebSocket } from 'ws';

/** IDENTIFY's `shard`: [shard_id, num_shards]. */
export type ShardPair = [number, number];

export interface Session {
  id: string;
  seq: number;
  /** [0, 1] when IDENTIFY carried no `shard`. */
  shard: ShardPair;
  intents: number;
  /** Every dispatch, so a RESUME can replay what the bot missed while disconnected. */
  log: { s: number; text: string }[];
  connection?: Connection;
}

/** One socket; may compress the whole stream (zlib-stream) or each payload (identify `compress`). */
export class Connection {
  readonly socket: WebSocket;
  readonly path: string;
  /** Set while authenticated and receiving the session's dispatches. */
  session?: Session;
  /** The session this socket last carried, so the client's close code can end it. */
  lastSession?: Session;
  closedByServer = false;
  compressPayloads = false;
  private readonly stream?: Deflate;
  private queue: Promise<void> = Promise.resolve();

  constructor(socket: WebSocket, path: string, zlibStream: boolean) {
    this.socket = socket;
    this.path = path;
    if (zlibStream) this.stream = createDeflate();
  }

  close(code: number, reason: string): void {
    this.closedByServer = true;
    this.socket.close(code, reason);
  }

  /** Drops the TCP connection without a close frame, as a network failure would. */
  terminate(): void {
    this.closedByServer = true;
    this.socket.terminate();
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
