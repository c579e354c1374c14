// The results document (stdout and bench/results.md): machine, settings, one table per question, targets.
import { cpus, release, totalmem } from 'node:os';
import { MAIN_FAL_CONCURRENCY } from './plan.ts';
import { find, IDLE_RSS, type Summary, table, targetList, targets } from './report.ts';
import type { RoundSpec } from './round.ts';

export interface RunInfo {
  generationMs: number;
  logLevel: string;
  quick: boolean;
  passes: number;
  totalSeconds: number;
  benchCpuSeconds: number;
  loadBefore: number[];
  loadAfter: number[];
  skipped: string[];
  /** Whether the bot under test reads FAL_CONCURRENCY at all (it lands separately). */
  falConcurrencySupported: boolean;
  /** The bot's MAX_IMAGE_MEMORY_MB in this run. */
  imageBudgetMb: number;
}

const times = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const loads = (values: number[]) => values.map((l) => l.toFixed(2)).join(' ');

function leverTable(rows: Summary[], bots: Summary[]): string[] {
  const lines = bots.flatMap((r) => {
    const plain = find(rows, 'baseline-default', r.spec, () => true);
    if (!plain) return [];
    const lifted = find(rows, 'baseline', r.spec, () => true);
    const cells = [
      r.spec.n,
      r.spec.count,
      r.overheadP50.toFixed(0),
      lifted?.overheadP50.toFixed(0) ?? 'n/a',
      plain.overheadP50.toFixed(0),
      times(r.overheadP50, plain.overheadP50),
      r.overheadP99.toFixed(0),
      lifted?.overheadP99.toFixed(0) ?? 'n/a',
      plain.overheadP99.toFixed(0),
      times(r.overheadP99, plain.overheadP99),
    ];
    return [`| ${cells.join(' | ')} |`];
  });
  return [
    '| N | count | bot p50 | baseline lifted p50 | baseline default p50 | bot / default p50 | bot p99 | baseline lifted p99 | baseline default p99 | bot / default p99 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...lines,
  ];
}

function budgetTable(
  bots: Summary[],
  baselineOf: (row: Summary) => Summary | undefined,
  budget: number,
): string {
  const lines = bots.map((r) => {
    const b = baselineOf(r);
    const cells = [
      r.spec.n,
      r.spec.count,
      r.spec.format,
      budget,
      r.idleRssMb.toFixed(0),
      r.peakRssMb.toFixed(0),
      (r.peakRssMb - r.idleRssMb).toFixed(0),
      b ? b.peakRssMb.toFixed(0) : 'n/a',
      b ? times(r.peakRssMb, b.peakRssMb) : '–',
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '| N | count | format | budget MB | idle RSS MB | peak RSS MB | peak − idle MB | baseline peak MB | bot / baseline |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...lines,
  ].join('\n');
}

export function resultsDocument(rows: Summary[], info: RunInfo): string {
  const main = (pipeline: RoundSpec['pipeline']) =>
    rows.filter(
      (r) =>
        r.spec.pipeline === pipeline &&
        r.spec.format === 'jpeg' &&
        !r.spec.prefillRows &&
        (pipeline !== 'bot' || r.spec.falConcurrency === MAIN_FAL_CONCURRENCY),
    );
  const baselineOf = (row: Summary) => find(rows, 'baseline', row.spec, () => true);
  const png = rows.filter((r) => r.spec.format === 'png');
  const violations = [...new Set(rows.flatMap((r) => r.violations))];
  const cpu = cpus();
  return [
    '# kontext-bot benchmark results',
    '',
    `- date: ${new Date().toISOString()}${info.quick ? ' (--quick run)' : ''}`,
    `- machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}`,
    `- Node ${process.version}; load average before ${loads(info.loadBefore)}, after ${loads(info.loadAfter)}`,
    `- emulated generation ${info.generationMs} ms; images 1024 px (jpeg ≈ 300 KB, png ≈ 1.5 MB); ` +
      `bot LOG_LEVEL=${info.logLevel}; main table FAL_CONCURRENCY=${MAIN_FAL_CONCURRENCY}`,
    `- the run took ${info.totalSeconds.toFixed(0)} s; the bench process (both emulators) used ` +
      `${info.benchCpuSeconds.toFixed(1)} CPU s` +
      (info.passes > 1
        ? `; every round ran ${info.passes} times: samples pooled, per-round figures are medians`
        : '; one pass (npm run bench -- --passes 3 for steadier figures)'),
    '',
    'Times in ms. ack = interaction sent → deferred callback received; overhead = final edit received −',
    'interaction sent − generation time; lag = fal COMPLETED → final edit received (all at the emulators).',
    'gen/s = generations delivered per second. CPU s and peak RSS: the process under test, during the measured',
    'interactions (peak since it started). emulators CPU s: the bench process in the same interval. CPU wait %:',
    'share of that interval in which some task on the machine waited for a CPU (Linux PSI): expected from',
    'N=200 on, where the bot and the emulators keep the cores busy; at small N it means other load (noise).',
    '',
    '## The bot (bracketed: bot / baseline)',
    '',
    table(main('bot'), baselineOf),
    '',
    '## Baseline: defer → fal → download → upload with plain discord.js, global counter lifted like the bot',
    '',
    table(main('baseline')),
    '',
    "## The lever: discord.js' default REST (50/s global counter on webhook edits) vs lifted",
    '',
    'Delivery overhead in ms. "lifted": globalRequestsPerSecond Infinity, as the bot does for interaction routes.',
    '',
    ...leverTable(rows, main('bot')),
    '',
    '## PNG (bracketed: bot / baseline)',
    '',
    table(
      png.filter((r) => r.spec.pipeline === 'bot'),
      baselineOf,
    ),
    table(png.filter((r) => r.spec.pipeline === 'baseline'))
      .split('\n')
      .slice(2)
      .join('\n'),
    '',
    '## Memory against the image budget',
    '',
    `The bot ran with MAX_IMAGE_MEMORY_MB=${info.imageBudgetMb}: images it holds at once (downloaded, waiting for`,
    'Discord) stay under that; the rest of the peak is Node, the bot and the requests in flight.',
    '',
    budgetTable(
      rows.filter(
        (r) =>
          r.spec.pipeline === 'bot' && r.spec.falConcurrency === MAIN_FAL_CONCURRENCY && !r.spec.prefillRows,
      ),
      baselineOf,
      info.imageBudgetMb,
    ),
    '',
    '## Stored history (bracketed: database prefilled / empty)',
    '',
    table(
      rows.filter((r) => r.spec.prefillRows),
      (row) => find(rows, 'bot', row.spec),
      [IDLE_RSS],
    ),
    '',
    '## The bot with its default FAL_CONCURRENCY (bracketed: / the same round at FAL_CONCURRENCY=1000)',
    '',
    info.falConcurrencySupported
      ? "At most FAL_CONCURRENCY generations are at fal at once; the others wait in the bot's queue."
      : 'This version of the bot does not read FAL_CONCURRENCY yet, so this round is unlimited as well.',
    '',
    table(
      rows.filter((r) => r.spec.pipeline === 'bot' && r.spec.falConcurrency === undefined),
      (row) => find(rows, 'bot', row.spec),
    ),
    '',
    '## Targets',
    '',
    targetList(targets(rows, MAIN_FAL_CONCURRENCY)),
    '',
    `Discord limit violations seen by the emulator: ${violations.length === 0 ? 'none' : violations.slice(0, 10).join('; ')}`,
    info.skipped.length > 0 ? `\nSkipped (run budget exhausted): ${info.skipped.join(', ')}` : '',
  ].join('\n');
}
