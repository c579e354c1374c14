// Building INTERACTION_CREATE payloads the way Discord sends them, and the records that track their answers.
// https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
import { channelJson, JOINED_AT } from './guilds.ts';
import { isRecord } from './http.ts';
import { DEFAULT_UPLOAD_LIMIT } from './limits.ts';
import { resolvedAttachments } from './memberUploads.ts';
import { type ModalFieldValue, modalSubmitComponents } from './modals.ts';
import { DefaultAppPermissions, DefaultMemberPermissions } from './permissions.ts';
import { type ChannelInfo, DEFAULT_USER, type EmulatorState, type InteractionRecord } from './state.ts';
import type { EmulatedMessage, InteractionContext, SentInteraction, SlashOption } from './types.ts';

const APPLICATION_COMMAND = 2;
const MESSAGE_COMPONENT = 3;
const MODAL_SUBMIT = 5;
const CHAT_INPUT = 1;
const MESSAGE_COMMAND = 3;
const ATTACHMENT_OPTION = 11;

function resolveChannel(state: EmulatorState, ctx: InteractionContext, userId: string): ChannelInfo {
  const guildId = ctx.guildId === undefined ? (state.guilds[0]?.id ?? null) : ctx.guildId;
  const group = ctx.channelId === undefined ? undefined : state.channels.get(ctx.channelId);
  if (guildId === null && group?.type === 3) return group;
  if (guildId === null) return state.dmChannel(userId, ctx.channelId);
  const guild = state.guilds.find((g) => g.id === guildId);
  if (!guild) throw new Error(`Discord emulator: unknown guild ${guildId}`);
  const channel = ctx.channelId === undefined ? guild.channels[0] : state.channels.get(ctx.channelId);
  if (!channel || channel.guildId !== guildId) {
    throw new Error(
      `Discord emulator: guild ${guildId} has no channel ${ctx.channelId ?? '(none configured)'}`,
    );
  }
  return channel;
}

function dispatch(
  state: EmulatorState,
  type: number,
  data: Record<string, unknown>,
  ctx: InteractionContext,
  message?: EmulatedMessage,
): SentInteraction {
  const user = state.user(ctx.user ?? DEFAULT_USER);
  const userId = String(user.id);
  const channel = resolveChannel(state, ctx, userId);
  const memberPermissions = ctx.memberPermissions ?? DefaultMemberPermissions;
  const appPermissions = ctx.appPermissions ?? channel.appPermissions ?? DefaultAppPermissions;
  const attachmentSizeLimit = ctx.attachmentSizeLimit ?? DEFAULT_UPLOAD_LIMIT;
  const guildId = channel.guildId;
  const id = state.nextId();
  const token = state.newToken();
  const inGuild = guildId !== null;
  const userInstall = ctx.install === 'user';
  if (channel.botAbsent && !userInstall) {
    throw new Error(`Discord emulator: only a user install (install: 'user') reaches channel ${channel.id}`);
  }
  const payload: Record<string, unknown> = {
    id,
    application_id: state.applicationId,
    type,
    token,
    version: 1,
    data,
    ...(inGuild
      ? {
          guild_id: guildId,
          guild: { id: guildId, locale: ctx.guildLocale ?? 'en-US', features: [] },
          guild_locale: ctx.guildLocale ?? 'en-US',
          channel: {
            ...channelJson(state, channel),
            nsfw: ctx.nsfw ?? channel.nsfw,
            permissions: `${memberPermissions}`,
          },
          member: {
            user,
            roles: ctx.roles ?? [],
            permissions: memberPermissions.toString(),
            joined_at: JOINED_AT,
            deaf: false,
            mute: false,
            flags: 0,
            nick: null,
            avatar: null,
            pending: false,
            premium_since: null,
            communication_disabled_until: null,
            unusual_dm_activity_until: null,
          },
        }
      : { channel: channelJson(state, channel), user }),
    channel_id: channel.id,
    app_permissions: appPermissions.toString(),
    locale: ctx.locale ?? 'en-US',
    entitlements: [],
    // Guild-installed app; in the bot's DM Discord reports the guild-install owner as "0". A member's
    // own install is owned by them (key "1").
    authorizing_integration_owners: userInstall ? { '1': userId } : { '0': inGuild ? guildId : '0' },
    context: inGuild ? 0 : channel.type === 3 ? 2 : 1,
    attachment_size_limit: attachmentSizeLimit,
    ...(message ? { message } : {}),
  };
  const record: InteractionRecord = {
    id,
    token,
    type,
    payload,
    sentAt: performance.now(),
    channelId: channel.id,
    guildId,
    user,
    attachmentSizeLimit,
    ...(message ? { sourceMessageId: message.id } : {}),
    acknowledged: false,
    deferPending: false,
    expired: false,
    messageIds: new Set(),
    interactionOnly: userInstall && channel.botAbsent === true,
    followUps: 0,
    forceEphemeral: ctx.forceEphemeral ?? false,
  };
  state.interactions.set(id, record);
  state.byToken.set(token, record);
  state.dispatch('INTERACTION_CREATE', payload, { guildId });
  const route = `/interactions/${id}/${token}/callback`;
  return {
    id,
    token,
    sentAt: record.sentAt,
    callback: (timeoutMs?: number) => state.waitForRequest((r) => r.route === route, timeoutMs),
  };
}

