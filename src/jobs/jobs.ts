import type { Generation } from '../core/generation.ts';
import type { Logger } from '../logger.ts';
import { Arrivals } from './arrivals.ts';
import type { GenerationRunner } from './generationRunner.ts';
import type { JobBoard } from './jobBoard.ts';

export type Place = { ok: true; release: () => void } | { ok: false; waiting: number };

/** What the Discord side asks of the job pipeline, wherever the jobs run. */
export interface Jobs {
  /**
   * Holds a place in line for a member from the moment their request is checked until the job is
   * stored, so a burst of clicks cannot pass QUEUE_PER_MEMBER.
   */
  claimPlace(userId: string, limit: number): Promise<Place>;
  /** A stored generation is ready to run. */
  submit(generation: Generation): Promise<void>;
  /** Cancels a waiting or running generation; false when it has already finished. */
  cancel(generationId: string): Promise<boolean>;
}

/** One process (SQLite): the runner in this process holds every job. */
export function localJobs(runner: GenerationRunner): Jobs {
  return {
    async claimPlace(userId, limit) {
      return runner.claimPlace(userId, limit);
    },
    async submit(generation) {
      runner.start(generation);
    },
    async cancel(generationId) {
      return runner.cancel(generationId);
    },
  };
}

/**
 * A shared database (PostgreSQL): the job is announced and any worker claims it; places in line are
 * counted in the database (plus this process's requests not stored yet); a cancel reaches whichever
 * process holds the job.
 */
export function sharedJobs(board: JobBoard, runner: GenerationRunner | undefined, logger: Logger): Jobs {
  const arriving = new Arrivals();
  return {
    async claimPlace(userId, limit) {
      const here = arriving.of(userId);
      const release = arriving.hold(userId);
      try {
        const waiting = (await board.waitingFor(userId)) + here;
        if (waiting < limit) return { ok: true, release };
        release();
        return { ok: false, waiting };
      } catch (error) {
        release();
        throw error;
      }
    },
    async submit(generation) {
      await board.notify('jobs', generation.id).catch((error: unknown) => {
        // Stored already: a worker's poll finds it within seconds.
        logger.warn({ err: error, generationId: generation.id }, 'could not announce a job');
      });
    },
    async cancel(generationId) {
      // Held here: stopped at once; the mark still tells a process that may take it over.
      const here = runner?.cancel(generationId) ?? false;
      const marked = await board.requestCancel(generationId, Date.now());
      return here || marked;
    },
  };
}
