import type { Generation } from '../core/generation.ts';

export type JobOutcome = 'delivered' | 'failed' | 'canceled';

/** What a job reports as it goes, for metrics; times in milliseconds. */
export interface JobObserver {
  /** The job got its fal slot after waiting this long since it was asked for (not for a resumed one). */
  slotGranted(generation: Generation, waitedMs: number): void;
  /** fal's part, from submit to the result read (only when this process submitted it). */
  falFinished(generation: Generation, ms: number): void;
  /** From fal's result to the images on Discord. */
  delivered(generation: Generation, ms: number): void;
  ended(generation: Generation, outcome: JobOutcome): void;
}
