import type { Logger } from '../logger.ts';
import type { GenerationRunner } from './generationRunner.ts';
import type { ClaimedJob, JobBoard } from './jobBoard.ts';

/**
 * A lease outlives this many missed heartbeats: a worker that dies (kill -9, a lost machine) loses its
 * jobs to another within LEASE_MS plus one poll, 15 + 2 s.
 */
export const LEASE_MS = 15_000;
const HEARTBEAT_MS = LEASE_MS / 3;
/** Claims are made when a notification arrives; the poll finds expired leases (nobody announces a death). */
const POLL_MS = 2000;
/**
 * Jobs taken per claim: enough that a burst is handed out in a few transactions, few enough that the
 * other workers get their share of it.
 */
const CLAIM_BATCH = 64;

export interface ClaimLoopDeps {
  board: JobBoard;
  runner: GenerationRunner;
  workerId: string;
  concurrency: number;
  logger: Logger;
  now?: () => number;
  /** Each claim, with how long the job had waited since it became claimable (ms). */
  claimed?: (job: ClaimedJob, latencyMs: number) => void;
}

/** A worker's side of the shared queue: claims what it may run, keeps its leases, obeys cancels. */
export class ClaimLoop {
  private readonly deps: ClaimLoopDeps;
  private readonly timers: NodeJS.Timeout[] = [];
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(deps: ClaimLoopDeps) {
    this.deps = deps;
  }

  async start(): Promise<void> {
    const { board, runner } = this.deps;
    await board.listen('jobs', () => this.kick());
    await board.listen('cancel', (id) => runner.cancel(id));
    this.timers.push(setInterval(() => this.kick(), POLL_MS));
    this.timers.push(setInterval(() => void this.heartbeat(), HEARTBEAT_MS));
    for (const timer of this.timers) timer.unref();
    this.kick();
  }

  /** Stops claiming; jobs already held go on (the runner's shutdown decides what happens to them). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.draining;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drain(): Promise<void> {
    const { board, workerId, concurrency, logger } = this.deps;
    const now = this.deps.now ?? Date.now;
    try {
      for (;;) {
        if (this.stopped) return;
        const at = now();
        const jobs = await board.claim({
          workerId,
          concurrency,
          leaseMs: LEASE_MS,
          now: at,
          max: CLAIM_BATCH,
        });
        if (jobs.length === 0) return;
        for (const job of jobs) await this.take(job, at);
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not claim jobs (will try again)');
    }
  }

  private async take(job: ClaimedJob, at: number): Promise<void> {
    const { runner, board, workerId, logger } = this.deps;
    if (!job.row.ok) {
      await runner.failUnreadableRow(job.row);
      await board.release(job.row.id, workerId);
      return;
    }
    const generation = job.row.generation;
    this.deps.claimed?.(job, Math.max(0, at - generation.createdAt));
    logger.info(
      { generationId: generation.id, status: generation.status, slot: job.slot, workerId },
      'claimed generation',
    );
    runner.start(generation);
    if (job.cancelRequested) runner.cancel(generation.id);
  }

  private async heartbeat(): Promise<void> {
    const { board, runner, workerId, logger } = this.deps;
    const ids = runner.activeIds();
    if (ids.length === 0) return;
    const now = this.deps.now ?? Date.now;
    try {
      const held = new Set(await board.renew(workerId, ids, now() + LEASE_MS));
      for (const id of ids) if (!held.has(id) && runner.isActive(id)) runner.abandon(id);
    } catch (error) {
      logger.warn({ err: error }, 'could not renew job leases (will try again)');
    }
  }
}
