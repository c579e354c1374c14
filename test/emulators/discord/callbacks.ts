// POST /interactions/{id}/{token}/callback: the one answer an interaction gets.
import { FormErrors } from './form.ts';
import { ApiError, bodyOf, errors, isRecord, type Reply, type RouteContext } from './http.ts';
import { FLAG_EPHEMERAL, FLAG_LOADING, type WriteOptions } from './messages.ts';
import { checkModal } from './modals.ts';
import { type InteractionRecord, TOKEN_LIFETIME_MS } from './state.ts';
import type { EmulatedMessage } from './types.ts';

const CALLBACK_DEADLINE_MS = 3000;
const MODAL_SUBMIT = 5;

function invalidType(type: unknown, why: string): ApiError {
  const tree = { type: { _errors: [{ code: 'INTERACTION_CALLBACK_TYPE_INVALID', message: why }] } };
  return new ApiError(400, 50035, 'Invalid Form Body', [`callback type ${String(type)}: ${why}`], {
    errors: tree,
  });
}

function sourceMessage(record: InteractionRecord, type: number): string {
  if (record.sourceMessageId === undefined) {
    throw invalidType(type, 'only component interactions (or modals opened from one) can update a message');
  }
  return record.sourceMessageId;
}

function withResponse(
  record: InteractionRecord,
  type: number,
  message: EmulatedMessage | undefined,
): unknown {
  return {
    interaction: {
      id: record.id,
      type: record.type,
      ...(message
        ? {
            response_message_id: message.id,
            response_message_loading: (message.flags & FLAG_LOADING) !== 0,
            response_message_ephemeral: (message.flags & FLAG_EPHEMERAL) !== 0,
          }
        : {}),
    },
    ...(message ? { resource: { type, message } } : type === 9 ? {} : { resource: { type } }),
  };
}

export function interactionCallback(ctx: RouteContext): Reply {
  const { state } = ctx;
  const record = state.interactions.get(ctx.params.id ?? '');
  const alive = record && ctx.receivedAt - record.sentAt < TOKEN_LIFETIME_MS && !record.expired;
  if (!record || record.token !== ctx.params.token || !alive) throw errors.unknownInteraction();
  if (record.acknowledged) throw errors.alreadyAcknowledged();
  const late = ctx.receivedAt - record.sentAt;
  if (late > CALLBACK_DEADLINE_MS)
    ctx.warnings.push(`callback after 3 s (${Math.round(late)} ms after dispatch)`);

  const body = bodyOf(ctx);
  const type = body.type;
  const data = isRecord(body.data) ? body.data : {};
  const ephemeral = typeof data.flags === 'number' ? data.flags & FLAG_EPHEMERAL : 0;
  const opts: WriteOptions = {
    uploadLimit: record.attachmentSizeLimit,
    warn: (line) => ctx.warnings.push(line),
    interaction: record,
  };
  let message: EmulatedMessage | undefined;
  switch (type) {
    case 4:
      message = state.messages.create(record.channelId, data, ctx.files, { ...opts, flags: ephemeral });
      break;
    case 5:
      message = state.messages.create(record.channelId, {}, [], {
        ...opts,
        flags: FLAG_LOADING | ephemeral,
        allowEmpty: true,
      });
      record.deferPending = true;
      break;
    case 6:
      record.originalMessageId = sourceMessage(record, type);
      message = state.messages.get(record.originalMessageId);
      break;
    case 7:
      message = state.messages.edit(sourceMessage(record, type), data, ctx.files, opts);
      break;
    case 9: {
      if (record.type === MODAL_SUBMIT) throw invalidType(type, 'a modal submit cannot open another modal');
      const errs = new FormErrors();
      checkModal(errs, data);
      errs.throwIfAny();
      record.modal = data;
      if (typeof data.custom_id === 'string') state.modalsByCustomId.set(data.custom_id, data);
      break;
    }
    default:
      throw invalidType(type, 'not a callback type a gateway interaction can use');
  }
  record.acknowledged = true;
  record.callbackType = type;
  if (message) {
    record.originalMessageId = message.id;
    record.messageIds.add(message.id);
  }
  if (ctx.query.with_response === 'true') return { status: 200, body: withResponse(record, type, message) };
  return { status: 204 };
}
