// /status/stream: one `data:` event at once, one per change, then the stream ends after COMPLETED.
// @fal-ai/client parses it with eventsource-parser and resolves done() with the last event when the body
// ends, so ending the response is the signal. With ?logs=1 each event carries only the logs added since
// the previous one, because the client's subscribeToStatus appends every event's logs to its own list.
// Queue position moves are coalesced per tick: when 500 queued jobs start at once, each stream behind
// gets one event instead of one per job ahead (which made 60 MB of SSE and took the client 25 s).
import type { ServerResponse } from 'node:http';
import type { JobQueue, JobState } from './jobs.ts';
import { statusBody } from './status.ts';
import type { FalRecordedRequest } from './types.ts';

export interface StreamHub {
  open(res: ServerResponse, record: FalRecordedRequest, state: JobState, logs: boolean): void;
  /** Ends every open stream (used by close()). */
  closeAll(): void;
  readonly size: number;
}

export function createStreamHub(queue: JobQueue, baseUrl: () => string): StreamHub {
  const open = new Set<() => void>();
  return {
    get size() {
      return open.size;
    },
    closeAll() {
      for (const end of [...open]) end();
    },
    open(res, record, state, logs) {
      const { requestId } = state.job;
      record.status = 200;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-fal-request-id': requestId,
      });
      let last = '';
      let logsSent = 0;
      let unfollow: (() => void) | undefined;
      let pending: NodeJS.Immediate | undefined;
      const end = (): void => {
        clearImmediate(pending);
        unfollow?.();
        open.delete(end);
        if (!res.writableEnded) res.end();
      };
      const push = (): void => {
        clearImmediate(pending);
        pending = undefined;
        const body = statusBody(queue, state, baseUrl(), undefined);
        const key = JSON.stringify(body);
        const fresh = state.logs.slice(logsSent);
        if (key === last && fresh.length === 0) return;
        last = key;
        logsSent = state.logs.length;
        if (logs) body.logs = fresh;
        res.write(`data: ${JSON.stringify(body)}\n\n`);
        if (state.job.status === 'COMPLETED') end();
      };
      res.on('close', end);
      open.add(end);
      unfollow = queue.follow(requestId, (kind) => {
        if (kind === 'status') push();
        else pending ??= setImmediate(push);
      });
      push();
    },
  };
}