/** The registered command of that name and type (guild first, then global), so data.id matches it. */
function registered(state: EmulatorState, name: string, type: number, guildId: string | null | undefined) {
  const matches = (c: Record<string, unknown>) => c.name === name && (c.type ?? 1) === type;
  const guildCommand = guildId ? state.commands.get(guildId)?.find(matches) : undefined;
  const command = guildCommand ?? state.commands.get('global')?.find(matches);
  return {
    id: typeof command?.id === 'string' ? command.id : state.nextId(),
    name,
    type,
    ...(guildCommand && guildId ? { guild_id: guildId } : {}),
  };
}

function attachmentValues(options: SlashOption[]): string[] {
  return options.flatMap((o) => [
    ...(o.type === ATTACHMENT_OPTION && typeof o.value === 'string' ? [o.value] : []),
    ...attachmentValues(o.options ?? []),
  ]);
}

export function slashCommand(
  state: EmulatorState,
  name: string,
  options: SlashOption[] | undefined,
  ctx: InteractionContext = {},
): SentInteraction {
  const guildId = ctx.guildId === undefined ? state.guilds[0]?.id : ctx.guildId;
  const uploads = attachmentValues(options ?? []);
  const data = {
    ...registered(state, name, CHAT_INPUT, guildId),
    ...(options && options.length > 0 ? { options } : {}),
    ...(uploads.length > 0 ? { resolved: { attachments: resolvedAttachments(state, uploads) } } : {}),
  };
  return dispatch(state, APPLICATION_COMMAND, data, ctx);
}

/** A message context-menu command (Apps → name) on `target`, where the message is unless ctx says otherwise. */
export function messageCommand(
  state: EmulatorState,
  name: string,
  target: EmulatedMessage,
  ctx: InteractionContext = {},
): SentInteraction {
  const message = state.messages.adopt(target);
  if (!isRecord(message.author)) {
    throw new Error('Discord emulator: the target message has no author (make it with emu.postMessage)');
  }
  const context = contextOf(state, message, ctx);
  const data = {
    ...registered(state, name, MESSAGE_COMMAND, context.guildId),
    target_id: message.id,
    resolved: { messages: { [message.id]: message } },
  };
  return dispatch(state, APPLICATION_COMMAND, data, context);
}

function findComponent(components: unknown, customId: string): Record<string, unknown> | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const c of components) {
    if (!isRecord(c)) continue;
    if (c.custom_id === customId) return c;
    const nested =
      findComponent(c.components, customId) ?? findComponent(c.accessory ? [c.accessory] : [], customId);
    if (nested) return nested;
  }
  return undefined;
}

/** Component interactions happen where the message is, unless the test says otherwise. */
function contextOf(
  state: EmulatorState,
  message: EmulatedMessage,
  ctx: InteractionContext,
): InteractionContext {
  const channel = state.channels.get(message.channel_id);
  if (ctx.channelId !== undefined || ctx.guildId !== undefined || !channel) return ctx;
  // Where the bot is not, only a member's own install can have put the message there.
  const install = ctx.install ?? (channel.botAbsent ? 'user' : undefined);
  const reached = install ? { ...ctx, install } : ctx;
  if (channel.type === 1) return { ...reached, guildId: null, channelId: channel.id };
  return { ...reached, guildId: channel.guildId, channelId: channel.id };
}

export function button(
  state: EmulatorState,
  customId: string,
  given: EmulatedMessage,
  ctx: InteractionContext = {},
): SentInteraction {
  const message = state.messages.adopt(given);
  // A custom_id that is not on the message is allowed on purpose: tests craft stale or forged presses.
  const component = findComponent(message.components, customId);
  const data = {
    custom_id: customId,
    component_type: 2,
    ...(typeof component?.id === 'number' ? { id: component.id } : {}),
  };
  return dispatch(state, MESSAGE_COMPONENT, data, contextOf(state, message, ctx), message);
}

export function modalSubmit(
  state: EmulatorState,
  customId: string,
  fields: Record<string, ModalFieldValue>,
  ctx: InteractionContext & { message?: EmulatedMessage } = {},
): SentInteraction {
  const { message: given, ...rest } = ctx;
  const { components, uploads } = modalSubmitComponents(state.modalsByCustomId.get(customId), fields);
  const message = given ? state.messages.adopt(given) : undefined;
  const context = message ? contextOf(state, message, rest) : rest;
  const data = {
    custom_id: customId,
    components,
    ...(uploads.length > 0 ? { resolved: { attachments: resolvedAttachments(state, uploads) } } : {}),
  };
  return dispatch(state, MODAL_SUBMIT, data, context, message);
}

const APPLICATION_COMMAND_AUTOCOMPLETE = 4;

const focusedIn = (options: SlashOption[]): SlashOption[] =>
  options.flatMap((o) => [...(o.focused ? [o] : []), ...focusedIn(o.options ?? [])]);

/**
 * What a client sends while a member types into an option declared with `autocomplete: true`: type 4,
 * the options so far, exactly one of them `focused: true` (its value is the partial text). The bot
 * answers with callback type 8. https://discord.com/developers/docs/interactions/application-commands#autocomplete
 */
export function autocomplete(
  state: EmulatorState,
  name: string,
  options: SlashOption[],
  ctx: InteractionContext = {},
): SentInteraction {
  if (focusedIn(options).length !== 1)
    throw new Error('Discord emulator: an autocomplete interaction has exactly one focused option');
  const guildId = ctx.guildId === undefined ? state.guilds[0]?.id : ctx.guildId;
  const data = { ...registered(state, name, CHAT_INPUT, guildId), options };
  return dispatch(state, APPLICATION_COMMAND_AUTOCOMPLETE, data, ctx);
}
