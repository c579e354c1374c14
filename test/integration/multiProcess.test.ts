// Past one machine: real bot processes (node src/main.ts, and --worker) sharing one PostgreSQL, against
// the loopback emulators. Workers are killed with SIGKILL, as a lost machine would be.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { encodeCustomId } from '../../src/core/customId.ts';
import {
  type DiscordEmulator,
  type GuildSpec,
  guildIdOnShard,
  type SentInteraction,
  startDiscordEmulator,
} from '../emulators/discord/index.ts';
import { type FalEmulator, startFalEmulator } from '../emulators/fal/index.ts';
import { type FreshDatabase, freshDatabase } from '../storage/testPostgres.ts';
import { BotProcess, emulatorEnv, type LogEntry } from './botProcess.ts';

let discord: DiscordEmulator;
let fal: FalEmulator;
let db: FreshDatabase | undefined;
const bots: BotProcess[] = [];

afterEach(async () => {
  for (const bot of bots.splice(0)) bot.kill('SIGKILL');
  await Promise.all([discord?.close(), fal?.close()]);
  await db?.drop();
  db = undefined;
});

function launch(extra: Record<string, string>, args: string[] = []): BotProcess {
  const bot = new BotProcess(
    emulatorEnv({ discord, fal }, '', { DATABASE_URL: db!.url, FAL_CONCURRENCY: '4', ...extra }),
    args,
  );
  bots.push(bot);
  return bot;
}

const imagine = (prompt: string, userId: string, guildId?: string, channelId?: string): SentInteraction =>
  discord.slashCommand('imagine', [{ name: 'prompt', type: 3, value: prompt }], {
    user: { id: userId },
    ...(guildId ? { guildId } : {}),
    ...(channelId ? { channelId } : {}),
  });

function deliveriesTo(token: string) {
  const route = `/webhooks/${discord.applicationId}/${token}/messages/@original`;
  return discord.requests.filter((r) => r.method === 'PATCH' && r.route === route && r.files.length > 0);
}

