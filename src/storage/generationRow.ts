import { endpointById, readOptions } from '../core/endpoints/index.ts';
import {
  type EditSource,
  GENERATION_ACTIONS,
  type Generation,
  type GenerationPatch,
  type NewGeneration,
} from '../core/generation.ts';
import { MAX_SEED, SAFETY_LEVELS, type SafetyLevel } from '../core/imagineOptions.ts';
import { shippedLocale } from '../i18n/translate.ts';

type Row = Record<string, unknown>;

/**
 * The values of a new generation's row, in the column order both engines insert (id … chain_step).
 * `text` adapts free text to the engine (PostgreSQL's TEXT cannot hold U+0000).
 */
export function generationInsertValues(
  g: NewGeneration,
  text: (value: string) => string = (value) => value,
): (string | number | null)[] {
  return [
    g.id,
    g.parentId,
    g.action,
    g.guildId,
    g.channelId,
    g.userId,
    text(g.userName),
    g.applicationId,
    g.interactionId,
    g.interactionToken,
    JSON.stringify(g.options),
    g.safety,
    g.createdAt,
    g.attachmentSizeLimit,
    g.channelNsfw ? 1 : 0,
    g.model,
    g.source ? JSON.stringify(g.source) : null,
    g.chainStep ?? null,
    g.locale ?? null,
    g.interactionOnly ? 1 : 0,
  ];
}

export const PATCH_COLUMNS: ReadonlyArray<[keyof GenerationPatch, string]> = [
  ['status', 'status'],
  ['falRequestId', 'fal_request_id'],
  ['seed', 'seed'],
  ['nsfwFlags', 'nsfw_flags_json'],
  ['imagesReturned', 'images_returned'],
  ['outputUrls', 'output_urls_json'],
  ['error', 'error'],
  ['messageId', 'message_id'],
  ['submittedAt', 'submitted_at'],
  ['completedAt', 'completed_at'],
  ['deliveredAt', 'delivered_at'],
  ['deletedAt', 'deleted_at'],
  ['deliveredVia', 'delivered_via'],
];

const STATUSES: readonly Generation['status'][] = [
  'accepted',
  'submitted',
  'completed',
  'delivered',
  'failed',
];
const ROUTES: readonly NonNullable<Generation['deliveredVia']>[] = ['edit', 'channel', 'dm'];

/** A column that cannot be read as what the bot stored there; the message names the column. */
export class UnreadableRowError extends Error {
  override readonly name = 'UnreadableRowError';
}

const fail = (column: string, why: string): never => {
  throw new UnreadableRowError(`${column}: ${why}`);
};

const text = (row: Row, column: string): string => {
  const value = row[column];
  return typeof value === 'string' ? value : fail(column, `expected text, found ${typeof value}`);
};
const textOrNull = (row: Row, column: string): string | null =>
  row[column] === null || row[column] === undefined ? null : text(row, column);

/**
 * Integer columns are read as bigint (the statements use setReadBigInts): node:sqlite throws on a
 * value above 2^53 read as a number, which would make the whole SELECT, and every row in it, fail.
 */
const integerOrNull = (row: Row, column: string, max = Number.MAX_SAFE_INTEGER): number | null => {
  const value = row[column];
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    if (value < 0n || value > BigInt(max)) return fail(column, `${value} is out of range`);
    return Number(value);
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max) return value;
  return fail(column, `expected an integer, found ${String(value).slice(0, 40)}`);
};
const integer = (row: Row, column: string): number => integerOrNull(row, column) ?? fail(column, 'missing');

