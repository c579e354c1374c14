// /webhooks/{app}/{token}: follow-ups and the original response, valid for 15 minutes after dispatch.
import { ApiError, bodyOf, errors, type Reply, type RouteContext } from './http.ts';
import { FLAG_EPHEMERAL, type WriteOptions } from './messages.ts';
import { type InteractionRecord, TOKEN_LIFETIME_MS } from './state.ts';
import type { EmulatedMessage } from './types.ts';

function interactionFor(ctx: RouteContext): InteractionRecord {
  const { state, params } = ctx;
  if (params.app !== state.applicationId)
    throw errors.unknownWebhook(`webhook for unknown application ${params.app}`);
  const record = state.byToken.get(params.token ?? '');
  if (!record || record.expired || ctx.receivedAt - record.sentAt >= TOKEN_LIFETIME_MS) {
    throw errors.invalidWebhookToken();
  }
  if (!record.acknowledged) throw errors.unknownWebhook('webhook route used before the interaction callback');
  return record;
}

function messageId(record: InteractionRecord, param: string | undefined): string {
  const id = param === '@original' ? record.originalMessageId : param;
  if (id === undefined || !record.messageIds.has(id)) throw errors.unknownMessage();
  return id;
}

function writeOptions(ctx: RouteContext, record: InteractionRecord): WriteOptions {
  return {
    uploadLimit: record.attachmentSizeLimit,
    warn: (line) => ctx.warnings.push(line),
    interaction: record,
  };
}

// Where the app is only installed by a member, Discord takes at most 5 follow-ups per interaction.
const MAX_FOLLOW_UPS = 5;

export function followUp(ctx: RouteContext): Reply {
  const record = interactionFor(ctx);
  if (record.interactionOnly && record.followUps >= MAX_FOLLOW_UPS) {
    throw new ApiError(
      400,
      0,
      'Maximum number of follow-up messages reached for an interaction of a user-installed app',
      [`follow-up ${record.followUps + 1} of an interaction-only interaction (at most ${MAX_FOLLOW_UPS})`],
    );
  }
  record.followUps += 1;
  const body = bodyOf(ctx);
  const opts = writeOptions(ctx, record);
  let message: EmulatedMessage;
  if (record.deferPending && record.originalMessageId !== undefined) {
    // After a defer (type 5), Discord turns the first follow-up into the "thinking" message itself,
    // keeping the ephemerality chosen when deferring.
    message = ctx.state.messages.edit(record.originalMessageId, body, ctx.files, opts);
    record.deferPending = false;
  } else {
    const ephemeral = typeof body.flags === 'number' ? body.flags & FLAG_EPHEMERAL : 0;
    message = ctx.state.messages.create(record.channelId, body, ctx.files, {
      ...opts,
      flags: ephemeral,
      isFollowUp: true,
    });
    record.messageIds.add(message.id);
  }
  return ctx.query.wait === 'true' ? { status: 200, body: message } : { status: 204 };
}

export function getWebhookMessage(ctx: RouteContext): Reply {
  const record = interactionFor(ctx);
  const message = ctx.state.messages.get(messageId(record, ctx.params.message));
  if (!message) throw errors.unknownMessage();
  return { status: 200, body: message };
}

export function editWebhookMessage(ctx: RouteContext): Reply {
  const record = interactionFor(ctx);
  const id = messageId(record, ctx.params.message);
  const message = ctx.state.messages.edit(id, bodyOf(ctx), ctx.files, writeOptions(ctx, record));
  if (id === record.originalMessageId) record.deferPending = false;
  return { status: 200, body: message };
}

export function deleteWebhookMessage(ctx: RouteContext): Reply {
  const record = interactionFor(ctx);
  const id = messageId(record, ctx.params.message);
  ctx.state.messages.delete(id);
  // With the deferred message gone, a follow-up is a new message of its own.
  if (id === record.originalMessageId) record.deferPending = false;
  return { status: 204 };
}
