import type { ProgressState } from '../core/presentation.ts';

/**
 * Turns fal's status updates into at most one Discord edit every `intervalMs` per job. An edit is
 * never started once `stop()` was called, so the final delivery is never queued behind progress.
 */
export class ProgressReporter {
  private readonly startedAt = performance.now();
  private lastEditAt: number;
  private state: ProgressState = { phase: 'queued', position: undefined };
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly intervalMs: number;
  private readonly edit: (state: ProgressState) => Promise<void>;

  constructor(options: { intervalMs: number; edit: (state: ProgressState) => Promise<void> }) {
    this.intervalMs = options.intervalMs;
    this.edit = options.edit;
    // Discord already shows "thinking…" right after the defer: the first edit waits a full interval.
    this.lastEditAt = this.startedAt;
    this.timer = setInterval(() => this.tick(), Math.max(250, Math.floor(this.intervalMs / 2)));
    this.timer.unref();
  }

  queued(position: number | undefined): void {
    this.state = { phase: 'queued', position };
  }

  running(): void {
    if (this.state.phase !== 'running') this.state = { phase: 'running', elapsedMs: 0 };
  }

  private tick(): void {
    const now = performance.now();
    if (this.stopped || now - this.lastEditAt < this.intervalMs) return;
    this.lastEditAt = now;
    const state: ProgressState =
      this.state.phase === 'running' ? { phase: 'running', elapsedMs: now - this.startedAt } : this.state;
    this.inFlight = this.edit(state).catch(() => {});
  }

  /** Stops further edits and waits for one already sent, so it cannot land after the result. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }
}
