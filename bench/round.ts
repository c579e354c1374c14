// One measured round: a fresh Discord emulator, a fresh process under test (bot or baseline), one
// unmeasured warm-up generation, then N simultaneous /imagine interactions. Every time below is a
// performance.now() of the bench process, where both emulators run, so they are directly comparable.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DiscordEmulator,
  type RecordedRequest,
  startDiscordEmulator,
} from '../test/emulators/discord/index.ts';
import type { FalEmulator } from '../test/emulators/fal/index.ts';
import { type RunningChild, startChild } from './botProcess.ts';
import { type BenchDatabase, createBenchDatabase } from './postgres.ts';
import { prefillDatabase } from './prefill.ts';
import { cpuPressureMicros, cpuSeconds, peakRssBytes, rssBytes } from './procStats.ts';

const IDLE_SAMPLES = 10;
const IDLE_SAMPLE_MS = 100;

export type Pipeline = 'bot' | 'baseline' | 'baseline-default';

/** The bot on PostgreSQL: `npm start` alone, or a gateway (RUN_JOBS=false) and two `npm run worker`. */
export type PostgresSetup = 'one-process' | 'gateway+2-workers';
export const POSTGRES_SETUPS: Record<PostgresSetup, string> = {
  'one-process': 'PostgreSQL, one process',
  'gateway+2-workers': 'PostgreSQL, gateway + 2 workers',
};

export interface RoundSpec {
  pipeline: Pipeline;
  n: number;
  count: number;
  format: 'jpeg' | 'png';
  /** Batches of N fired one after the other; N=1 uses several so its p50 is not a single sample. */
  repeat: number;
  /** FAL_CONCURRENCY for the bot; undefined leaves the bot's own default. */
  falConcurrency?: number;
  /** Delivered generations already in the database when the bot starts. */
  prefillRows?: number;
  /** Write a CPU profile of the process under test into this directory. */
  cpuProfDir?: string;
  /** The bot on a fresh PostgreSQL database (BenchContext.postgresUrl) instead of SQLite. */
  postgres?: PostgresSetup;
}

/** One process under test (the bot alone, or each of a gateway and its workers). */
export interface ProcessFigures {
  name: string;
  cpuSeconds: number;
  peakRssBytes: number;
  idleRssBytes: number;
  /** Measured generations this process claimed from the shared queue (PostgreSQL), else NaN. */
  claims: number;
}

export interface RoundResult {
  spec: RoundSpec;
  /** Per measured interaction, in ms: interaction sent → deferred callback received. */
  acks: number[];
  /** (final edit received − interaction sent) − emulated generation time. */
  overheads: number[];
  /** fal job COMPLETED → final edit received. */
  lags: number[];
  expected: number;
  lost: number;
  /** Delivered generations per second, first interaction sent → last final edit received. */
  throughput: number;
  cpuSeconds: number;
  peakRssBytes: number;
  /** Resident memory once started and warmed up, before the measured interactions. */
  idleRssBytes: number;
  /** CPU seconds of the bench process itself (both emulators) during the measured interactions. */
  emulatorCpuSeconds: number;
  /** Share of the measured time in which some task waited for a CPU (PSI), NaN where unavailable. */
  cpuPressure: number;
  /** The whole round including process start and stop. */
  wallMs: number;
  violations: string[];
  /**
   * PostgreSQL: per measured generation, its first `claimed generation` log time minus its `generation
   * accepted` log time (ms, the processes' own clocks on this machine). Empty on SQLite.
   */
  claimLatencies: number[];
  /** Measured generations accepted but never claimed (PostgreSQL). */
  unclaimed: number;
  /** cpuSeconds, peakRssBytes and idleRssBytes above are the sums of these. */
  processes: ProcessFigures[];
}

export interface BenchContext {
  fal: FalEmulator;
  generationMs: number;
  logLevel: string;
  workDir: string;
  keepRoundDirs: boolean;
  /** A PostgreSQL server for the PostgreSQL rounds (its database only serves to connect). */
  postgresUrl?: string;
}

const SCRIPTS: Record<Pipeline, string> = {
  bot: fileURLToPath(new URL('../src/main.ts', import.meta.url)),
  baseline: fileURLToPath(new URL('./baseline.ts', import.meta.url)),
  'baseline-default': fileURLToPath(new URL('./baseline.ts', import.meta.url)),
};
/** The Node flags `npm start` gives the bot (package.json), so the bench measures what hosts run. */
const BOT_NODE_FLAGS: string[] = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
})();
const READY_TIMEOUT_MS = 30_000;
const POLL_MS = 5;