const delivered = (sent: SentInteraction) =>
  discord.waitForRequest(
    (r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.files.length > 0,
    90_000,
  );

const logsOf = (bot: BotProcess, msg: string): LogEntry[] => bot.logs.filter((entry) => entry.msg === msg);

async function scrape(bot: BotProcess): Promise<string> {
  const serving = await bot.waitForLog((entry) => entry.msg === 'serving /livez, /readyz and /metrics');
  const response = await fetch(`http://127.0.0.1:${String(serving.port)}/metrics`);
  return response.text();
}

function quantiles(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

function counter(text: string, line: string): number {
  const found = text.split('\n').find((l) => l.startsWith(line));
  return found ? Number(found.slice(line.length).trim()) : 0;
}

describe('GIVEN one gateway and three workers on PostgreSQL', () => {
  beforeEach(async () => {
    db = await freshDatabase();
    discord = await startDiscordEmulator();
    fal = await startFalEmulator({ generationMs: 400 });
  });

  test('WHEN 20 members send 60 /imagine and a worker is killed while its jobs are at fal THEN each is delivered once, fal never has more than 4, nothing is submitted twice', async () => {
    const gateway = launch({ RUN_JOBS: 'false', WORKER_ID: 'gateway', METRICS_PORT: '0' });
    await gateway.ready();
    const workers = ['w1', 'w2', 'w3'].map((id) =>
      launch({ WORKER_ID: id, METRICS_PORT: '0' }, ['--worker']),
    );
    await Promise.all(workers.map((worker) => worker.started()));

    const sent: SentInteraction[] = [];
    const sentAt = Date.now();
    for (let round = 0; round < 3; round++) {
      for (let n = 0; n < 20; n++)
        sent.push(imagine(`job ${round} of member ${n}`, `3000000000000003${String(n).padStart(2, '0')}`));
    }
    await Promise.all(sent.map((s) => s.callback()));
    // The victim dies while a job it submitted runs at fal. It is killed outside the one window where a
    // kill costs a second submit (fal answered, its request id not yet committed, logged per job as
    // unrecordedMs): fal holds its queue still until every job it has is recorded and all four slots are
    // at fal, so no worker can be in the middle of a submit.
    await fal.waitForJob((job) => job.status === 'IN_PROGRESS', 60_000);
    fal.pause();
    const recorded = () =>
      new Set(workers.flatMap((w) => logsOf(w, 'submitted to fal').map((e) => String(e.falRequestId))));
    const atFal = () => fal.jobs.filter((job) => job.status === 'IN_QUEUE' || job.status === 'IN_PROGRESS');
    const holder = () => {
      const running = new Set(atFal().map((job) => job.requestId));
      return workers.find((w) =>
        logsOf(w, 'submitted to fal').some((e) => running.has(String(e.falRequestId))),
      );
    };
    const steady = () => {
      const ids = recorded();
      return (
        atFal().length === 4 && fal.jobs.every((job) => ids.has(job.requestId)) && holder() !== undefined
      );
    };
    while (!steady()) {
      await Promise.race([
        ...workers.map((w) => w.nextLog()),
        fal.waitForJob(() => steady(), 60_000).catch(() => undefined),
      ]);
    }
    const victim = holder()!;
    const survivors = workers.filter((w) => w !== victim);
    const submitted = logsOf(victim, 'submitted to fal').find((e) =>
      atFal().some((job) => job.requestId === String(e.falRequestId)),
    )!;
    const killedAt = Date.now();
    victim.kill('SIGKILL');
    await victim.exited;
    fal.resume();
    const victimClaims = new Set(logsOf(victim, 'claimed generation').map((e) => String(e.generationId)));
    const victimDelivered = new Set(logsOf(victim, 'delivered').map((e) => String(e.generationId)));
    const orphaned = [...victimClaims].filter((id) => !victimDelivered.has(id));

    await Promise.all(sent.map(delivered));
    const finishedAt = Date.now();
    for (const s of sent) expect(deliveriesTo(s.token)).toHaveLength(1);
    expect(fal.maxInFlight).toBeLessThanOrEqual(4);
    const prompts = fal.jobs.map((job) => job.input.prompt);
    expect(prompts).toHaveLength(60);
    expect(new Set(prompts).size).toBe(60);
    // What the victim held went to the others, resumed by fal request id where it had one.
    const reclaimed = survivors.flatMap((worker) =>
      logsOf(worker, 'claimed generation').filter((e) => orphaned.includes(String(e.generationId))),
    );
    expect(orphaned.length).toBeGreaterThan(0);
    expect(new Set(reclaimed.map((e) => e.generationId)).size).toBe(orphaned.length);
    expect(reclaimed.some((e) => e.status === 'submitted' || e.status === 'completed')).toBe(true);
    expect(discord.violations).toEqual([]);

    const metrics = await Promise.all(survivors.map(scrape));
    const deliveredByMetrics = metrics.reduce(
      (sum, text) =>
        sum + counter(text, 'kontext_jobs_total{kind="imagine",outcome="delivered",role="worker"}'),
      0,
    );
    expect(deliveredByMetrics + victimDelivered.size).toBe(60);
    // No member, server or user ids as labels.
    for (const text of metrics) expect(text).not.toMatch(/[{,]\w*(user|member|guild)\w*=/i);

    const takeover = reclaimed.map((e) => Number(e.time) - killedAt);
    const report = {
      started: sent.length,
      killed: {
        worker: String(victim.logs.find((e) => e.msg === 'started')?.workerId),
        holding: orphaned.length,
        atFal: submitted.generationId,
      },
      reclaimed: reclaimed.length,
      takeoverMs: { first: Math.min(...takeover), last: Math.max(...takeover) },
      delivered: sent.filter((s) => deliveriesTo(s.token).length === 1).length,
      duplicates: sent.filter((s) => deliveriesTo(s.token).length > 1).length,
      falSubmits: prompts.length,
      falMaxInFlight: fal.maxInFlight,
      claims: workers.map((w) => logsOf(w, 'claimed generation').length),
      // fal answered the submit → its request id committed to PostgreSQL.
      unrecordedMs: quantiles(
        workers.flatMap((w) => logsOf(w, 'submitted to fal').map((e) => Number(e.unrecordedMs))),
      ),
      wallMs: finishedAt - sentAt,
      metricsExcerpt: metrics[0]!
        .split('\n')
        .filter((l) =>
          /^kontext_(jobs_total|images_total|estimated_spend|queue_depth|jobs_in_flight|fal_seconds_(sum|count)|queue_wait_seconds_(sum|count))/.test(
            l,
          ),
        )
        .filter((l) => !l.endsWith(' 0')),
    };
    if (process.env.MULTIPROCESS_OUT)
      writeFileSync(process.env.MULTIPROCESS_OUT, JSON.stringify(report, null, 2));
  }, 120_000);
});

describe('GIVEN a gateway that runs no jobs and one worker', () => {
  beforeEach(async () => {
    db = await freshDatabase();
    discord = await startDiscordEmulator();
    fal = await startFalEmulator({ generationMs: 50 });
  });

  test('WHEN no worker runs yet THEN members are shown their global place in line, and a worker that starts later delivers', async () => {
    const gateway = launch({ RUN_JOBS: 'false', WORKER_ID: 'gateway' });
    await gateway.ready();
    const first = imagine('first in line', '300000000000000601');
    const second = imagine('second in line', '300000000000000602');
    for (const [sent, position] of [
      [first, 1],
      [second, 2],
    ] as const) {
      await discord.waitForRequest(
        (r) =>
          r.route.includes(sent.token) && JSON.stringify(r.json).includes(`position ${position} in line`),
      );
    }
    expect(fal.jobs).toHaveLength(0);
    const worker = launch({ WORKER_ID: 'late' }, ['--worker']);
    await worker.started();
    await Promise.all([first, second].map(delivered));
    expect(fal.jobs.map((job) => job.input.prompt).sort()).toEqual(['first in line', 'second in line']);
  }, 60_000);

  test('WHEN the member presses Cancel on the gateway THEN the worker holding the job stops it at fal; both answer /readyz', async () => {
    const gateway = launch({ RUN_JOBS: 'false', WORKER_ID: 'gateway', METRICS_PORT: '0' });
    await gateway.ready();
    const worker = launch({ WORKER_ID: 'w1', METRICS_PORT: '0' }, ['--worker']);
    await worker.started();
    for (const bot of [gateway, worker]) {
      const serving = await bot.waitForLog((e) => e.msg === 'serving /livez, /readyz and /metrics');
      const ready = await fetch(`http://127.0.0.1:${String(serving.port)}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ok: true,
        checks: bot === gateway ? { gateway: true, database: true } : { database: true, notifications: true },
      });
    }
    fal.pause();
    const sent = imagine('a very long render', '300000000000000501');
    const job = await fal.waitForJob(() => true);
    const claimed = await worker.waitForLog((e) => e.msg === 'submitted to fal');
    const cancelId = encodeCustomId({ action: 'cancel', generationId: String(claimed.generationId) });
    const press = discord.button(cancelId, discord.originalMessage(sent.token)!, {
      user: { id: '300000000000000501' },
    });
    expect((await press.callback()).json).toMatchObject({ type: 6 });
    await discord.waitForRequest(
      (r) => r.route.includes(sent.token) && JSON.stringify(r.json).includes('cancelled'),
    );
    expect(fal.requests.some((r) => r.method === 'PUT' && r.path.endsWith(`${job.requestId}/cancel`))).toBe(
      true,
    );
    expect(gateway.logs.some((e) => e.msg === 'generation cancel requested')).toBe(true);
    expect(worker.logs.some((e) => e.msg === 'generation cancel requested')).toBe(false);
    fal.resume();
  }, 60_000);
});

describe('GIVEN two gateways owning shards 0,1 and 2,3 of four', () => {
  const GUILDS: GuildSpec[] = [0, 1, 2, 3].map((shard) => ({
    id: guildIdOnShard(shard, 4),
    name: `Shard ${shard}`,
    channels: [{ id: `20000000000000300${shard}` }],
  }));

  beforeEach(async () => {
    db = await freshDatabase();
    discord = await startDiscordEmulator({
      guilds: GUILDS,
      gateway: { recommendedShards: 4, maxConcurrency: 4 },
    });
    fal = await startFalEmulator({ generationMs: 50 });
  });

  test('WHEN members ask in every guild THEN each gateway answers only its own guilds, commands are registered once, every result arrives once', async () => {
    const low = launch({ SHARD_COUNT: '4', SHARD_IDS: '0,1', WORKER_ID: 'low' });
    const high = launch({ SHARD_COUNT: '4', SHARD_IDS: '2,3', WORKER_ID: 'high' });
    await Promise.all([low.ready(), high.started()]);
    await discord.waitForConnection();
    expect(discord.connectedShards()).toEqual([0, 1, 2, 3]);
    expect(
      high.logs.some((e) => e.msg === 'commands registered' || e.msg === 'commands already registered'),
    ).toBe(false);

    const sent = GUILDS.map((guild, i) =>
      imagine(`a picture in guild ${i}`, `30000000000000040${i}`, guild.id, guild.channels![0]!.id),
    );
    await Promise.all(sent.map(delivered));
    const acceptedBy = (bot: BotProcess) =>
      logsOf(bot, 'generation accepted').map((e) => String(e.interactionId));
    expect(acceptedBy(low).sort()).toEqual([sent[0]!.id, sent[1]!.id].sort());
    expect(acceptedBy(high).sort()).toEqual([sent[2]!.id, sent[3]!.id].sort());
    const guildsSeen = (bot: BotProcess) =>
      Number(bot.logs.find((e) => e.msg === 'connected to Discord')?.guilds);
    expect([guildsSeen(low), guildsSeen(high)]).toEqual([2, 2]);
    for (const s of sent) expect(deliveriesTo(s.token)).toHaveLength(1);
    expect(fal.jobs).toHaveLength(4);
  }, 60_000);
});

describe('GIVEN the default SQLite database', () => {
  test('WHEN a worker is started THEN it stops at once with one line naming DATABASE_URL', async () => {
    discord = await startDiscordEmulator();
    fal = await startFalEmulator();
    const worker = new BotProcess(emulatorEnv({ discord, fal }, '/tmp/kontext-unused.sqlite'), ['--worker']);
    bots.push(worker);
    expect((await worker.exited).code).toBe(1);
    expect(worker.stderr.join('')).toContain(
      'DATABASE_URL: a worker (npm run worker) needs a PostgreSQL database',
    );
  });
});
