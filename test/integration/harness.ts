import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { type RunningBot, startBot } from '../../src/bot.ts';
import { type Config, DEFAULT_HOST_MODERATION } from '../../src/config.ts';
import type { Generation } from '../../src/core/generation.ts';
import { createLogger } from '../../src/logger.ts';
import {
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type InteractionContext,
  type RecordedRequest,
  type SentInteraction,
  startDiscordEmulator,
} from '../emulators/discord/index.ts';
import { type FalEmulator, type FalEmulatorOptions, startFalEmulator } from '../emulators/fal/index.ts';
import { freshDatabase } from '../storage/testPostgres.ts';

/** Every log line the bot wrote, parsed, so tests can assert on what a host would read. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  private readonly waiters = new Set<() => void>();
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    for (const wake of [...this.waiters]) wake();
    callback();
  }
  /** Resolves with the first entry (past or future) that matches. */
  waitFor(
    predicate: (entry: Record<string, unknown>) => boolean,
    timeoutMs = 10_000,
  ): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error('no matching log line'));
      }, timeoutMs);
      const check = () => {
        const found = this.entries().find(predicate);
        if (!found) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found);
      };
      this.waiters.add(check);
      check();
    });
  }
  entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

export interface Stack {
  discord: DiscordEmulator;
  fal: FalEmulator;
  bot: RunningBot;
  logs: LogCapture;
  config: Config;
  dbPath: string;
  /** Stops the bot and starts a new one on the same database and emulators; `between` runs while none runs. */
  restartBot(between?: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(
  options: {
    fal?: FalEmulatorOptions;
    discord?: DiscordEmulatorOptions;
    config?: Partial<Config>;
    progressIntervalMs?: number;
    /** postgres: a fresh database on the run's PostgreSQL (test/globalSetup/postgres.ts). */
    database?: 'sqlite' | 'postgres';
  } = {},
): Promise<Stack> {
  const discord = await startDiscordEmulator(options.discord);
  const fal = await startFalEmulator(options.fal);
  const dir = mkdtempSync(join(tmpdir(), 'kontext-it-'));
  const postgres = options.database === 'postgres' ? await freshDatabase() : undefined;
  const config: Config = {
    discordToken: discord.token,
    falKey: fal.key,
    discordApiUrl: discord.apiUrl,
    falQueueUrl: fal.url,
    falRestUrl: fal.restUrl,
    editMaxImageBytes: 10 * 1024 * 1024,
    databaseUrl: postgres?.url ?? `sqlite:${join(dir, 'bot.sqlite')}`,
    guildId: undefined,
    logLevel: 'debug',
    falTimeoutMs: 20_000,
    falConcurrency: 4,
    // The emulators serve images (fal's results, Discord's attachments) over plain http on loopback.
    allowHttpHosts: [new URL(fal.url).host, new URL(discord.apiUrl).host],
    queuePerMember: 3,
    imageMemoryBytes: 96 * 1024 * 1024,
    shutdownGraceMs: 5000,
    runJobs: true,
    sharding: undefined,
    metrics: undefined,
    workerId: undefined,
    moderation: DEFAULT_HOST_MODERATION,
    ...options.config,
  };
  const logs = new LogCapture();
  const launch = () =>
    startBot(
      config,
      createLogger({
        level: config.logLevel,
        secrets: [config.discordToken, config.falKey],
        destination: logs,
      }),
      { progressIntervalMs: options.progressIntervalMs ?? 5000 },
    );
  const stack: Stack = {
    discord,
    fal,
    logs,
    config,
    bot: await launch(),
    async restartBot(between) {
      await stack.bot.stop();
      await between?.();
      stack.bot = await launch();
    },
    dbPath: join(dir, 'bot.sqlite'),
    async close() {
      await stack.bot.stop();
      await Promise.all([discord.close(), fal.close()]);
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

export const OptionType = { String: 3, Integer: 4, Boolean: 5, Number: 10 } as const;

export function imagine(
  stack: Stack,
  options: Record<string, string | number | boolean>,
  ctx?: InteractionContext,
): SentInteraction {
  const types: Record<string, number> = {
    prompt: OptionType.String,
    aspect_ratio: OptionType.String,
    format: OptionType.String,
    count: OptionType.Integer,
    seed: OptionType.Integer,
    guidance: OptionType.Number,
    enhance_prompt: OptionType.Boolean,
  };
  const list = Object.entries(options).map(([name, value]) => ({
    name,
    type: types[name] ?? OptionType.String,
    value,
  }));
  return stack.discord.slashCommand('imagine', list, ctx);
}

const originalRoute = (stack: Stack, token: string) =>
  `/webhooks/${stack.discord.applicationId}/${token}/messages/@original`;

/** Waits for the edit that delivers images to this interaction's original response. */
export function delivery(stack: Stack, sent: SentInteraction): Promise<RecordedRequest> {
  const route = originalRoute(stack, sent.token);
  return stack.discord.waitForRequest((r) => r.method === 'PATCH' && r.route === route && r.files.length > 0);
}

/** Waits for the ephemeral follow-up (or reply) that tells the member something went wrong or was refused. */
export function ephemeralAnswer(stack: Stack, sent: SentInteraction): Promise<RecordedRequest> {
  const followUp = `/webhooks/${stack.discord.applicationId}/${sent.token}`;
  const callback = `/interactions/${sent.id}/${sent.token}/callback`;
  return stack.discord.waitForRequest((r) => {
    const body = r.json as { type?: number; data?: { flags?: number }; flags?: number } | undefined;
    if (r.route === callback) return body?.type === 4 && ((body.data?.flags ?? 0) & 64) === 64;
    return r.method === 'POST' && r.route === followUp && ((body?.flags ?? 0) & 64) === 64;
  });
}

export function contentOf(request: RecordedRequest): string {
  const body = request.json as { content?: string; data?: { content?: string } } | undefined;
  return body?.content ?? body?.data?.content ?? '';
}

/** Resolves with the stored generation once the bot has delivered or failed it. */
export function settled(stack: Stack, generationId: string): Promise<Generation> {
  return new Promise((resolve, reject) => {
    const { store } = stack.bot.ctx;
    const runner = stack.bot.runner!;
    const onSettled = (generation: Generation) => {
      if (generation.id !== generationId) return;
      runner.events.off('settled', onSettled);
      resolve(generation);
    };
    runner.events.on('settled', onSettled);
    store.getGeneration(generationId).then((stored) => {
      if (stored && (stored.status === 'delivered' || stored.status === 'failed')) onSettled(stored);
    }, reject);
  });
}

export function expectNoViolations(stack: Stack): void {
  expect(stack.discord.violations).toEqual([]);
}
