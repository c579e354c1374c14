// /channels/{id}/... and /users/@me/channels: messages the bot posts outside interactions (e.g. late results).
import { FormErrors } from './form.ts';
import { channelJson } from './guilds.ts';
import { ApiError, bodyOf, errors, type Reply, type RouteContext } from './http.ts';
import { DEFAULT_UPLOAD_LIMIT } from './limits.ts';
import { FLAG_EPHEMERAL } from './messages.ts';
import { hasAll, Permissions } from './permissions.ts';
import type { ChannelInfo } from './state.ts';
import type { EmulatedMessage } from './types.ts';

function channelOf(ctx: RouteContext): ChannelInfo {
  const channel = ctx.state.channels.get(ctx.params.channel ?? '');
  if (!channel) throw errors.unknownChannel();
  if (channel.botAbsent) {
    throw new ApiError(403, 50001, 'Missing Access', [
      `bot-token request on channel ${channel.id}, where the bot is not (only the interaction may answer)`,
    ]);
  }
  return channel;
}

function requirePermissions(channel: ChannelInfo, needed: bigint, what: string): void {
  if (channel.appPermissions !== undefined && !hasAll(channel.appPermissions, needed)) {
    throw errors.missingPermissions(`bot lacks the permissions to ${what} in channel ${channel.id}`);
  }
}

/** Ephemeral messages are invisible to channel routes, like on Discord. */
function messageIn(ctx: RouteContext, channel: ChannelInfo): EmulatedMessage {
  const message = ctx.state.messages.get(ctx.params.message ?? '');
  if (!message || message.channel_id !== channel.id || message.flags & FLAG_EPHEMERAL)
    throw errors.unknownMessage();
  return message;
}

export function getChannel(ctx: RouteContext): Reply {
  const channel = channelOf(ctx);
  requirePermissions(channel, Permissions.ViewChannel, 'view the channel');
  return { status: 200, body: channelJson(ctx.state, channel) };
}

export function createMessage(ctx: RouteContext): Reply {
  const channel = channelOf(ctx);
  const needed = Permissions.ViewChannel | Permissions.SendMessages;
  requirePermissions(
    channel,
    ctx.files.length > 0 ? needed | Permissions.AttachFiles : needed,
    'send this message',
  );
  const message = ctx.state.messages.create(channel.id, bodyOf(ctx), ctx.files, {
    uploadLimit: DEFAULT_UPLOAD_LIMIT,
    warn: (line) => ctx.warnings.push(line),
  });
  return { status: 200, body: message };
}

export function getMessage(ctx: RouteContext): Reply {
  const channel = channelOf(ctx);
  requirePermissions(channel, Permissions.ViewChannel | Permissions.ReadMessageHistory, 'read messages');
  return { status: 200, body: messageIn(ctx, channel) };
}

export function listMessages(ctx: RouteContext): Reply {
  const channel = channelOf(ctx);
  requirePermissions(channel, Permissions.ViewChannel | Permissions.ReadMessageHistory, 'read messages');
  const limit = Math.min(Math.max(Number(ctx.query.limit ?? 50) || 50, 1), 100);
  const visible = ctx.state.messages.inChannel(channel.id).filter((m) => !(m.flags & FLAG_EPHEMERAL));
  return { status: 200, body: visible.slice(-limit).reverse() };
}

export function editMessage(ctx: RouteContext): Reply {
  const channel = channelOf(ctx);
  const message = messageIn(ctx, channel);
  const edited = ctx.state.messages.edit(message.id, bodyOf(ctx), ctx.files, {
    uploadLimit: DEFAULT_UPLOAD_LIMIT,
    warn: (line) => ctx.warnings.push(line),
  });
  return { status: 200, body: edited };
}

export function deleteMessage(ctx: RouteContext): Reply {
  const channel = channelOf(ctx);
  ctx.state.messages.delete(messageIn(ctx, channel).id);
  return { status: 204 };
}

export function typing(ctx: RouteContext): Reply {
  channelOf(ctx);
  return { status: 204 };
}

export function createDm(ctx: RouteContext): Reply {
  const recipient = bodyOf(ctx).recipient_id;
  if (typeof recipient !== 'string' || !/^\d{17,20}$/.test(recipient)) {
    const errs = new FormErrors();
    errs.add('recipient_id', 'NUMBER_TYPE_COERCE', 'Value is not snowflake.');
    throw errs.toError();
  }
  if (!ctx.state.users.has(recipient)) ctx.state.user({ id: recipient });
  return { status: 200, body: channelJson(ctx.state, ctx.state.dmChannel(recipient)) };
}
