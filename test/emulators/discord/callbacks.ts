// POST /interactions/{id}/{token}/callback: the one answer an interaction gets.
import { countChars, FormErrors, maxLength } from './form.ts';
import { ApiError, bodyOf, errors, isRecord, type Reply, type RouteContext } from './http.ts';
import { FLAG_EPHEMERAL, FLAG_LOADING, type WriteOptions } from './messages.ts';
import { checkModal } from './modals.ts';
import { type InteractionRecord, TOKEN_LIFETIME_MS } from './state.ts';
import type { AutocompleteChoice, EmulatedMessage } from './types.ts';

const CALLBACK_DEADLINE_MS = 3000;
const MODAL_SUBMIT = 5;
const AUTOCOMPLETE = 4;
const STRING_OPTION = 3;

/** What each autocomplete interaction was answered with (callback type 8), for tests to read. */
export const autocompleteChoices = new WeakMap<InteractionRecord, AutocompleteChoice[]>();

function focusedType(options: unknown): number | undefined {
  if (!Array.isArray(options)) return undefined;
  for (const option of options) {
    if (!isRecord(option)) continue;
    if (option.focused === true && typeof option.type === 'number') return option.type;
    const nested = focusedType(option.options);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

/**
 * Discord's checks on an autocomplete answer: ≤ 25 choices, names 1–100 characters, a string option's
 * values strings of ≤ 100, an integer or number option's values numbers.
 * https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-choice-structure
 */
function checkChoices(record: InteractionRecord, data: Record<string, unknown>): AutocompleteChoice[] {
  const errs = new FormErrors();
  const choices = data.choices;
  const optionType = isRecord(record.payload.data) ? focusedType(record.payload.data.options) : undefined;
  if (!Array.isArray(choices)) {
    errs.add('data.choices', 'BASE_TYPE_REQUIRED', 'This field is required');
    errs.throwIfAny();
    return [];
  }
  if (choices.length > 25) errs.add('data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  choices.forEach((choice: unknown, i) => {
    const path = `data.choices.${i}`;
    if (!isRecord(choice)) {
      errs.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used.');
      return;
    }
    maxLength(errs, `${path}.name`, choice.name, 100, true);
    if (optionType === STRING_OPTION) maxLength(errs, `${path}.value`, choice.value, 100, true);
    else if (typeof choice.value !== 'number' || !Number.isFinite(choice.value))
      errs.add(`${path}.value`, 'NUMBER_TYPE_COERCE', 'Value is not a valid number.');
    const localized = choice.name_localizations;
    if (localized !== undefined && localized !== null) {
      if (!isRecord(localized))
        errs.add(`${path}.name_localizations`, 'DICT_TYPE_CONVERT', 'Must be a dict.');
      else
        for (const [locale, text] of Object.entries(localized)) {
          const n = typeof text === 'string' ? countChars(text) : 0;
          if (n < 1 || n > 100)
            errs.add(
              `${path}.name_localizations.${locale}`,
              'BASE_TYPE_BAD_LENGTH',
              'Must be between 1 and 100 in length.',
            );
        }
    }
  });
  errs.throwIfAny();
  return choices as AutocompleteChoice[];
}

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
  const asked = typeof data.flags === 'number' ? data.flags & FLAG_EPHEMERAL : 0;
  // Discord may make a reply ephemeral whatever the app asked (forceEphemeral).
  const ephemeral = record.forceEphemeral ? FLAG_EPHEMERAL : asked;
  const opts: WriteOptions = {
    uploadLimit: record.attachmentSizeLimit,
    warn: (line) => ctx.warnings.push(line),
    interaction: record,
  };
  let message: EmulatedMessage | undefined;
  // An autocomplete interaction can only be answered with choices, never with a message.
  if (record.type === AUTOCOMPLETE && type !== 8)
    throw invalidType(type, 'an autocomplete interaction is answered with type 8');
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
    case 8:
      if (record.type !== AUTOCOMPLETE)
        throw invalidType(type, 'only autocomplete interactions take choices');
      autocompleteChoices.set(record, checkChoices(record, data));
      break;
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
