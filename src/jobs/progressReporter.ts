import type { ProgressState } from '../core/presentation.ts';

/**
 * Turns status updates into at most one Discord edit every `intervalMs` per job. An edit is never
 * started once `stop()` was called, so the final delivery is never queued behind progress.
 */
export class ProgressReporter {
  private readonly startedAt = performance.now();
  private lastEditAt: number;
  private edited = false;
  private state: ProgressState = { phase: 'queued', position: undefined };
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly intervalMs: number;
  private readonly edit: (state: ProgressState) => Promise<void>;

  constructor(options: { intervalMs: number; edit: (state: ProgressState) => Promise<void> }) {
    this.intervalMs = options.intervalMs;
    this.edit = options.edit;
    // Discord already shows "thinking…" right after the defer: the first edit waits a full interval,
    // unless the job has to wait for a slot (then its place in line is worth showing at once).
    this.lastEditAt = this.startedAt;
    this.timer = setInterval(() => this.tick(false), Math.max(100, Math.floor(this.intervalMs / 2)));
    this.timer.unref();
  }

  waiting(position: number): void {
    this.state = { phase: 'waiting', position };
    if (!this.edited) this.tick(true);
  }

  queued(position: number | undefined): void {
    this.state = { phase: 'queued', position };
  }

  running(): void {
    if (this.state.phase !== 'running') this.state = { phase: 'running', elapsedMs: 0 };
  }

  private tick(force: boolean): void {
    const now = performance.now();
    if (this.stopped || (!force && now - this.lastEditAt < this.intervalMs)) return;
    this.lastEditAt = now;
    this.edited = true;
    const state: ProgressState =
      this.state.phase === 'running' ? { phase: 'running', elapsedMs: now - this.startedAt } : this.state;
    const previous = this.inFlight;
    this.inFlight = previous.then(() => (this.stopped ? undefined : this.edit(state))).catch(() => {});
  }

  /** Stops further edits and waits for one already sent, so it cannot land after the result. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }
}
