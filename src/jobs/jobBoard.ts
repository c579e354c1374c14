import type { WaitingJob } from '../core/fairOrder.ts';
import type { UnfinishedRow } from '../storage/generationRow.ts';

/** A job a worker now holds: `slot` says whether it holds one of FAL_CONCURRENCY slots too. */
export interface ClaimedJob {
  row: UnfinishedRow;
  slot: boolean;
  /** A member asked to cancel it before it was claimed. */
  cancelRequested: boolean;
}

export interface ClaimRequest {
  workerId: string;
  /** FAL_CONCURRENCY: slots across every process. */
  concurrency: number;
  leaseMs: number;
  now: number;
  /** At most this many jobs in one claim. */
  max: number;
}

/** A waiting job as its position is shown: what the progress message needs. */
export interface WaitingEntry extends WaitingJob {
  applicationId: string;
  interactionToken: string;
  prompt: string;
  /** The requester's language (Generation.locale): the position is shown in it. */
  locale: string | null;
  shownPosition: number | null;
}

export type JobSignal = 'jobs' | 'cancel' | 'settings';

/**
 * The coordination between processes that share one database (PostgreSQL): leases on jobs, the global
 * fal slots, the fair order, cancel requests and notifications. Every decision is made inside the
 * database, so any number of processes on any machines agree.
 */
export interface JobBoard {
  /** Jobs for this worker, in the order they are handed out; none when none may be taken now. */
  claim(request: ClaimRequest): Promise<ClaimedJob[]>;
  /** Extends this worker's leases; returns the ids it still holds (the others were taken over). */
  renew(workerId: string, ids: readonly string[], until: number): Promise<string[]>;
  /** The job no longer talks to fal: its slot goes to the next in line. */
  releaseSlot(id: string, workerId: string): Promise<void>;
  /** The worker lets go of the job (finished, or left for another after a shutdown). */
  release(id: string, workerId: string): Promise<void>;
  /** Jobs waiting for a slot, with each member's last turn, for positions. */
  waiting(): Promise<{ jobs: WaitingEntry[]; lastClaimedAt: Map<string, number> }>;
  /**
   * Records the positions about to be shown, in one statement; returns the ids whose position changed
   * (the others were shown already: another process got there first).
   */
  markShown(positions: ReadonlyMap<string, number>): Promise<Set<string>>;
  /** This member's jobs still waiting for a slot, in every process. */
  waitingFor(userId: string): Promise<number>;
  /** Jobs at fal now, across every process. */
  inFlight(now: number): Promise<number>;
  /** Jobs waiting for a slot, across every process. */
  depth(): Promise<number>;
  /** Marks the job for cancelling; false when it has already finished. */
  requestCancel(id: string, at: number): Promise<boolean>;
  notify(signal: JobSignal, payload: string): Promise<void>;
  /** Calls back on every notification of `signal` from any process (this one included). */
  listen(signal: JobSignal, onSignal: (payload: string) => void): Promise<void>;
  /** Resolves while the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
