import { hostname } from 'node:os';
import { REST } from '@discordjs/rest';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { BUTTONS, MODALS } from '../buttons/index.ts';
import * as edit from '../commands/edit.ts';
import * as editWithKontext from '../commands/editWithKontext.ts';
import * as favorites from '../commands/favorites.ts';
import * as history from '../commands/history.ts';
import * as imagine from '../commands/imagine.ts';
import * as preferences from '../commands/preferences.ts';
import * as preset from '../commands/preset.ts';
import * as settingsCommand from '../commands/settings.ts';
import * as usage from '../commands/usage.ts';
import { type Config, isPostgresUrl } from './config.ts';
import type { BotContext } from './context.ts';
import { ByteBudget } from './core/byteBudget.ts';
import { reachOf } from './core/commandReach.ts';
import { createChannelMessages } from './discord/channelMessages.ts';
import {
  createInteractionRouter,
  type Handlers,
  type MessageCommand,
  type SlashCommand,
} from './discord/interactionRouter.ts';
import { createInteractionReplies } from './discord/interactionWebhook.ts';
import { createMessageLookup } from './discord/messageLookup.ts';
import { registerCommands } from './discord/registerCommands.ts';
import { refuseWhileStopping } from './discord/respond.ts';
import { createRestClients } from './discord/restClients.ts';
import { createFalGateway } from './fal/falClient.ts';
import { createFalStorage } from './fal/falStorage.ts';
import { ClaimedSlots } from './jobs/claimedSlots.ts';
import { ClaimLoop } from './jobs/claimLoop.ts';
import { createSourcePreparer } from './jobs/editSources.ts';
import { GenerationRunner } from './jobs/generationRunner.ts';
import { type Jobs, localJobs, sharedJobs } from './jobs/jobs.ts';
import { SharedPositions } from './jobs/sharedPositions.ts';
import type { Logger } from './logger.ts';
import { ModerationPolicy } from './moderation/moderationPolicy.ts';
import { SettingsService } from './moderation/settingsService.ts';
import { type HealthServer, startHealthServer } from './ops/healthServer.ts';
import { jobMetrics } from './ops/jobMetrics.ts';
import { createMetrics } from './ops/metrics.ts';
import { acquireInstanceLock, type InstanceLock } from './storage/instanceLock.ts';
import { openStores, type Stores, sqlitePathOf } from './storage/openStore.ts';
import { PgJobBoard } from './storage/pg/pgJobBoard.ts';
import { openPgPool } from './storage/pg/pgPool.ts';

export const COMMANDS: SlashCommand[] = [
  imagine,
  edit,
  settingsCommand,
  usage,
  preferences,
  preset,
  history,
  favorites,
];
export const MESSAGE_COMMANDS: MessageCommand[] = [editWithKontext];
const HANDLERS: Handlers = {
  commands: COMMANDS,
  messageCommands: MESSAGE_COMMANDS,
  buttons: BUTTONS,
  modals: [...MODALS, editWithKontext.submitMessageEdit],
};

/**
 * Each definition with where the host lets it be used (src/core/commandReach.ts): the bot's DMs
 * (ALLOW_DMS) and a member's own install anywhere (ALLOW_USER_INSTALLS).
 */
export function registeredDefinitions(config: Pick<Config, 'moderation' | 'guildId'>) {
  // Discord honours a member's own install only for global commands; commands registered for one
  // server (DISCORD_GUILD_ID, for trying the bot) stay with the server install.
  const host = config.guildId ? { ...config.moderation, allowUserInstalls: false } : config.moderation;
  const withReach = <T extends { name: string; contexts?: readonly number[] }>(definition: T) => ({
    ...definition,
    ...reachOf(definition.name, definition.contexts, host),
  });
  return [
    ...COMMANDS.map((command) => withReach(command.definition)),
    ...MESSAGE_COMMANDS.map((command) => withReach(command.definition)),
  ];
}

/** `all`: the gateway and (unless RUN_JOBS=false) the jobs, as `npm start`; `worker`: jobs only. */
export type Role = 'all' | 'worker';

