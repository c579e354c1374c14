// The emulated account queue: FIFO, `concurrency` runners, timers only (no polling loops). A slot is
// taken when a job leaves the line (it then spends queueMs IN_QUEUE at position 0), so at most
// `concurrency` jobs are ever starting or running; maxInFlight is the peak of those IN_PROGRESS.
import { randomUUID } from 'node:crypto';
import type { FalInput, FalJob } from './types.ts';

export interface JobLog {
  message: string;
  level: 'INFO';
  source: 'USER';
  timestamp: string;
}

export interface JobState {
  job: FalJob;
  logs: JobLog[];
  failRun?: { status: number; body: unknown };
  /** Edit runs: each fetched input with its decoded size, when known (job.inputImages is the public part). */
  inputs?: { width?: number; height?: number }[];
  timer?: NodeJS.Timeout;
  removed: boolean; // canceled while queued
}

/** A status change, or only a queue position change (those come in bursts: one per job ahead starting). */
export type Change = 'status' | 'position';

export interface JobQueueOptions {
  queueMs: number;
  generationMs: number;
  concurrency: number;
  /** Builds the output when a run finishes (images are registered there). */
  finish(state: JobState): unknown;
  /**
   * Work a run does when it starts (an edit fetches its inputs); completion waits for it as well as for
   * generationMs. It must not reject: a failure sets state.failRun instead.
   */
  prepare?(state: JobState): Promise<void> | undefined;
  /** The seed fal reports when none was sent; defaults to drawFalSeed. */
  drawSeed?: () => number;
}

/**
 * fal draws an unsent seed from 0…2^32-1 and types it as an unbounded integer: half of these are
 * above 2^31-1, and the edges come up far more often than chance, where a narrow type would break.
 */
export function drawFalSeed(random: () => number = Math.random): number {
  const pick = random();
  if (pick < 0.1) return 2 ** 32 - 1;
  if (pick < 0.2) return 2 ** 31;
  if (pick < 0.25) return 0;
  return Math.floor(random() * 2 ** 32);
}

export const CANCELED_BODY = { detail: 'Request was cancelled' } as const;

export function createJobQueue(options: JobQueueOptions) {
  const jobs: FalJob[] = [];
  const history: FalJob[] = []; // a copy of each job after every status change, so waitForJob sees the past
  const states = new Map<string, JobState>();
  const line: JobState[] = []; // IN_QUEUE, in order; the first `starting` entries hold a slot
  const held: (() => void)[] = [];
  const watchers = new Set<(job: FalJob) => void>(); // any job's status change (waitForJob)
  const followers = new Map<string, Set<(kind: Change) => void>>(); // one job's status or position (SSE)
  let starting = 0;
  let running = 0;
  let maxInFlight = 0;
  let paused = false;
  let closed = false;

  const log = (state: JobState, message: string): void => {
    state.logs.push({ message, level: 'INFO', source: 'USER', timestamp: new Date().toISOString() });
  };
  const notify = (job: FalJob, kind: Change): void => {
    for (const follow of [...(followers.get(job.requestId) ?? [])]) follow(kind);
  };
  const moved = (job: FalJob): void => notify(job, 'position');
  const changed = (job: FalJob): void => {
    history.push({ ...job });
    for (const watch of [...watchers]) watch(job);
    notify(job, 'status');
  };
  // pause() parks transitions instead of dropping them, so resume() replays them in order.
  const whenRunning = (step: () => void): void => {
    if (closed) return;
    if (paused) held.push(step);
    else step();
  };

  const complete = (state: JobState): void => {
    const { job } = state;
    running--;
    job.status = 'COMPLETED';
    job.completedAt = performance.now();
    if (state.failRun) job.error = state.failRun;
    else if (job.canceled) job.error = { status: 400, body: CANCELED_BODY };
    else job.output = options.finish(state);
    log(state, job.error ? 'Run failed' : 'Run finished');
    changed(job);
    admit();
  };

  const start = (state: JobState): void => {
    if (state.removed) return; // canceled while its start was held by pause()
    const { job } = state;
    line.splice(line.indexOf(state), 1);
    starting--;
    running++;
    maxInFlight = Math.max(maxInFlight, running);
    job.status = 'IN_PROGRESS';
    job.startedAt = performance.now();
    log(state, 'Generating');
    changed(job);
    for (const other of line) moved(other.job); // everyone behind moved up one place
    const ready = options.prepare?.(state);
    const finish = (): void => whenRunning(() => complete(state));
    state.timer = setTimeout(() => {
      if (ready) void ready.then(finish);
      else finish(); // text-to-image stays synchronous, so pause()/resume() ordering is unchanged
    }, options.generationMs);
  };

  function admit(): void {
    while (!closed && starting + running < options.concurrency && starting < line.length) {
      const state = line[starting]!;
      starting++;
      state.timer = setTimeout(() => whenRunning(() => start(state)), options.queueMs);
    }
  }

  return {
    jobs,
    history,
    get maxInFlight() {
      return maxInFlight;
    },
    inFlight: () => running,
    get: (id: string) => states.get(id),
    queuePosition: (state: JobState) => Math.max(0, line.indexOf(state)),

    submit(endpoint: string, input: FalInput, failRun?: { status: number; body: unknown }): JobState {
      const job: FalJob = {
        requestId: randomUUID(),
        endpoint,
        input,
        status: 'IN_QUEUE',
        submittedAt: performance.now(),
        canceled: false,
        seed: input.seed ?? (options.drawSeed ?? drawFalSeed)(),
      };
      const state: JobState = { job, logs: [], removed: false, ...(failRun ? { failRun } : {}) };
      log(state, 'Queued');
      jobs.push(job);
      states.set(job.requestId, state);
      line.push(state);
      changed(job);
      admit();
      return state;
    },

    /** 'requested' when the cancel was accepted, 'completed' when it is too late. */
    cancel(state: JobState): 'requested' | 'completed' {
      const { job } = state;
      if (job.status === 'COMPLETED') return 'completed';
      job.canceled = true;
      if (job.status === 'IN_PROGRESS') {
        log(state, 'Cancellation requested');
        changed(job); // best effort, as on fal: the run goes on, its result is refused
        return 'requested';
      }
      const index = line.indexOf(state);
      if (index < starting) {
        clearTimeout(state.timer);
        starting--;
      }
      line.splice(index, 1);
      state.removed = true;
      job.status = 'COMPLETED';
      job.completedAt = performance.now();
      job.error = { status: 400, body: CANCELED_BODY };
      log(state, 'Removed from the queue');
      changed(job);
      for (const other of line.slice(index)) moved(other.job);
      admit();
      return 'requested';
    },

    pause(): void {
      paused = true;
    },
    resume(): void {
      paused = false;
      for (const step of held.splice(0)) step();
    },

    /** Calls `watch` on every later status change of any job; returns the unsubscribe function. */
    watch(watch: (job: FalJob) => void): () => void {
      watchers.add(watch);
      return () => watchers.delete(watch);
    },

    /** Calls `follow` when this job's status or queue position changes; returns the unsubscribe function. */
    follow(requestId: string, follow: (kind: Change) => void): () => void {
      const set = followers.get(requestId) ?? new Set();
      followers.set(requestId, set);
      set.add(follow);
      return () => {
        set.delete(follow);
        if (set.size === 0) followers.delete(requestId);
      };
    },

    close(): void {
      closed = true;
      held.length = 0;
      for (const state of states.values()) clearTimeout(state.timer);
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
