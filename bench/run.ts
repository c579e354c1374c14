// npm run bench [-- --quick] [-- --profile]
// What the bot costs per generation and how that grows with load: see README "Benchmark". Starts the fal
// and Discord emulators in this process, runs each round against a fresh bot (or baseline) process,
// prints the tables and writes them to bench/results.md.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFalEmulator } from '../test/emulators/fal/index.ts';
import { MAIN_FAL_CONCURRENCY, plan } from './plan.ts';
import { summarise as summariseProfile } from './profile.ts';
import { find, IDLE_RSS, type Summary, summarise, table, targetList, targets } from './report.ts';
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
// Rounds are bounded one by one; this stops starting new ones if the whole run goes badly wrong.
const RUN_BUDGET_MS = 10 * 60_000;
const profileDir = fileURLToPath(new URL('./profiles/', import.meta.url));
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
const fal = await startFalEmulator({ generationMs, imageLongSide: 1024 });
const workDir = mkdtempSync(join(tmpdir(), 'kontext-bench-'));
const ctx: BenchContext = { fal, generationMs, logLevel: values['log-level'], workDir, keepRoundDirs: false };
if (values.profile) mkdirSync(profileDir, { recursive: true });

const rounds = plan({ quick: values.quick });
const rows: Summary[] = [];
const skipped: string[] = [];
try {
  for (const [index, spec] of rounds.entries()) {
    if (performance.now() - startedAt > RUN_BUDGET_MS) {
      skipped.push(label(spec));
      continue;
    }
    const profiled = values.profile && spec.pipeline !== 'baseline-default';
    const roundProfileDir = profiled ? mkdtempSync(join(workDir, 'profile-')) : undefined;
    const result = await timedRound({ ...spec, cpuProfDir: roundProfileDir }, ctx, index);
    const row = summarise(result);
    rows.push({ ...row, spec });
    say(
      `[${index + 1}/${rounds.length}] ${label(spec)}: overhead p50 ${row.overheadP50.toFixed(0)} ms, ` +
        `lag p50 ${row.lagP50.toFixed(0)} ms, ack p99 ${row.ackP99.toFixed(1)} ms, lost ${row.lost} ` +
        `(${(row.wallMs / 1000).toFixed(1)} s)`,
    );
    if (roundProfileDir) {
      const [file] = readdirSync(roundProfileDir).filter((f) => f.endsWith('.cpuprofile'));
      if (file) {
        const target = join(profileDir, `${label(spec).replaceAll(/[^\w=.-]+/g, '_')}.cpuprofile`);
        renameSync(join(roundProfileDir, file), target);
        say(`  profile: ${target}`);
      }
    }
  }
} finally {
  await fal.close();
  rmSync(workDir, { recursive: true, force: true });
}

const totalSeconds = (performance.now() - startedAt) / 1000;
const benchCpu = process.cpuUsage(benchCpuBefore);
const main = (pipeline: RoundSpec['pipeline']) =>
  rows.filter(
    (r) =>
      r.spec.pipeline === pipeline &&
      r.spec.format === 'jpeg' &&
      !r.spec.prefillRows &&
      (pipeline !== 'bot' || r.spec.falConcurrency === MAIN_FAL_CONCURRENCY),
  );
const baselineOf = (row: Summary) => find(rows, 'baseline', row.spec, () => true);
const times = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const leverRows = main('bot').flatMap((r) => {
  const plain = find(rows, 'baseline-default', r.spec, () => true);
  if (!plain) return [];
  const lifted = baselineOf(r);
  return [
    `| ${r.spec.n} | ${r.spec.count} | ${r.overheadP50.toFixed(0)} | ${lifted?.overheadP50.toFixed(0) ?? 'n/a'} | ` +
      `${plain.overheadP50.toFixed(0)} | ${times(r.overheadP50, plain.overheadP50)} | ${r.overheadP99.toFixed(0)} | ` +
      `${lifted?.overheadP99.toFixed(0) ?? 'n/a'} | ${plain.overheadP99.toFixed(0)} | ${times(r.overheadP99, plain.overheadP99)} |`,
  ];
});
const png = rows.filter((r) => r.spec.format === 'png');
const stored = rows.filter((r) => r.spec.prefillRows);
const defaultConcurrency = rows.filter(
  (r) => r.spec.pipeline === 'bot' && r.spec.falConcurrency === undefined,
);
const violations = [...new Set(rows.flatMap((r) => r.violations))];
const cpu = cpus();

const report = [
  '# kontext-bot benchmark results',
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}`,
  `- Node ${process.version}; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
  `- emulated generation ${generationMs} ms, images 1024 px (jpeg ≈ 300 KB, png ≈ 1.5 MB), bot LOG_LEVEL=${values['log-level']}, ` +
    `main table FAL_CONCURRENCY=${MAIN_FAL_CONCURRENCY}`,
  `- run took ${totalSeconds.toFixed(0)} s; the bench process (both emulators) used ` +
    `${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} CPU s${values.quick ? '; --quick run' : ''}`,
  '',
  'Times in ms; overhead = final edit received − interaction sent − generation time; lag = fal COMPLETED →',
  'final edit received. CPU s and peak RSS are those of the process under test during the measured',
  'interactions (peak RSS since it started). Figures in brackets are bot / baseline.',
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
  '| N | count | bot p50 | baseline lifted p50 | baseline default p50 | bot / default p50 | bot p99 | baseline lifted p99 | baseline default p99 | bot / default p99 |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...leverRows,
  '',
  '## PNG (bracketed: bot / baseline)',
  '',
  table(
    png.filter((r) => r.spec.pipeline === 'bot'),
    (row) => find(rows, 'baseline', row.spec, () => true),
  ),
  table(png.filter((r) => r.spec.pipeline === 'baseline'))
    .split('\n')
    .slice(2)
    .join('\n'),
  '',
  '## Stored history (bracketed: database prefilled / empty)',
  '',
  table(stored, (row) => find(rows, 'bot', row.spec), [IDLE_RSS]),
  '',
  '## The bot with its default FAL_CONCURRENCY (bracketed: / the same round at FAL_CONCURRENCY=1000)',
  '',
  table(defaultConcurrency, (row) => find(rows, 'bot', row.spec)),
  '',
  '## Targets',
  '',
  targetList(targets(rows, MAIN_FAL_CONCURRENCY)),
  '',
  `Discord limit violations seen by the emulator: ${violations.length === 0 ? 'none' : violations.slice(0, 10).join('; ')}`,
  skipped.length > 0 ? `\nSkipped (run budget exhausted): ${skipped.join(', ')}` : '',
].join('\n');

process.stdout.write(`${report}\n`);
writeFileSync(values.out, `${report}\n`);
say(`\nwritten to ${values.out} in ${totalSeconds.toFixed(0)} s`);
if (values.profile) {
  for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
    if (!file.startsWith('bot_N=500_count_4')) continue;
    say(`\n## ${file}\n${summariseProfile(JSON.parse(readFileSync(join(profileDir, file), 'utf8')), 15)}`);
  }
}
process.exitCode = rows.some((r) => r.lost > 0) ? 1 : 0;