export interface RunningBot {
  /** undefined in a worker, which never connects to the gateway. */
  client: Client | undefined;
  ctx: BotContext;
  /** undefined where this process runs no jobs (a gateway with RUN_JOBS=false). */
  runner: GenerationRunner | undefined;
  role: Role;
  /** Stops taking work, lets running jobs finish for up to the grace time, closes Discord and the database. */
  stop(graceMs?: number): Promise<void>;
}

/** The composition root: every long-lived object is built and wired here, and nowhere else. */
export async function startBot(
  config: Config,
  logger: Logger,
  options: { progressIntervalMs?: number; role?: Role } = {},
): Promise<RunningBot> {
  const role = options.role ?? 'all';
  const shared = isPostgresUrl(config.databaseUrl);
  if (role === 'worker' && !shared) {
    throw new Error('DATABASE_URL: a worker (npm run worker) needs a PostgreSQL database (postgres://…)');
  }
  // Before the database is opened, so a second bot on the same file stops before it touches anything.
  // PostgreSQL coordinates any number of processes itself.
  const lock: InstanceLock = shared
    ? { release() {} }
    : acquireInstanceLock(sqlitePathOf(config.databaseUrl));
  let stores: Stores;
  try {
    stores = await openStores(config.databaseUrl);
  } catch (error) {
    lock.release();
    throw error;
  }
  const { store, settings: settingsStore, quotas, deliveries } = stores;
  const workerId = config.workerId ?? `${hostname()}:${process.pid}`;
  // The queue has connections of its own: under a burst every pooled connection can be waiting on a
  // server's quota lock, and claims must not queue behind admissions (npm run bench: claim p50 422 ms).
  const boardPool = stores.pool ? openPgPool(config.databaseUrl, { max: 3 }) : undefined;
  const board = boardPool ? new PgJobBoard(boardPool, config.databaseUrl, logger) : undefined;
  const orphans = await quotas.releaseOrphans(Date.now());
  if (orphans > 0)
    logger.warn({ reservations: orphans }, 'gave back quota reserved by requests that never started');
  const rest = createRestClients(config.discordApiUrl, logger);
  const metrics = createMetrics({
    defaultMetrics: config.metrics !== undefined,
    defaultLabels: { role },
    onCollectError: (gauge, error) => logger.warn({ err: error, gauge }, 'metric not collected'),
  });
  const gateway = role === 'all';
  const client = gateway
    ? new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: rest.clientRest,
        allowedMentions: { parse: [] },
        ...(config.sharding ? { shards: config.sharding.ids, shardCount: config.sharding.count } : {}),
      })
    : undefined;
  // A worker talks to Discord's REST only: channel posts with the bot token, replies with interaction tokens.
  const botRest = client?.rest ?? new REST(rest.clientRest).setToken(config.discordToken);
  const replies = createInteractionReplies(rest.interactionRest);
  const imageBudget = new ByteBudget(config.imageMemoryBytes);
  const runsJobs = role === 'worker' || config.runJobs;
  const runner = runsJobs
    ? new GenerationRunner({
        store,
        fal: createFalGateway({
          key: config.falKey,
          queueUrl: config.falQueueUrl,
          allowHttpHosts: config.allowHttpHosts,
        }),
        replies,
        channels: createChannelMessages(botRest),
        deliveries,
        lookup: createMessageLookup(botRest),
        logger,
        falTimeoutMs: config.falTimeoutMs,
        concurrency: config.falConcurrency,
        imageBudget,
        observer: jobMetrics(metrics, config.moderation),
        ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
        ...(board
          ? {
              slots: () => new ClaimedSlots(board, workerId, logger),
              jobEnded: (id: string) => board.release(id, workerId),
            }
          : {}),
      })
    : undefined;
  const settings = new SettingsService({
    store: settingsStore,
    host: config.moderation,
    logger,
    ...(board
      ? {
          changed: (guildId: string) =>
            void board
              .notify('settings', guildId)
              .catch((error: unknown) =>
                logger.warn({ err: error, guildId }, 'settings change not announced'),
              ),
        }
      : {}),
  });
  const policy = new ModerationPolicy({ settings, quotas, host: config.moderation, logger });
  runner?.events.on('settled', (generation) => {
    policy.settle(generation).catch((error: unknown) => logger.error({ err: error }, 'policy settle failed'));
  });
  runner?.events.on('unreadable', (generationId) => {
    policy
      .abandon(generationId)
      .catch((error: unknown) => logger.error({ err: error, generationId }, 'quota release failed'));
  });
  const sources = createSourcePreparer({
    storage: createFalStorage({ key: config.falKey, restUrl: config.falRestUrl }),
    maxBytes: config.editMaxImageBytes,
    budget: imageBudget,
    allowHttpHosts: config.allowHttpHosts,
  });
  const jobs: Jobs = board ? sharedJobs(board, runner, logger) : localJobs(runner!);
  const ctx: BotContext = {
    config,
    logger,
    store,
    jobs,
    policy,
    sources,
    metrics,
    moderation: { settings, quotas },
    studio: stores.studio,
  };
  metrics.onQueueDepth(board ? () => board.depth() : () => runner?.waiting ?? 0);
  metrics.onJobsInFlight(() => runner?.inFlight ?? 0);
  const claims =
    board && runner
      ? new ClaimLoop({ board, runner, workerId, concurrency: config.falConcurrency, logger })
      : undefined;
  // Every process on the shared queue shows places in line (each change is edited once, see
  // SharedPositions), so members see theirs even while no worker runs.
  const positions = board ? new SharedPositions({ board, replies, logger }) : undefined;

  let accepting = true;
  let health: HealthServer | undefined;
  const closeAll = async () => {
    await health?.close();
    await claims?.stop();
    positions?.stop();
    await client?.destroy();
    await board?.close();
    await boardPool?.end();
    await store.close();
    lock.release();
  };
  try {
    if (config.metrics) {
      health = await startHealthServer({
        ...config.metrics,
        metrics,
        logger,
        live: () => true,
        ready: async () => {
          const checks: Record<string, boolean | string> = {};
          if (client) checks.gateway = client.isReady();
          if (board) {
            checks.database = await board.ping().then(
              () => true,
              () => false,
            );
            if (runner) checks.notifications = board.listening;
          }
          checks.accepting = accepting;
          return { ok: Object.values(checks).every((value) => value === true), checks };
        },
      });
      logger.info({ port: health.port, host: health.host }, 'serving /livez, /readyz and /metrics');
    }
    if (board) await board.listen('settings', (guildId) => settings.forget(guildId));
    if (client) await connectGateway(client, config, logger, HANDLERS, ctx, () => accepting);
    // One process resumes everything (SQLite); on PostgreSQL a job is resumed by whoever claims it.
    if (!board) await runner?.resumeUnfinished();
    await claims?.start();
    await positions?.start();
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
  logger.info({ role, workerId, runsJobs, shards: config.sharding?.ids ?? null }, 'started');

  return {
    client,
    ctx,
    runner,
    role,
    async stop(graceMs = config.shutdownGraceMs) {
      accepting = false;
      await claims?.stop();
      await runner?.shutdown(graceMs);
      await closeAll();
    },
  };
}

/** Logs in (this process's shards) and registers the commands if this process owns shard 0. */
async function connectGateway(
  client: Client,
  config: Config,
  logger: Logger,
  handlers: Handlers,
  ctx: BotContext,
  accepting: () => boolean,
): Promise<void> {
  const handle = createInteractionRouter(handlers, ctx);
  client.on(Events.InteractionCreate, (interaction) => {
    if (accepting()) void handle(interaction);
    else void refuseWhileStopping(interaction, logger);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, 'gateway disconnected'),
  );
  // Commands are the application's, not a shard's: several gateways would race to overwrite them.
  const registers = !config.sharding || config.sharding.ids.includes(0);
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, (readyClient) => {
      logger.info(
        { user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, shards: config.sharding?.ids },
        'connected to Discord',
      );
      if (!registers) {
        logger.info('commands left to the process that owns shard 0');
        resolve();
        return;
      }
      registerCommands({
        rest: client.rest,
        applicationId: readyClient.application.id,
        guildId: config.guildId,
        commands: registeredDefinitions(config),
        logger,
      }).then(() => resolve(), reject);
    });
  });
  await client.login(config.discordToken);
  await ready;
}
