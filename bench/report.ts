// Turns round results into the tables printed to stdout and written to bench/results.md, and checks the
// targets of issue 6 against them.
import { POSTGRES_SETUPS, type ProcessFigures, type RoundResult, type RoundSpec } from './round.ts';
import { max, percentile } from './stats.ts';

export interface Summary {
  spec: RoundSpec;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  overheadP50: number;
  overheadP99: number;
  lagP50: number;
  lagP99: number;
  throughput: number;
  cpuSeconds: number;
  peakRssMb: number;
  idleRssMb: number;
  emulatorCpuSeconds: number;
  cpuWaitPercent: number;
  lost: number;
  expected: number;
  wallMs: number;
  violations: string[];
  /** PostgreSQL: generation accepted → first claimed (ms); NaN on SQLite. */
  claimP50: number;
  claimP99: number;
  claimSamples: number;
  unclaimed: number;
  /** Each process under test (median over passes); cpuSeconds, peakRssMb, idleRssMb are their sums. */
  processes: ProcessFigures[];
}

/**
 * The same round run in several passes (`--passes`): per-interaction samples are pooled; per-round figures
 * (throughput, CPU, memory) are the median of the passes; losses add up.
 */
export function pool(results: RoundResult[]): RoundResult {
  const first = results[0];
  if (!first) throw new Error('pool: no results');
  const median = (pick: (r: RoundResult) => number) => percentile(results.map(pick), 50);
  return {
    spec: first.spec,
    acks: results.flatMap((r) => r.acks),
    overheads: results.flatMap((r) => r.overheads),
    lags: results.flatMap((r) => r.lags),
    expected: results.reduce((sum, r) => sum + r.expected, 0),
    lost: results.reduce((sum, r) => sum + r.lost, 0),
    throughput: median((r) => r.throughput),
    cpuSeconds: median((r) => r.cpuSeconds),
    peakRssBytes: median((r) => r.peakRssBytes),
    idleRssBytes: median((r) => r.idleRssBytes),
    emulatorCpuSeconds: median((r) => r.emulatorCpuSeconds),
    cpuPressure: median((r) => r.cpuPressure),
    wallMs: results.reduce((sum, r) => sum + r.wallMs, 0),
    violations: [...new Set(results.flatMap((r) => r.violations))],
    claimLatencies: results.flatMap((r) => r.claimLatencies),
    unclaimed: results.reduce((sum, r) => sum + r.unclaimed, 0),
    processes: first.processes.map((p, i) => {
      const each = (pick: (q: ProcessFigures) => number) =>
        percentile(
          results.flatMap((r) => (r.processes[i] ? [pick(r.processes[i])] : [])),
          50,
        );
      return {
        name: p.name,
        cpuSeconds: each((q) => q.cpuSeconds),
        peakRssBytes: each((q) => q.peakRssBytes),
        idleRssBytes: each((q) => q.idleRssBytes),
        claims: results.reduce((sum, r) => sum + (r.processes[i]?.claims ?? 0), 0),
      };
    }),
  };
}

export function summarise(result: RoundResult): Summary {
  return {
    spec: result.spec,
    ackP50: percentile(result.acks, 50),
    ackP99: percentile(result.acks, 99),
    ackMax: max(result.acks),
    overheadP50: percentile(result.overheads, 50),
    overheadP99: percentile(result.overheads, 99),
    lagP50: percentile(result.lags, 50),
    lagP99: percentile(result.lags, 99),
    throughput: result.throughput,
    cpuSeconds: result.cpuSeconds,
    peakRssMb: result.peakRssBytes / 2 ** 20,
    idleRssMb: result.idleRssBytes / 2 ** 20,
    emulatorCpuSeconds: result.emulatorCpuSeconds,
    cpuWaitPercent: 100 * result.cpuPressure,
    lost: result.lost,
    expected: result.expected,
    wallMs: result.wallMs,
    violations: result.violations,
    claimP50: percentile(result.claimLatencies, 50),
    claimP99: percentile(result.claimLatencies, 99),
    claimSamples: result.claimLatencies.length,
    unclaimed: result.unclaimed,
    processes: result.processes,
  };
}

type Metric = Exclude<
  keyof Summary,
  'spec' | 'violations' | 'expected' | 'wallMs' | 'processes' | 'claimSamples' | 'unclaimed'
>;

export interface Column {
  title: string;
  metric: Metric;
  digits: number;
  /** Shown as bot/baseline next to the bot's figure. */
  ratio: boolean;
}

