// A loopback stand-in for Discord's REST API and gateway that an unmodified discord.js Client logs into:
//   const emu = await startDiscordEmulator();
//   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
//   await client.login(emu.token); await emu.waitForConnection();
//   const sent = emu.slashCommand('imagine', [{ name: 'prompt', type: 3, value: 'a cat' }]);
//   expect((await sent.callback()).json).toMatchObject({ type: 5 });
// Images from others: emu.postMessage(channel, { author, files }) then emu.messageCommand('Edit with Kontext',
// message); emu.ephemeralAttachment(file).id as a type-11 option's value. CDN URLs are signed and
// emu.expireAttachmentUrls() ends them; startDiscordEmulator({ cdn: { refuseBotUserAgents: true } })
// makes the CDN answer 403 to downloads that do not look like a browser.
// Sharding: IDENTIFY's shard [id, count] gets READY / GUILD_CREATE for that shard's guilds only, and each
// dispatch goes to the session of shard (guild_id >> 22) % count (DMs: shard 0); guildIdOnShard(id, count)
// makes guild ids for a shard, startDiscordEmulator({ gateway: { recommendedShards, maxConcurrency } })
// shapes GET /gateway/bot, emu.waitForConnection(shardId) / emu.connectedShards() show who is connected.
import type { AddressInfo } from 'node:net';
import { autocompleteChoices } from './callbacks.ts';
import { Gateway } from './gateway.ts';
import { autocomplete, button, messageCommand, modalSubmit, slashCommand } from './interactions.ts';
import { ephemeralAttachment, postMessage } from './memberUploads.ts';
import { createHttpServer } from './server.ts';
import { shardOf } from './sharding.ts';
import { EmulatorState } from './state.ts';
import type { DiscordEmulator, DiscordEmulatorOptions } from './types.ts';

export { DefaultAppPermissions, DefaultMemberPermissions, Permissions } from './permissions.ts';
export { guildIdOnShard, shardOf } from './sharding.ts';
export type * from './types.ts';

export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const state = new EmulatorState(options);
  const server = createHttpServer(state);
  const gateway = new Gateway(state, server);
  state.dispatch = (event, data, target) => gateway.dispatch(event, data, target);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;
  state.gatewayUrl = `ws://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;

  return {
    apiUrl: `${state.baseUrl}/api`,
    gatewayUrl: state.gatewayUrl,
    token: state.token,
    applicationId: state.applicationId,
    botUserId: state.botUserId,
    requests: state.requests,
    violations: state.violations,
    commands: (guildId) => state.commands.get(guildId ?? 'global') ?? [],
    get commandWrites() {
      return state.commandWrites;
    },
    waitForConnection: (shardId) => gateway.waitForConnection(shardId),
    get shardCount() {
      return gateway.shardCount;
    },
    connectedShards: () => gateway.connectedShards(),
    shardFor: (guildId, shardCount) => shardOf(guildId, shardCount ?? gateway.shardCount),
    recommendShards: (shards, maxConcurrency) => {
      state.sharding.recommendedShards = shards;
      if (maxConcurrency !== undefined) state.sharding.maxConcurrency = maxConcurrency;
    },
    slashCommand: (name, opts, ctx) => slashCommand(state, name, opts, ctx),
    autocomplete: (name, opts, ctx) => autocomplete(state, name, opts, ctx),
    autocompleteChoices: (token) => {
      const record = state.byToken.get(token);
      return record ? autocompleteChoices.get(record) : undefined;
    },
    messageCommand: (name, target, ctx) => messageCommand(state, name, target, ctx),
    postMessage: (channelId, message) => postMessage(state, channelId, message),
    ephemeralAttachment: (file) => ephemeralAttachment(state, file),
    expireAttachmentUrls: () => state.cdn.expireAll(),
    button: (customId, message, ctx) => button(state, customId, message, ctx),
    modalSubmit: (customId, fields, ctx) => modalSubmit(state, customId, fields, ctx),
    waitForRequest: (predicate, timeoutMs) => state.waitForRequest(predicate, timeoutMs),
    originalMessage: (token) => state.originalMessage(token),
    message: (id) => state.messages.get(id),
    channelMessages: (channelId) => state.messages.inChannel(channelId),
    lastModal: (token) => state.byToken.get(token)?.modal,
    expireToken: (token) => {
      const record = state.byToken.get(token);
      if (!record) throw new Error(`Discord emulator: no interaction with token ${token.slice(0, 12)}…`);
      record.expired = true;
    },
    failNext: (match, response) => {
      state.failures.push({ match, response });
    },
    stallNext: (match, stall) => {
      state.stalls.push({ match, stall });
    },
    rateLimitNext: (match, spec) => state.rateLimits.next(match, spec),
    rateLimits: state.rateLimits.sent,
    requestCount: (method, route) => state.rateLimits.count(method, route),
    dropConnections: (shardId) => gateway.dropConnections(shardId),
    sendReconnect: (shardId) => gateway.sendReconnect(shardId),
    invalidateSession: (resumable, shardId) => gateway.invalidateSession(resumable, shardId),
    gatewayEvents: gateway.events,
    waitForGatewayEvent: (predicate, timeoutMs) => gateway.waitForEvent(predicate, timeoutMs),
    attachmentData: (id) => state.messages.files.get(id)?.data,
    close: () => {
      closed ??= (async () => {
        state.rejectWaiters();
        await gateway.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}
