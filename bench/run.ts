// npm run bench [-- --quick | --profile] [-- --generation-ms 2000 --log-level info --out bench/results.md]
// What the bot costs per generation and how that grows with load: see README "Benchmark". Starts the fal
// and Discord emulators in this process, runs each round against a fresh bot (or baseline) process,
// prints the tables and writes them to bench/results.md. --profile instead profiles the heaviest rounds.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFalEmulator } from '../test/emulators/fal/index.ts';
import { plan } from './plan.ts';
import { profileRounds } from './profileRounds.ts';
import { type Summary, summarise } from './report.ts';
import { resultsDocument } from './results.ts';
import { type BenchContext, type RoundSpec, timedRound } from './round.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'generation-ms': { type: 'string', default: '2000' },
    'log-level': { type: 'string', default: 'info' },
    out: { type: 'string', default: fileURLToPath(new URL('./results.md', import.meta.url)) },
  },
});
const generationMs = Number(values['generation-ms']);
// Every round is bounded on its own; this only stops starting new ones if a run goes badly wrong.
const RUN_BUDGET_MS = 10 * 60_000;
const say = (line: string) => process.stderr.write(`${line}\n`);

const label = (spec: RoundSpec): string =>
  [
    spec.pipeline,
    `N=${spec.n}${spec.repeat > 1 ? `×${spec.repeat}` : ''}`,
    `count ${spec.count}`,
    spec.format,
    spec.prefillRows ? `${spec.prefillRows} stored` : '',
    spec.pipeline === 'bot' ? `FAL_CONCURRENCY=${spec.falConcurrency ?? 'default'}` : '',
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
try {
  if (values.profile) {
    const heaviest = plan({ quick: false }).filter(
      (spec) => spec.n === 500 && spec.count === 4 && spec.pipeline !== 'baseline-default',
    );
    const profiles = fileURLToPath(new URL('./profiles/', import.meta.url));
    process.stdout.write(`${await profileRounds(ctx, heaviest, profiles)}\n`);
  } else {
    const rounds = plan({ quick: values.quick });
    for (const [index, spec] of rounds.entries()) {
      if (performance.now() - startedAt > RUN_BUDGET_MS) {
        skipped.push(label(spec));
        continue;
      }
      const row = summarise(await timedRound(spec, ctx, index));
      rows.push(row);
      say(
        `[${index + 1}/${rounds.length}] ${label(spec)}: overhead p50 ${row.overheadP50.toFixed(0)} ms, ` +
          `lag p50 ${row.lagP50.toFixed(0)} ms, ack p99 ${row.ackP99.toFixed(1)} ms, lost ${row.lost} ` +
          `(${(row.wallMs / 1000).toFixed(1)} s)`,
      );
    }
  }
} finally {
  await fal.close();
  rmSync(workDir, { recursive: true, force: true });
}

if (!values.profile) {
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const totalSeconds = (performance.now() - startedAt) / 1000;
  const document = resultsDocument(rows, {
    generationMs,
    logLevel: values['log-level'],
    quick: values.quick,
    totalSeconds,
    benchCpuSeconds: (benchCpu.user + benchCpu.system) / 1e6,
    loadBefore,
    loadAfter: loadavg(),
    skipped,
    falConcurrencySupported: readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8').includes(
      'FAL_CONCURRENCY',
    ),
  });
  process.stdout.write(`${document}\n`);
  writeFileSync(values.out, `${document}\n`);
  say(`\nwritten to ${values.out} in ${totalSeconds.toFixed(0)} s`);
  process.exitCode = rows.some((r) => r.lost > 0) ? 1 : 0;
}