interface Tracked {
  token: string;
  prompt: string;
  sentAt: number;
  callbackAt?: number;
  finalAt?: number;
  delivered: boolean;
  failed: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads the emulator's request log incrementally and files each request under its interaction. */
class RequestScanner {
  private cursor = 0;
  private readonly discord: DiscordEmulator;
  private readonly byToken = new Map<string, Tracked>();
  private readonly count: number;

  constructor(discord: DiscordEmulator, count: number) {
    this.discord = discord;
    this.count = count;
  }

  track(items: Tracked[]): void {
    for (const item of items) this.byToken.set(item.token, item);
  }

  scan(): void {
    const requests = this.discord.requests;
    for (; this.cursor < requests.length; this.cursor++) this.classify(requests[this.cursor]!);
  }

  private classify(request: RecordedRequest): void {
    const parts = request.route.split('/');
    if (parts[1] === 'interactions' && parts[4] === 'callback') {
      const item = this.byToken.get(parts[3] ?? '');
      if (item && item.callbackAt === undefined) item.callbackAt = request.receivedAt;
      if (item && request.status >= 300) item.failed = true;
      return;
    }
    if (parts[1] !== 'webhooks') return;
    const item = this.byToken.get(parts[3] ?? '');
    if (!item) return;
    if (request.method === 'POST' && parts.length === 4) {
      item.failed = true; // a follow-up only ever carries a failure message
    } else if (request.method === 'PATCH' && parts[5] === '@original' && request.files.length > 0) {
      item.finalAt = request.receivedAt;
      if (request.status === 200 && request.files.length === this.count) item.delivered = true;
      else item.failed = true;
    }
  }
}

function fire(
  discord: DiscordEmulator,
  spec: RoundSpec,
  prompts: string[],
  scanner: RequestScanner,
): Tracked[] {
  // One member per interaction, as in a busy server: per-member limits are not what is measured.
  const items = prompts.map((prompt, index) => {
    const user = { id: `31${String(index).padStart(16, '0')}`, username: `member${index}` };
    const sent = discord.slashCommand(
      'imagine',
      [
        { name: 'prompt', type: 3, value: prompt },
        { name: 'count', type: 4, value: spec.count },
        { name: 'format', type: 3, value: spec.format },
      ],
      { user },
    );
    return { token: sent.token, prompt, sentAt: sent.sentAt, delivered: false, failed: false };
  });
  scanner.track(items);
  return items;
}

/** Polls until every item is delivered or failed; false if the deadline passed first. */
async function settle(items: Tracked[], scanner: RequestScanner, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    scanner.scan();
    if (items.every((item) => item.delivered || item.failed)) return true;
    if (performance.now() > deadline) return false;
    await sleep(POLL_MS);
  }
}

function childEnv(
  spec: RoundSpec,
  ctx: BenchContext,
  discord: DiscordEmulator,
  dir: string,
  databaseUrl: string | undefined,
) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    DISCORD_TOKEN: discord.token,
    FAL_KEY: ctx.fal.key,
    DISCORD_API_URL: discord.apiUrl,
    FAL_QUEUE_URL: ctx.fal.url,
    // The emulator serves its images over plain http on loopback.
    ALLOW_HTTP_HOSTS: new URL(ctx.fal.url).host,
  };
  if (spec.pipeline === 'bot') {
    env.DATABASE_URL = databaseUrl ?? `sqlite:${join(dir, 'bot.sqlite')}`;
    env.LOG_LEVEL = ctx.logLevel;
    if (spec.falConcurrency !== undefined) env.FAL_CONCURRENCY = String(spec.falConcurrency);
    // Passed through to try other budgets: MAX_IMAGE_MEMORY_MB=32 npm run bench -- --only png
    if (process.env.MAX_IMAGE_MEMORY_MB) env.MAX_IMAGE_MEMORY_MB = process.env.MAX_IMAGE_MEMORY_MB;
    // The host's daily quotas and budget would refuse most of a 500-request burst: lift them (0 = none).
    env.DEFAULT_DAILY_PER_USER = '0';
    env.DEFAULT_DAILY_SERVER = '0';
    env.DEFAULT_DAILY_BUDGET_USD = '0';
  } else {
    env.BASELINE_REST = spec.pipeline === 'baseline' ? 'lever' : 'default';
  }
  return env;
}

async function waitUntilReady(discord: DiscordEmulator, child: RunningChild, logFile: string): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  // Both the bot and the baseline register /imagine once their gateway session is ready.
  while (discord.commands().length === 0) {
    if (child.hasExited || performance.now() > deadline) {
      const log = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
      throw new Error(`process under test did not become ready:\n${log}`);
    }
    await sleep(20);
  }
}

