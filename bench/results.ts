// The results document (stdout and bench/results.md): machine, settings, one table per question, targets.
import { cpus, release, totalmem } from 'node:os';
import { MAIN_FAL_CONCURRENCY } from './plan.ts';
import {
  find,
  IDLE_RSS,
  OVERHEAD_VS_SQLITE,
  postgresTargets,
  type Summary,
  sqliteOf,
  table,
  targetList,
  targets,
} from './report.ts';
import { POSTGRES_SETUPS, type RoundSpec } from './round.ts';

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
  /** Rounds not run or failed, each with its reason (the PostgreSQL rounds without a server). */
  notRun: string[];
  /** The PostgreSQL server the PostgreSQL rounds ran on. */
  postgres: string | undefined;
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

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const num = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** The PostgreSQL rounds next to the SQLite round of the same shape in this run. */
function postgresSection(all: Summary[], info: RunInfo): string[] {
  const pg = all.filter((r) => r.spec.postgres);
  const notRun = info.notRun.filter((line) => line.includes('PostgreSQL'));
  if (pg.length === 0 && notRun.length === 0) return [];
  const references = [...new Set(pg.map((r) => sqliteOf(all, r)).filter((r) => r !== undefined))];
  const setup = (r: Summary) => (r.spec.postgres ? POSTGRES_SETUPS[r.spec.postgres] : 'SQLite, one process');
  const vs = (r: Summary, value: number, base: number | undefined, digits: number) =>
    r.spec.postgres && base !== undefined
      ? `${num(value, digits)} (${times(value, base)})`
      : num(value, digits);
  const lines = [...references, ...pg].map((r) => {
    const base = r.spec.postgres ? sqliteOf(all, r) : undefined;
    const cells = [
      setup(r),
      r.spec.n,
      r.spec.count,
      r.spec.falConcurrency ?? 'default',
      num(r.ackP50, 1),
      num(r.ackP99, 1),
      vs(r, r.overheadP50, base?.overheadP50, 0),
      vs(r, r.overheadP99, base?.overheadP99, 0),
      num(r.lagP50, 0),
      r.spec.postgres ? num(r.claimP50, 1) : '–',
      r.spec.postgres ? num(r.claimP99, 1) : '–',
      vs(r, r.throughput, base?.throughput, 1),
      vs(r, r.cpuSeconds, base?.cpuSeconds, 2),
      vs(r, r.peakRssMb, base?.peakRssMb, 0),
      vs(r, r.idleRssMb, base?.idleRssMb, 0),
      `${r.lost}/${r.expected}`,
      num(r.cpuWaitPercent, 0),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const perProcess = pg.flatMap((r) =>
    r.processes.map((p) => {
      const cells = [
        setup(r),
        p.name,
        Number.isFinite(p.claims) ? p.claims : 'n/a',
        p.cpuSeconds.toFixed(2),
        mb(p.idleRssBytes),
        mb(p.peakRssBytes),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  );
  const waits = pg.some((r) => (r.spec.falConcurrency ?? 4) < r.spec.n + 1);
  return [
    '## PostgreSQL: one process, and a gateway with two workers (bracketed: / the SQLite round of this run)',
    '',
    `Server: ${info.postgres ?? 'none'}; a fresh database per round, dropped afterwards.`,
    '"one process" is `npm start` with DATABASE_URL=postgres://…; "gateway + 2 workers" is `npm start` with RUN_JOBS=false',
    '(WORKER_ID=gateway) and two `npm run worker` (WORKER_ID=w1, w2), all with the same settings otherwise.',
    "CPU s and RSS are the sums over the processes (peak RSS: the sum of each process's own peak); the",
    "PostgreSQL server's own CPU and memory are not in them (CPU wait % shows the machine's load).",
    '',
    "**claim ms** = `claimed generation`.time − `generation accepted`.time, from the processes' logs, for the",
    'first claim of each measured generation: the hand-over from the gateway through the database to the',
    waits
      ? 'process that runs it. NOTE: FAL_CONCURRENCY < N here, so it includes time spent waiting for a fal slot.'
      : `process that runs it. FAL_CONCURRENCY (${pg[0]?.spec.falConcurrency ?? 'n/a'}) > N + the warm-up: no job ever waited for a fal slot, so this is pure queue hand-over, not waiting in line.`,
    '',
    '| setup | N | count | FAL_CONCURRENCY | ack p50 ms | ack p99 ms | overhead p50 ms | overhead p99 ms | lag p50 ms | claim p50 ms | claim p99 ms | gen/s | CPU s Σ | peak RSS MB Σ | idle RSS MB Σ | lost | CPU wait % |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...lines,
    '',
    ...(perProcess.length > 0
      ? [
          'Per process (CPU s during the measured interactions; jobs claimed: measured generations it claimed):',
          '',
          '| setup | process | jobs claimed | CPU s | idle RSS MB | peak RSS MB |',
          '| --- | --- | --- | --- | --- | --- |',
          ...perProcess,
          '',
        ]
      : []),
    ...notRun.map((line) => `- ${line}`),
    ...(notRun.length > 0 ? [''] : []),
    `Target: overhead p50 within ${OVERHEAD_VS_SQLITE}× of SQLite's, lost = 0: see Targets below.`,
    '',
  ];
}

export function resultsDocument(all: Summary[], info: RunInfo): string {
  // Every section but the PostgreSQL one is about the bot on SQLite (and the baselines).
  const rows = all.filter((r) => !r.spec.postgres);
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
  const violations = [...new Set(all.flatMap((r) => r.violations))];
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
    ...postgresSection(all, info),
    '## Targets',
    '',
    targetList([...targets(rows, MAIN_FAL_CONCURRENCY), ...postgresTargets(all)]),
    '',
    `Discord limit violations seen by the emulator: ${violations.length === 0 ? 'none' : violations.slice(0, 10).join('; ')}`,
    info.skipped.length > 0 ? `\nSkipped (run budget exhausted): ${info.skipped.join(', ')}` : '',
    // The PostgreSQL rounds not run are listed in their own section.
    ...info.notRun.filter((line) => !line.includes('PostgreSQL')).map((line) => `\nNot run: ${line}`),
  ].join('\n');
}
