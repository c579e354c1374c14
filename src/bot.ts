import { Client, Events, GatewayIntentBits, InteractionContextType } from 'discord.js';
import { BUTTONS, MODALS } from '../buttons/index.ts';
import * as edit from '../commands/edit.ts';
import * as editWithKontext from '../commands/editWithKontext.ts';
import * as imagine from '../commands/imagine.ts';
import * as settingsCommand from '../commands/settings.ts';
import * as usage from '../commands/usage.ts';
import type { Config } from './config.ts';
import type { BotContext } from './context.ts';
import { ByteBudget } from './core/byteBudget.ts';
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
import { createSourcePreparer } from './jobs/editSources.ts';
import { GenerationRunner } from './jobs/generationRunner.ts';
import type { Logger } from './logger.ts';
import { ModerationPolicy } from './moderation/moderationPolicy.ts';
import { SettingsService } from './moderation/settingsService.ts';
import { acquireInstanceLock } from './storage/instanceLock.ts';
import { openStores, sqlitePathOf } from './storage/openStore.ts';

export const COMMANDS: SlashCommand[] = [imagine, edit, settingsCommand, usage];
export const MESSAGE_COMMANDS: MessageCommand[] = [editWithKontext];
const HANDLERS: Handlers = {
  commands: COMMANDS,
  messageCommands: MESSAGE_COMMANDS,
  buttons: BUTTONS,
  modals: [...MODALS, editWithKontext.submitMessageEdit],
};

/** /imagine and /edit are offered in the bot's DMs only when the host allows it (ALLOW_DMS). */
function registeredDefinitions(config: Config) {
  const slash = COMMANDS.map((command) =>
    (command === imagine || command === edit) && config.moderation.allowDms
      ? { ...command.definition, contexts: [InteractionContextType.Guild, InteractionContextType.BotDM] }
      : command.definition,
  );
  return [...slash, ...MESSAGE_COMMANDS.map((command) => command.definition)];
}

export interface RunningBot {
  client: Client;
  ctx: BotContext;
  /** Stops taking work, lets running jobs finish for up to the grace time, closes Discord and the database. */
  stop(graceMs?: number): Promise<void>;
}

/** The composition root: every long-lived object is built and wired here, and nowhere else. */
export async function startBot(
  config: Config,
  logger: Logger,
  options: { progressIntervalMs?: number } = {},
): Promise<RunningBot> {
  // Before the database is opened, so a second bot on the same file stops before it touches anything.
  const lock = acquireInstanceLock(sqlitePathOf(config.databaseUrl));
  let stores: ReturnType<typeof openStores>;
  try {
    stores = openStores(config.databaseUrl);
  } catch (error) {
    lock.release();
    throw error;
  }
  const { store, settings: settingsStore, quotas, deliveries } = stores;
  const orphans = await quotas.releaseOrphans(Date.now());
  if (orphans > 0)
    logger.warn({ reservations: orphans }, 'gave back quota reserved by requests that never started');
  const fal = createFalGateway({
    key: config.falKey,
    queueUrl: config.falQueueUrl,
    allowHttpHosts: config.allowHttpHosts,
  });
  const rest = createRestClients(config.discordApiUrl, logger);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: rest.clientRest,
    allowedMentions: { parse: [] },
  });
  const replies = createInteractionReplies(rest.interactionRest);
  const imageBudget = new ByteBudget(config.imageMemoryBytes);
  const runner = new GenerationRunner({
    store,
    fal,
    replies,
    channels: createChannelMessages(client.rest),
    deliveries,
    lookup: createMessageLookup(client.rest),
    logger,
    falTimeoutMs: config.falTimeoutMs,
    concurrency: config.falConcurrency,
    imageBudget,
    ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
  });
  const settings = new SettingsService({ store: settingsStore, host: config.moderation, logger });
  const policy = new ModerationPolicy({ settings, quotas, host: config.moderation, logger });
  runner.events.on('settled', (generation) => {
    policy.settle(generation).catch((error: unknown) => logger.error({ err: error }, 'policy settle failed'));
  });
  runner.events.on('unreadable', (generationId) => {
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
  const ctx: BotContext = {
    config,
    logger,
    store,
    runner,
    policy,
    sources,
    moderation: { settings, quotas },
  };
  const handle = createInteractionRouter(HANDLERS, ctx);

  let accepting = true;
  client.on(Events.InteractionCreate, (interaction) => {
    if (accepting) void handle(interaction);
    else void refuseWhileStopping(interaction, logger);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event) => logger.warn({ code: event.code }, 'gateway disconnected'));

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, (readyClient) => {
      logger.info(
        { user: readyClient.user.tag, guilds: readyClient.guilds.cache.size },
        'connected to Discord',
      );
      registerCommands({
        rest: client.rest,
        applicationId: readyClient.application.id,
        guildId: config.guildId,
        commands: registeredDefinitions(config),
        logger,
      })
        .then(() => runner.resumeUnfinished())
        .then(() => resolve(), reject);
    });
  });
  try {
    await client.login(config.discordToken);
    await ready;
  } catch (error) {
    await client.destroy();
    await store.close();
    lock.release();
    throw error;
  }

  return {
    client,
    ctx,
    async stop(graceMs = config.shutdownGraceMs) {
      accepting = false;
      await runner.shutdown(graceMs);
      await client.destroy();
      await store.close();
      lock.release();
    },
  };
}
