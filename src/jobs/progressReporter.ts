import type { ProgressState } from '../discord/presentation/progress.ts';

/**
 * Turns status updates into at most one Discord edit every `intervalMs` per job, and only when the
 * text would change. Edits end for good once `stop()` was called (so the final delivery is never queued
 * behind progress), once the interaction token is about to expire, or once Discord says it is gone:
 * an edit with a dead token is an invalid request, and 10,000 of those in 10 minutes ban the host's IP.
 */
export class ProgressReporter {
  private readonly startedAt = performance.now();
  private lastEditAt: number;
  private lastContent: string | undefined;
  private state: ProgressState = { phase: 'queued', position: undefined };
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly intervalMs: number;
  private readonly render: (state: ProgressState) => string;
  private readonly edit: (content: string) => Promise<void>;
  private readonly tokenAlive: () => boolean;
  private readonly tokenGone: (error: unknown) => boolean;

  constructor(options: {
    intervalMs: number;
    render: (state: ProgressState) => string;
    edit: (content: string) => Promise<void>;
    tokenAlive: () => boolean;
    /** Whether an edit's failure means no later edit can succeed (401 / 404 from Discord). */
    tokenGone: (error: unknown) => boolean;
  }) {
    this.intervalMs = options.intervalMs;
    this.render = options.render;
    this.edit = options.edit;
    this.tokenAlive = options.tokenAlive;
    this.tokenGone = options.tokenGone;
    // Discord already shows "thinking…" right after the defer: the first edit waits a full interval,
    // unless the job has to wait for a slot (then its place in line is worth showing at once).
    this.lastEditAt = this.startedAt;
    this.timer = setInterval(() => this.tick(false), Math.max(100, Math.floor(this.intervalMs / 2)));
    this.timer.unref();
  }

  waiting(position: number): void {
    this.state = { phase: 'waiting', position };
    if (this.lastContent === undefined) this.tick(true);
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
    if (!this.tokenAlive()) {
      this.halt();
      return;
    }
    const state: ProgressState =
      this.state.phase === 'running' ? { phase: 'running', elapsedMs: now - this.startedAt } : this.state;
    const content = this.render(state);
    if (content === this.lastContent) return;
    this.lastEditAt = now;
    this.lastContent = content;
    const previous = this.inFlight;
    this.inFlight = previous
      .then(() => (this.stopped ? undefined : this.edit(content)))
      .catch((error: unknown) => {
        if (this.tokenGone(error)) this.halt();
      });
  }

  private halt(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Stops further edits and waits for one already sent, so it cannot land after the result. */
  async stop(): Promise<void> {
    this.halt();
    await this.inFlight;
  }
}
