import type { Logger } from '../logger.ts';
import type { SlotGate } from './falSlots.ts';
import type { JobBoard } from './jobBoard.ts';

/**
 * Slots of a shared queue: a job is claimed from the database only together with its slot (or without
 * one when it needs none), so here a slot is already held and releasing it tells the database.
 */
export class ClaimedSlots implements SlotGate {
  private active = 0;
  private readonly board: JobBoard;
  private readonly workerId: string;
  private readonly logger: Logger;

  constructor(board: JobBoard, workerId: string, logger: Logger) {
    this.board = board;
    this.workerId = workerId;
    this.logger = logger;
  }

  get inFlight(): number {
    return this.active;
  }

  /** Waiting jobs are held by no process: JobBoard.depth() counts them. */
  get waiting(): number {
    return 0;
  }

  /** Waiting members are counted in the database (JobBoard.waitingFor), not here. */
  waitingFor(_userId: string): number {
    return 0;
  }

  acquire(item: { id: string }, signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return Promise.resolve(this.occupy(item.id));
  }

  occupy(id: string): () => void {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.board
        .releaseSlot(id, this.workerId)
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error, generationId: id },
            'could not give back a fal slot (the lease frees it)',
          ),
        );
    };
  }

  pause(): void {}
}
