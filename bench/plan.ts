// Which rounds `npm run bench` runs, in order. Bot and baseline rounds of the same shape run back to back
// so that a change in machine load affects both alike.
import type { RoundSpec } from './round.ts';

/** FAL_CONCURRENCY for the main table: high enough that fal's concurrency is never the limiter. */
export const MAIN_FAL_CONCURRENCY = 1000;
export const STORED_GENERATIONS = 50_000;

export interface PlanOptions {
  quick: boolean;
}

export function plan(options: PlanOptions): RoundSpec[] {
  const ns = options.quick ? [1, 50] : [1, 50, 200, 500];
  const storedHistoryN = options.quick ? 50 : 200;
  const rounds: RoundSpec[] = [];
  const shape = (n: number, count: number, format: 'jpeg' | 'png' = 'jpeg') => ({
    n,
    count,
    format,
    repeat: n === 1 ? 5 : 1,
  });
  for (const count of [1, 4]) {
    for (const n of ns) {
      rounds.push({ pipeline: 'bot', falConcurrency: MAIN_FAL_CONCURRENCY, ...shape(n, count) });
      // The same round on a database already holding many generations: memory must not grow with them.
      if (n === storedHistoryN && count === 1) {
        rounds.push({
          pipeline: 'bot',
          falConcurrency: MAIN_FAL_CONCURRENCY,
          prefillRows: options.quick ? 5000 : STORED_GENERATIONS,
          ...shape(n, count),
        });
        // The same round on PostgreSQL, one process and a gateway with two workers sharing the queue in
        // the database. FAL_CONCURRENCY as above (≥ N): no job waits for a slot, so claim latency is the
        // queue's hand-over alone.
        for (const postgres of ['one-process', 'gateway+2-workers'] as const) {
          rounds.push({
            pipeline: 'bot',
            falConcurrency: MAIN_FAL_CONCURRENCY,
            postgres,
            ...shape(n, count),
          });
        }
      }
      rounds.push({ pipeline: 'baseline', ...shape(n, count) });
      // Below 50 edits a second the client's global counter never engages: measured where it can.
      if (n >= 200) rounds.push({ pipeline: 'baseline-default', ...shape(n, count) });
    }
  }
  // PNG (~1.5 MB a file): the burst that fills memory. 500 × 4 is 3 GB of uploads, held by the Discord
  // emulator in the bench process (the machine has the room; the bot's memory is what is measured).
  const pngNs = options.quick ? [50] : [50, 500];
  for (const n of pngNs) {
    rounds.push({ pipeline: 'bot', falConcurrency: MAIN_FAL_CONCURRENCY, ...shape(n, 4, 'png') });
    rounds.push({ pipeline: 'baseline', ...shape(n, 4, 'png') });
  }
  // The largest burst of single images: memory must stay flat in N here too.
  if (!options.quick) {
    rounds.push({ pipeline: 'bot', falConcurrency: MAIN_FAL_CONCURRENCY, ...shape(1000, 1) });
    rounds.push({ pipeline: 'baseline', ...shape(1000, 1) });
  }
  // No FAL_CONCURRENCY: the bot's own default, to show its queue. 50 × 2 s at 4 in flight ≈ 26 s.
  rounds.push({ pipeline: 'bot', ...shape(50, 1) });
  return rounds;
}