const COLUMNS: Column[] = [
  { title: 'ack p50 ms', metric: 'ackP50', digits: 1, ratio: true },
  { title: 'ack p99 ms', metric: 'ackP99', digits: 1, ratio: true },
  { title: 'ack max ms', metric: 'ackMax', digits: 1, ratio: true },
  { title: 'overhead p50 ms', metric: 'overheadP50', digits: 0, ratio: true },
  { title: 'overhead p99 ms', metric: 'overheadP99', digits: 0, ratio: true },
  { title: 'lag p50 ms', metric: 'lagP50', digits: 0, ratio: true },
  { title: 'lag p99 ms', metric: 'lagP99', digits: 0, ratio: true },
  { title: 'gen/s', metric: 'throughput', digits: 1, ratio: true },
  { title: 'CPU s', metric: 'cpuSeconds', digits: 2, ratio: true },
  { title: 'peak RSS MB', metric: 'peakRssMb', digits: 0, ratio: true },
  { title: 'lost', metric: 'lost', digits: 0, ratio: false },
  { title: 'emulators CPU s', metric: 'emulatorCpuSeconds', digits: 2, ratio: false },
  { title: 'CPU wait %', metric: 'cpuWaitPercent', digits: 0, ratio: false },
];

export const IDLE_RSS: Column = { title: 'idle RSS MB', metric: 'idleRssMb', digits: 0, ratio: true };