function oneOf<T extends string>(row: Row, column: string, allowed: readonly T[]): T {
  const value = text(row, column);
  return (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fail(column, `unknown value ${value}`);
}

function json(row: Row, column: string): unknown {
  try {
    return JSON.parse(text(row, column));
  } catch (error) {
    if (error instanceof UnreadableRowError) throw error;
    return fail(column, 'invalid JSON');
  }
}

/**
 * Parsed again, with the schema of the endpoint that ran it: a row written by an older version still
 * yields valid options, and an edit keeps the sources fal fetches (the text-to-image schema drops them).
 */
function options(row: Row, model: string): Generation['options'] {
  const endpoint = endpointById(model) ?? fail('model', `unknown model ${model.slice(0, 60)}`);
  const value = json(row, 'options_json');
  try {
    return readOptions(endpoint, value);
  } catch (error) {
    return fail('options_json', error instanceof Error ? error.message : 'invalid');
  }
}

function source(row: Row): EditSource | null {
  if (row.source_json === null || row.source_json === undefined) return null;
  const value = json(row, 'source_json') as Partial<Record<keyof EditSource, unknown>> | null;
  const id = (v: unknown) => typeof v === 'string' && /^\d{1,20}$/.test(v);
  const index = value?.imageIndex;
  if (
    !value ||
    !id(value.channelId) ||
    !id(value.messageId) ||
    !(value.guildId === null || id(value.guildId)) ||
    !(value.generationId === null || typeof value.generationId === 'string') ||
    !(index === null || (typeof index === 'number' && Number.isSafeInteger(index) && index >= 0))
  )
    return fail('source_json', 'expected a source message');
  return value as EditSource;
}

function urls(row: Row): string[] | null {
  if (row.output_urls_json === null || row.output_urls_json === undefined) return null;
  const value = json(row, 'output_urls_json');
  return Array.isArray(value) && value.every((url) => typeof url === 'string')
    ? value
    : fail('output_urls_json', 'expected a list of URLs');
}

function flags(row: Row): boolean[] | null {
  if (row.nsfw_flags_json === null || row.nsfw_flags_json === undefined) return null;
  const value = json(row, 'nsfw_flags_json');
  return Array.isArray(value) && value.every((flag) => typeof flag === 'boolean')
    ? value
    : fail('nsfw_flags_json', 'expected a list of true/false');
}

/** A language the bot no longer ships (or a hand edit) reads as none: the texts fall back to English. */
function localeOf(row: Row): string | null {
  const value = row.locale;
  return typeof value === 'string' && shippedLocale(value) === value ? value : null;
}

/** Throws UnreadableRowError, naming the column, for a row the bot cannot act on safely. */
export function generationFromRow(row: Row): Generation {
  const safety = text(row, 'safety');
  const via = textOrNull(row, 'delivered_via');
  const model = text(row, 'model');
  return {
    id: text(row, 'id'),
    parentId: textOrNull(row, 'parent_id'),
    action: oneOf(row, 'action', GENERATION_ACTIONS),
    guildId: textOrNull(row, 'guild_id'),
    channelId: text(row, 'channel_id'),
    channelNsfw: integerOrNull(row, 'channel_nsfw') === 1,
    userId: text(row, 'user_id'),
    userName: text(row, 'user_name'),
    applicationId: text(row, 'application_id'),
    interactionId: text(row, 'interaction_id'),
    interactionToken: text(row, 'interaction_token'),
    model,
    options: options(row, model),
    safety: (SAFETY_LEVELS as readonly string[]).includes(safety) ? (safety as SafetyLevel) : '2',
    source: source(row),
    chainStep: integerOrNull(row, 'chain_step'),
    status: oneOf(row, 'status', STATUSES),
    falRequestId: textOrNull(row, 'fal_request_id'),
    seed: integerOrNull(row, 'seed', MAX_SEED),
    nsfwFlags: flags(row),
    imagesReturned: integerOrNull(row, 'images_returned'),
    outputUrls: urls(row),
    error: textOrNull(row, 'error'),
    messageId: textOrNull(row, 'message_id'),
    createdAt: integer(row, 'created_at'),
    submittedAt: integerOrNull(row, 'submitted_at'),
    completedAt: integerOrNull(row, 'completed_at'),
    deliveredAt: integerOrNull(row, 'delivered_at'),
    deletedAt: integerOrNull(row, 'deleted_at'),
    attachmentSizeLimit: integerOrNull(row, 'attachment_size_limit'),
    deliveredVia: via === null ? null : oneOf(row, 'delivered_via', ROUTES),
    locale: localeOf(row),
    interactionOnly: integerOrNull(row, 'interaction_only') === 1,
  };
}

/** What is needed to tell the member about a row that could not be read, when those columns survive. */
export interface RowContact {
  applicationId: string;
  interactionToken: string;
  userId: string;
  createdAt: number;
  /** Read on its own, so that a row damaged elsewhere is still told about in the member's language. */
  locale: string | null;
  /** Only the interaction may answer (a member's own install): never a DM. Unreadable reads as true. */
  interactionOnly: boolean;
}

export type UnfinishedRow =
  | { ok: true; generation: Generation }
  | { ok: false; id: string; reason: string; contact: RowContact | null };

/** Never throws: one unreadable row must not stop the others from being resumed. */
export function readUnfinishedRow(row: Row): UnfinishedRow {
  try {
    return { ok: true, generation: generationFromRow(row) };
  } catch (error) {
    return {
      ok: false,
      id: String(row.id),
      reason: error instanceof Error ? error.message : String(error),
      contact: contactOf(row),
    };
  }
}

function contactOf(row: Row): RowContact | null {
  try {
    return {
      applicationId: text(row, 'application_id'),
      interactionToken: text(row, 'interaction_token'),
      userId: text(row, 'user_id'),
      createdAt: integer(row, 'created_at'),
      locale: localeOf(row),
      interactionOnly: row.interaction_only === undefined || Number(row.interaction_only) !== 0,
    };
  } catch {
    return null;
  }
}
