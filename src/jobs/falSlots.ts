import { FairQueue } from '../core/fairQueue.ts';

interface Waiter {
  id: string;
  userId: string;
  grant: (release: () => void) => void;
  refuse: (reason: unknown) => void;
}

/** What a job holds while it talks to fal: one of FAL_CONCURRENCY places. */
export interface SlotGate {
  readonly inFlight: number;
  /** Jobs waiting for a slot here. */
  readonly waiting: number;
  /** Jobs this member has waiting for a slot here. */
  waitingFor(userId: string): number;
  acquire(item: { id: string; userId: string }, signal: AbortSignal): Promise<() => void>;
  /** A generation already at fal (resumed after a restart) holds a slot without waiting. */
  occupy(id: string): () => void;
  /** Stops handing out slots (shutdown): waiting jobs stay in the database for the next start. */
  pause(): void;
}

/**
 * At most `concurrency` generations talk to fal at once; the rest wait in a fair queue. Every change
 * of the waiting order is reported so members see their position move. One process's slots: with a
 * shared database the slots are the database's (ClaimedSlots).
 */
export class FalSlots implements SlotGate {
  private readonly queue = new FairQueue<Waiter>();
  private active = 0;
  private paused = false;
  private readonly concurrency: number;
  private readonly onPositions: (positions: Map<string, number>) => void;

  constructor(concurrency: number, onPositions: (positions: Map<string, number>) => void) {
    this.concurrency = concurrency;
    this.onPositions = onPositions;
  }

  get inFlight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.size;
  }

  waitingFor(userId: string): number {
    return this.queue.countFor(userId);
  }

  /** Resolves with a release function once a slot is free; rejects if the signal aborts first. */
  acquire(item: { id: string; userId: string }, signal: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        if (this.queue.remove(item.id)) this.report();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.enqueue({
        ...item,
        grant: (release) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
        refuse: reject,
      });
      this.pump();
      this.report();
    });
  }

  occupy(_id: string): () => void {
    this.active++;
    return this.releaser();
  }

  pause(): void {
    this.paused = true;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.pump();
      this.report();
    };
  }

  private pump(): void {
    while (!this.paused && this.active < this.concurrency) {
      const next = this.queue.dequeue();
      if (!next) return;
      this.active++;
      next.grant(this.releaser());
    }
  }

  private report(): void {
    this.onPositions(this.queue.positions());
  }
}
