import { fairOrder } from '../core/fairOrder.ts';
import { endsProgressEdits } from '../discord/discordErrors.ts';
import type { InteractionReplies } from '../discord/interactionWebhook.ts';
import { cancelButtonRow, progressContent } from '../discord/presentation/progress.ts';
import type { Logger } from '../logger.ts';
import { TOKEN_LIFETIME_MS, TOKEN_MARGIN_MS } from './delivery.ts';
import type { JobBoard } from './jobBoard.ts';

/**
 * At most four looks at the line a second, however many claims and arrivals there are; each position
 * is edited only when it changed, so a message gets far fewer edits than its per-token limit.
 */
const INTERVAL_MS = 250;

/**
 * Waiting jobs of a shared queue are held by no process, so every worker looks at the global line
 * soon after it changed and shows each member their place in it. The database records the place
 * shown (markShown), so of several workers seeing the same change only one edits the message.
 */
export class SharedPositions {
  private readonly board: JobBoard;
  private readonly replies: InteractionReplies;
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private dirty = true;
  private busy = false;
  private stopped = false;
  private lastRun = 0;

  constructor(deps: { board: JobBoard; replies: InteractionReplies; logger: Logger }) {
    this.board = deps.board;
    this.replies = deps.replies;
    this.logger = deps.logger;
  }

  async start(): Promise<void> {
    await this.board.listen('jobs', () => this.changed());
    this.changed();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The line changed: look at it now, or an interval after the last look. */
  private changed(): void {
    this.dirty = true;
    if (this.timer || this.stopped) return;
    const wait = Math.max(0, this.lastRun + INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastRun = Date.now();
      void this.refresh().then(() => {
        if (this.dirty) this.changed();
      });
    }, wait);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    if (!this.dirty || this.busy) return;
    this.dirty = false;
    this.busy = true;
    try {
      const { jobs, lastClaimedAt } = await this.board.waiting();
      const byId = new Map(jobs.map((job) => [job.id, job]));
      const order = fairOrder(jobs, lastClaimedAt);
      const now = Date.now();
      const changed = new Map<string, number>();
      for (const [index, id] of order.entries()) {
        const job = byId.get(id)!;
        if (job.shownPosition === index + 1) continue;
        if (now > job.createdAt + TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS) continue;
        changed.set(id, index + 1);
      }
      const mine = await this.board.markShown(changed);
      const edits = [...mine].map((id) => {
        const job = byId.get(id)!;
        const position = changed.get(id)!;
        return this.replies
          .editOriginal(job.applicationId, job.interactionToken, {
            content: progressContent(job.prompt, { phase: 'waiting', position }, job.locale),
            components: [cancelButtonRow(id, job.locale)],
          })
          .catch((error: unknown) => {
            if (!endsProgressEdits(error))
              this.logger.warn({ err: error, generationId: id }, 'could not show a place in line');
          });
      });
      await Promise.all(edits);
    } catch (error) {
      this.dirty = true;
      this.logger.warn({ err: error }, 'could not read the shared queue for positions');
    } finally {
      this.busy = false;
    }
  }
}