const fmt = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
const ratioOf = (a: number, b: number): string =>
  Number.isFinite(a / b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '–';

function sameShape(a: RoundSpec, b: RoundSpec): boolean {
  return a.n === b.n && a.count === b.count && a.format === b.format;
}

export function find(
  rows: Summary[],
  pipeline: RoundSpec['pipeline'],
  like: RoundSpec,
  extra: (s: RoundSpec) => boolean = (s) => !s.prefillRows && s.falConcurrency !== undefined,
): Summary | undefined {
  // Lookups are on SQLite (the PostgreSQL rounds are compared with it, not with each other).
  return rows.find(
    (row) =>
      row.spec.pipeline === pipeline && !row.spec.postgres && sameShape(row.spec, like) && extra(row.spec),
  );
}

function nLabel(spec: RoundSpec): string {
  return spec.repeat > 1 ? `${spec.n} (×${spec.repeat} in turn)` : String(spec.n);
}

/** One table; with `against`, each figure is followed by (this / against). */
export function table(
  rows: Summary[],
  against?: (row: Summary) => Summary | undefined,
  extra: Column[] = [],
): string {
  const columns = [...COLUMNS, ...extra];
  const header = ['N', 'count', 'format', ...columns.map((c) => c.title)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  for (const row of rows) {
    const other = against?.(row);
    const cells = columns.map((column) => {
      const value = fmt(row[column.metric], column.digits);
      if (column.metric === 'lost') return `${row.lost}/${row.expected}`;
      return other && column.ratio
        ? `${value} (${ratioOf(row[column.metric], other[column.metric])})`
        : value;
    });
    lines.push(`| ${[nLabel(row.spec), row.spec.count, row.spec.format, ...cells].join(' | ')} |`);
  }
  return lines.join('\n');
}

export interface Target {
  text: string;
  met: boolean | undefined;
  figures: string;
}

const ms = (value: number | undefined): string => (value === undefined ? 'n/a' : `${fmt(value, 1)} ms`);

/** The targets of issue 6, each with the measured figures it was judged on. */
export function targets(rows: Summary[], mainConcurrency: number): Target[] {
  const main = rows.filter(
    (r) => r.spec.falConcurrency === mainConcurrency && !r.spec.prefillRows && r.spec.format === 'jpeg',
  );
  const bots = main.filter((r) => r.spec.pipeline === 'bot');
  const base = (row: Summary) => find(rows, 'baseline', row.spec, () => true);
  const out: Target[] = [];
  const check = (text: string, pairs: [string, boolean | undefined][]): void => {
    const known = pairs.filter(([, met]) => met !== undefined);
    out.push({
      text,
      met: known.length === 0 ? undefined : known.every(([, met]) => met),
      figures: pairs.map(([figure]) => figure).join('; '),
    });
  };
  const at = (n: number) => bots.filter((r) => r.spec.n === n);

  check(
    'ack p99 < 100 ms at N=200',
    at(200).map((r) => [`count ${r.spec.count}: ${ms(r.ackP99)}`, r.ackP99 < 100]),
  );
  check(
    'ack p99 ≤ 1.0× baseline at N=200',
    at(200).map((r) => {
      const b = base(r);
      return [
        `count ${r.spec.count}: ${ratioOf(r.ackP99, b?.ackP99 ?? Number.NaN)}`,
        b && r.ackP99 <= b.ackP99,
      ];
    }),
  );
  check(
    'delivery overhead p50 ≤ 1.1× baseline at every N',
    bots.map((r) => {
      const b = base(r);
      const ok = b ? r.overheadP50 <= 1.1 * b.overheadP50 : undefined;
      return [
        `N=${r.spec.n} count ${r.spec.count}: ${ratioOf(r.overheadP50, b?.overheadP50 ?? Number.NaN)}`,
        ok,
      ];
    }),
  );
  check(
    'delivery overhead p50 at N=200 ≤ 0.5× the baseline with discord.js default REST',
    at(200).map((r) => {
      const d = find(rows, 'baseline-default', r.spec, () => true);
      const ok = d ? r.overheadP50 <= 0.5 * d.overheadP50 : undefined;
      return [`count ${r.spec.count}: ${ratioOf(r.overheadP50, d?.overheadP50 ?? Number.NaN)}`, ok];
    }),
  );
  check(
    'completion lag p50 ≤ 50 ms',
    bots.map((r) => [`N=${r.spec.n} count ${r.spec.count}: ${ms(r.lagP50)}`, r.lagP50 <= 50]),
  );
  check(
    'peak RSS ≤ 1.5× baseline at N=500, count 4',
    bots
      .filter((r) => r.spec.n === 500 && r.spec.count === 4)
      .map((r) => {
        const b = base(r);
        return [
          `${fmt(r.peakRssMb, 0)} MB vs ${fmt(b?.peakRssMb ?? Number.NaN, 0)} MB = ${ratioOf(r.peakRssMb, b?.peakRssMb ?? Number.NaN)}`,
          b && r.peakRssMb <= 1.5 * b.peakRssMb,
        ];
      }),
  );
  // Issue 12: a burst never takes a small host down.
  const burst = rows.filter(
    (r) => r.spec.pipeline === 'bot' && r.spec.falConcurrency === mainConcurrency && !r.spec.prefillRows,
  );
  const shaped = (n: number, count: number, format: string) =>
    burst.filter((r) => r.spec.n === n && r.spec.count === count && r.spec.format === format);
  check(
    'peak RSS at N=500 count 4 PNG ≤ 400 MB and ≤ 0.35× baseline',
    shaped(500, 4, 'png').map((r) => {
      const b = base(r);
      return [
        `${fmt(r.peakRssMb, 0)} MB vs baseline ${fmt(b?.peakRssMb ?? Number.NaN, 0)} MB = ${ratioOf(r.peakRssMb, b?.peakRssMb ?? Number.NaN)}`,
        b && r.peakRssMb <= 400 && r.peakRssMb <= 0.35 * b.peakRssMb,
      ];
    }),
  );
  check(
    'peak RSS at N=1000 count 1 ≤ 300 MB',
    shaped(1000, 1, 'jpeg').map((r) => [`${fmt(r.peakRssMb, 0)} MB`, r.peakRssMb <= 300]),
  );
  check(
    'delivery overhead p50 ≤ 1.1× baseline in every burst round (PNG and N=1000 included), lost = 0',
    burst
      .filter((r) => r.spec.format === 'png' || r.spec.n === 1000)
      .map((r) => {
        const b = base(r);
        return [
          `N=${r.spec.n} count ${r.spec.count} ${r.spec.format}: ${ratioOf(r.overheadP50, b?.overheadP50 ?? Number.NaN)}, lost ${r.lost}`,
          b ? r.overheadP50 <= 1.1 * b.overheadP50 && r.lost === 0 : undefined,
        ];
      }),
  );
  const perImage = (r: Summary) => r.cpuSeconds / Math.max(1, (r.expected - r.lost) * r.spec.count);
  check(
    'CPU seconds per delivered image ≤ 0.9× baseline at N=200 and N=500',
    burst
      .filter((r) => r.spec.n === 200 || r.spec.n === 500)
      .map((r) => {
        const b = base(r);
        const ratio = b ? perImage(r) / perImage(b) : Number.NaN;
        return [
          `N=${r.spec.n} count ${r.spec.count} ${r.spec.format}: ${(perImage(r) * 1000).toFixed(2)} ms vs ${b ? (perImage(b) * 1000).toFixed(2) : 'n/a'} ms = ${Number.isNaN(ratio) ? 'n/a' : `${ratio.toFixed(2)}×`}`,
          b ? ratio <= 0.9 : undefined,
        ];
      }),
  );
  const prefilled = rows.filter((r) => r.spec.pipeline === 'bot' && r.spec.prefillRows);
  check(
    'memory does not grow with the generations already stored (RSS after warm-up within 10%)',
    prefilled.map((r) => {
      const fresh = find(rows, 'bot', r.spec);
      const idle = `${fmt(r.idleRssMb, 0)} MB vs ${fmt(fresh?.idleRssMb ?? Number.NaN, 0)} MB`;
      const peak = `${fmt(r.peakRssMb, 0)} MB vs ${fmt(fresh?.peakRssMb ?? Number.NaN, 0)} MB`;
      return [
        `${r.spec.prefillRows} stored vs empty database: after warm-up ${idle}, peak ${peak}`,
        fresh && r.idleRssMb <= 1.1 * fresh.idleRssMb,
      ];
    }),
  );
  check(
    'growth: overhead p50 at N=500 ≤ 2× overhead p50 at N=1',
    [1, 4].map((count) => {
      const one = bots.find((r) => r.spec.n === 1 && r.spec.count === count);
      const many = bots.find((r) => r.spec.n === 500 && r.spec.count === count);
      return [
        `count ${count}: ${ms(many?.overheadP50)} vs ${ms(one?.overheadP50)} = ${ratioOf(many?.overheadP50 ?? Number.NaN, one?.overheadP50 ?? Number.NaN)}`,
        one && many ? many.overheadP50 <= 2 * one.overheadP50 : undefined,
      ];
    }),
  );
  // The bot's own losses are the target; the baseline's are reported (it has no budget and gives up).
  const botRows = rows.filter((r) => r.spec.pipeline === 'bot');
  const lossy = botRows.filter((r) => r.lost > 0);
  const total = botRows.reduce((sum, r) => sum + r.expected, 0);
  const baselineLost = rows
    .filter((r) => r.spec.pipeline !== 'bot' && r.lost > 0)
    .map((r) => `${r.spec.pipeline} N=${r.spec.n}×${r.spec.count} ${r.spec.format}: ${r.lost} lost`);
  check('deliveries lost = 0 (the bot)', [
    [
      (lossy.length === 0
        ? `0 of ${total} in all the bot's rounds`
        : lossy.map((r) => `N=${r.spec.n}×${r.spec.count} ${r.spec.format}: ${r.lost} lost`).join(', ')) +
        (baselineLost.length > 0 ? ` (baseline: ${baselineLost.join(', ')})` : ''),
      lossy.length === 0,
    ],
  ]);
  return out;
}

export function targetList(list: Target[]): string {
  return list
    .map(
      (t) =>
        `- ${t.met === undefined ? '(not measured)' : t.met ? 'MET' : 'NOT MET'}: ${t.text} — ${t.figures}`,
    )
    .join('\n');
}

/** The SQLite bot round a PostgreSQL round is compared with: same shape and FAL_CONCURRENCY. */
export function sqliteOf(rows: Summary[], row: Summary): Summary | undefined {
  return find(rows, 'bot', row.spec, (s) => !s.prefillRows && s.falConcurrency === row.spec.falConcurrency);
}

export const OVERHEAD_VS_SQLITE = 1.3;

/** The PostgreSQL rounds' targets: overhead close to SQLite's, nothing lost, every job claimed. */
export function postgresTargets(rows: Summary[]): Target[] {
  const pg = rows.filter((r) => r.spec.postgres);
  if (pg.length === 0) return [];
  const name = (r: Summary) => `${POSTGRES_SETUPS[r.spec.postgres!]} N=${r.spec.n}`;
  const verdict = (pairs: [string, boolean | undefined][]) => {
    const known = pairs.filter(([, met]) => met !== undefined);
    return {
      met: known.length === 0 ? undefined : known.every(([, met]) => met),
      figures: pairs.map(([figure]) => figure).join('; '),
    };
  };
  return [
    {
      text: `PostgreSQL: overhead p50 within ${OVERHEAD_VS_SQLITE}× of SQLite's (same run, same N and FAL_CONCURRENCY)`,
      ...verdict(
        pg.map((r) => {
          const base = sqliteOf(rows, r);
          return [
            `${name(r)}: ${ms(r.overheadP50)} vs SQLite ${ms(base?.overheadP50)} = ${ratioOf(r.overheadP50, base?.overheadP50 ?? Number.NaN)}`,
            base ? r.overheadP50 <= OVERHEAD_VS_SQLITE * base.overheadP50 : undefined,
          ];
        }),
      ),
    },
    {
      text: 'PostgreSQL: deliveries lost = 0 and every measured generation claimed',
      ...verdict(
        pg.map((r) => [
          `${name(r)}: lost ${r.lost}/${r.expected}, unclaimed ${r.unclaimed}`,
          r.lost === 0 && r.unclaimed === 0,
        ]),
      ),
    },
  ];
}