/** A process that runs no gateway (a worker) says it is running with its `started` log line. */
async function waitUntilStarted(child: RunningChild, logFile: string): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    const log = readFileSync(logFile, 'utf8');
    if (log.includes('"msg":"started"')) return;
    if (child.hasExited || performance.now() > deadline) {
      throw new Error(`process under test did not start:\n${log.split('\n').slice(-15).join('\n')}`);
    }
    await sleep(20);
  }
}

interface Launch {
  name: string;
  env: Record<string, string>;
  args: string[];
}

/** The processes of a round: the first one connects to the gateway. */
function launches(spec: RoundSpec): Launch[] {
  if (spec.postgres === 'gateway+2-workers') {
    return [
      { name: 'gateway', env: { RUN_JOBS: 'false', WORKER_ID: 'gateway' }, args: [] },
      { name: 'w1', env: { WORKER_ID: 'w1' }, args: ['--worker'] },
      { name: 'w2', env: { WORKER_ID: 'w2' }, args: ['--worker'] },
    ];
  }
  return [{ name: spec.pipeline, env: {}, args: [] }];
}

interface LogLine {
  msg?: string;
  generationId?: string;
  workerId?: string;
  time?: number;
}

/**
 * From the processes' logs: for each generation accepted at or after `since` (epoch ms), the time from
 * `generation accepted` to its first `claimed generation`, and who claimed it.
 */
function claimFigures(logFiles: string[], since: number) {
  const accepted = new Map<string, number>();
  const claimed = new Map<string, { time: number; workerId: string }>();
  for (const file of logFiles) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      let entry: LogLine;
      try {
        entry = JSON.parse(line) as LogLine;
      } catch {
        continue;
      }
      const { generationId: id, time } = entry;
      if (typeof id !== 'string' || typeof time !== 'number') continue;
      if (entry.msg === 'generation accepted' && time >= since) accepted.set(id, time);
      if (entry.msg === 'claimed generation') {
        const earlier = claimed.get(id);
        if (!earlier || time < earlier.time) claimed.set(id, { time, workerId: entry.workerId ?? '?' });
      }
    }
  }
  const latencies: number[] = [];
  const claimsBy = new Map<string, number>();
  let unclaimed = 0;
  for (const [id, at] of accepted) {
    const claim = claimed.get(id);
    if (!claim) {
      unclaimed++;
      continue;
    }
    latencies.push(claim.time - at);
    claimsBy.set(claim.workerId, (claimsBy.get(claim.workerId) ?? 0) + 1);
  }
  return { latencies, claimsBy, unclaimed };
}

export async function runRound(spec: RoundSpec, ctx: BenchContext, index: number): Promise<RoundResult> {
  const dir = mkdtempSync(join(ctx.workDir, `round${index}-`));
  const discord = await startDiscordEmulator();
  const running: { launch: Launch; child: RunningChild; logFile: string }[] = [];
  let database: BenchDatabase | undefined;
  try {
    if (spec.prefillRows) await prefillDatabase(join(dir, 'bot.sqlite'), spec.prefillRows);
    if (spec.postgres) {
      if (!ctx.postgresUrl) throw new Error(`round ${index}: no PostgreSQL server for ${spec.postgres}`);
      database = await createBenchDatabase(ctx.postgresUrl);
    }
    for (const launch of launches(spec)) {
      const logFile = join(dir, `${launch.name}.log`);
      const child = startChild({
        script: SCRIPTS[spec.pipeline],
        env: { ...childEnv(spec, ctx, discord, dir, database?.url), ...launch.env },
        cwd: dir,
        logFile,
        nodeArgs: [
          ...(spec.pipeline === 'bot' ? BOT_NODE_FLAGS : []),
          ...(spec.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${spec.cpuProfDir}`] : []),
        ],
        args: launch.args,
      });
      running.push({ launch, child, logFile });
    }
    const [front, ...workers] = running;
    await waitUntilReady(discord, front!.child, front!.logFile);
    // The bot says `started` once its claim loop runs too (PostgreSQL); the baseline never logs it.
    for (const r of spec.pipeline === 'bot' ? running : workers) await waitUntilStarted(r.child, r.logFile);
    const logFile = front!.logFile;
    const pids = running.map((r) => r.child.pid);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const scanner = new RequestScanner(discord, spec.count);

    // One unmeasured generation first: a running bot is warm (JIT, connection pools, prepared statements).
    const warm = fire(discord, spec, [`bench round ${index} warm-up`], scanner);
    if (!(await settle(warm, scanner, ctx.generationMs + 30_000)) || !warm[0]!.delivered) {
      throw new Error(`round ${index}: the warm-up generation was not delivered (see ${logFile})`);
    }

    // The lowest of a second's samples: one sample right after the warm-up caught whatever garbage the
    // collector had not reached yet (idle figures of identical rounds ranged 132–171 MB).
    const idleRss = pids.map(rssBytes);
    for (let sample = 0; sample < IDLE_SAMPLES; sample++) {
      await sleep(IDLE_SAMPLE_MS);
      pids.forEach((pid, i) => {
        idleRss[i] = Math.min(idleRss[i]!, rssBytes(pid));
      });
    }
    const cpuBefore = pids.map(cpuSeconds);
    const measureStartEpoch = Date.now();
    const emulatorCpuBefore = process.cpuUsage();
    const pressureBefore = cpuPressureMicros();
    const measureStart = performance.now();
    const measured: Tracked[] = [];
    // Bounded: every batch must finish within the time fal needs at the configured concurrency + 60 s.
    const limit = spec.pipeline === 'bot' ? (spec.falConcurrency ?? 1) : spec.n;
    const waves = Math.ceil(spec.n / Math.min(spec.n, limit));
    for (let batch = 0; batch < spec.repeat; batch++) {
      const prompts = Array.from({ length: spec.n }, (_, i) => `bench round ${index} batch ${batch} #${i}`);
      const items = fire(discord, spec, prompts, scanner);
      measured.push(...items);
      await settle(items, scanner, waves * ctx.generationMs + 60_000);
    }
    const cpuUsed = pids.map((pid, i) => cpuSeconds(pid) - cpuBefore[i]!);
    const peakRss = pids.map(peakRssBytes);
    const emulatorCpu = process.cpuUsage(emulatorCpuBefore);
    const pressure = (cpuPressureMicros() - pressureBefore) / 1000 / (performance.now() - measureStart);

    const completedAt = new Map<string, number>();
    for (const job of ctx.fal.jobs) {
      if (job.completedAt !== undefined) completedAt.set(job.input.prompt, job.completedAt);
    }
    // Stopped before their logs are read, so that every line is written out.
    await Promise.all(running.map((r) => r.child.stop()));
    const claims = spec.postgres
      ? claimFigures(
          running.map((r) => r.logFile),
          measureStartEpoch,
        )
      : undefined;
    const processes: ProcessFigures[] = running.map((r, i) => ({
      name: r.launch.name,
      cpuSeconds: cpuUsed[i]!,
      peakRssBytes: peakRss[i]!,
      idleRssBytes: idleRss[i]!,
      claims: !claims
        ? Number.NaN
        : running.length === 1
          ? sum([...claims.claimsBy.values()])
          : (claims.claimsBy.get(r.launch.name) ?? 0),
    }));
    const delivered = measured.filter((item) => item.delivered);
    const firstSent = Math.min(...measured.map((item) => item.sentAt));
    const lastFinal = Math.max(...delivered.map((item) => item.finalAt ?? firstSent));
    return {
      spec,
      acks: measured.flatMap((item) =>
        item.callbackAt === undefined ? [] : [item.callbackAt - item.sentAt],
      ),
      overheads: delivered.map((item) => item.finalAt! - item.sentAt - ctx.generationMs),
      lags: delivered.flatMap((item) => {
        const done = completedAt.get(item.prompt);
        return done === undefined ? [] : [item.finalAt! - done];
      }),
      expected: measured.length,
      lost: measured.length - delivered.length,
      throughput: delivered.length / ((lastFinal - firstSent) / 1000),
      cpuSeconds: sum(cpuUsed),
      peakRssBytes: sum(peakRss),
      idleRssBytes: sum(idleRss),
      emulatorCpuSeconds: (emulatorCpu.user + emulatorCpu.system) / 1e6,
      cpuPressure: pressure,
      wallMs: 0,
      violations: [...discord.violations],
      claimLatencies: claims?.latencies ?? [],
      unclaimed: claims?.unclaimed ?? 0,
      processes,
    };
  } finally {
    await Promise.all(running.map((r) => r.child.stop()));
    await database?.drop();
    await discord.close();
    if (!ctx.keepRoundDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** runRound plus the wall time of the whole round. */
export async function timedRound(spec: RoundSpec, ctx: BenchContext, index: number): Promise<RoundResult> {
  const started = performance.now();
  const result = await runRound(spec, ctx, index);
  return { ...result, wallMs: performance.now() - started };
}
