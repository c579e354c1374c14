// A member's own studio: their history, favourites, default options and named prompt presets. The
// interface, and the checks and row readers both engines share (sqliteStudioStore.ts, pg/pgStudioStore.ts).
import type { Generation } from '../core/generation.ts';
import {
  ASPECT_RATIOS,
  type AspectRatio,
  COUNT_RANGE,
  imagineOptionsSchema,
  OUTPUT_FORMATS,
  type OutputFormat,
} from '../core/imagineOptions.ts';
import type { UserMessage } from '../core/userError.ts';
import { readUnfinishedRow } from './generationRow.ts';

type Row = Record<string, unknown>;

/** A preset name is 1 to this many characters (code points), after trimming. */
export const PRESET_NAME_MAX_LENGTH = 32;
/** Presets a member may keep; a save of a new name beyond it is refused (an update of one is not). */
export const MAX_PRESETS_PER_MEMBER = 50;
/** Discord shows at most 25 autocomplete choices. */
export const PRESET_LIST_MAX = 25;
/** History entries per page at most. */
export const HISTORY_PAGE_MAX = 50;
/** The style suffix appended to a member's prompts, in characters (UTF-16 units, as prompts are). */
export const STYLE_SUFFIX_MAX_LENGTH = 200;

/** Where a history page ends: the next page starts strictly after it (created_at DESC, id DESC). */
export interface HistoryCursor {
  createdAt: number;
  id: string;
}

export interface HistoryQuery {
  userId: string;
  /** null: every server and DMs. */
  guildId: string | null;
  /** The `next` of the previous page; absent for the first page. */
  before?: HistoryCursor;
  /** 1…HISTORY_PAGE_MAX (clamped). */
  limit: number;
  /** Only the generations this member starred (whoever asked for them), instead of the member's own. */
  favoritesOnly?: boolean;
}

export interface HistoryPage {
  /** Delivered, not deleted, newest first. */
  entries: Generation[];
  /** null when this was the last page. */
  next: HistoryCursor | null;
  /** Rows of this page that could not be read (skipped, not thrown): entries may be fewer than limit. */
  unreadable: number;
}

export interface MemberPreferences {
  aspectRatio: AspectRatio | null;
  count: number | null;
  format: OutputFormat | null;
  styleSuffix: string | null;
}

export interface Preset {
  /** As last saved (NFKC, whitespace collapsed, trimmed); looked up case-insensitively. */
  name: string;
  prompt: string;
  createdAt: number;
  updatedAt: number;
}

export type StudioInputReason = 'preset_name' | 'preset_prompt' | 'preset_limit' | 'preferences';

/**
 * Input the studio refuses. `message` is English, for logs; `text` is the catalogue message shown to the
 * member (absent where an engine only gives the reason: the commands word those by reason).
 */
export class StudioInputError extends Error {
  override readonly name = 'StudioInputError';
  readonly reason: StudioInputReason;
  readonly text: UserMessage | undefined;
  constructor(reason: StudioInputReason, message: string, text?: UserMessage) {
    super(message);
    this.reason = reason;
    this.text = text;
  }
}

export interface StudioStore {
  history(query: HistoryQuery): Promise<HistoryPage>;
  /** Stars or unstars; answers whether it is now a favourite (false for an unknown generation). */
  setFavorite(userId: string, generationId: string, on: boolean, at: number): Promise<boolean>;
  /** Which of generationIds this member starred. */
  isFavorite(userId: string, generationIds: string[]): Promise<Set<string>>;
  /** All null for a member who set nothing; a stored value no longer accepted reads as null. */
  getPreferences(userId: string): Promise<MemberPreferences>;
  /** undefined keys stay, null clears; throws StudioInputError for a value /imagine would not accept. */
  setPreferences(userId: string, patch: Partial<MemberPreferences>, at: number): Promise<MemberPreferences>;
  /**
   * Creates or replaces (by name, case-insensitively) a preset. Throws StudioInputError for a bad name or
   * prompt, or a new name beyond MAX_PRESETS_PER_MEMBER (checked atomically, across processes too).
   */
  savePreset(
    userId: string,
    name: string,
    prompt: string,
    at: number,
  ): Promise<{ created: boolean; preset: Preset }>;
  /** undefined when there is none (an invalid name included). */
  getPreset(userId: string, name: string): Promise<Preset | undefined>;
  /** For autocomplete: names starting with prefix (case-insensitively), by key, at most PRESET_LIST_MAX. */
  listPresets(userId: string, prefix: string, limit: number): Promise<Preset[]>;
  deletePreset(userId: string, name: string): Promise<boolean>;
}

const codePoints = (text: string): number => [...text].length;
// C0/C1 controls (U+0000 cannot even be stored on PostgreSQL); whitespace is collapsed before this.
// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const storable = (text: string): boolean => text.isWellFormed() && !CONTROL.test(text);

const keyOf = (name: string): string => name.toLowerCase().normalize('NFKC');
const tidy = (name: string): string => name.normalize('NFKC').replace(/\s+/gu, ' ');

/** The display name and the key of a preset name; throws StudioInputError when it is not one. */
export function presetName(input: string): { name: string; key: string } {
  const name = tidy(input).trim();
  const length = codePoints(name);
  if (length < 1 || length > PRESET_NAME_MAX_LENGTH)
    throw new StudioInputError(
      'preset_name',
      `a preset name is 1–${PRESET_NAME_MAX_LENGTH} characters (this one has ${length})`,
      { id: 'presets.input.nameLength', params: { max: PRESET_NAME_MAX_LENGTH, length } },
    );
  if (!storable(name))
    throw new StudioInputError('preset_name', 'a preset name cannot hold control characters', {
      id: 'presets.input.nameControl',
    });
  return { name, key: keyOf(name) };
}

/** presetName's key, or undefined for a name no preset can have. */
export function presetKeyOrUndefined(input: string): string | undefined {
  try {
    return presetName(input).key;
  } catch (error) {
    if (error instanceof StudioInputError) return undefined;
    throw error;
  }
}

/** What an autocomplete prefix matches keys by: normalised as names are, but not trimmed at its end. */
export function presetPrefixKey(prefix: string): string {
  return keyOf(tidy(prefix).trimStart());
}

/** The prompt as stored (trimmed), checked as /imagine checks one; throws StudioInputError. */
export function presetPrompt(input: string): string {
  const result = imagineOptionsSchema.shape.prompt.safeParse(input);
  if (!result.success) {
    const reason = result.error.issues[0]?.message ?? 'the prompt is invalid';
    throw new StudioInputError('preset_prompt', reason, { id: 'presets.input.prompt', params: { reason } });
  }
  if (!result.data.isWellFormed() || result.data.includes('\u0000')) {
    const reason = 'the prompt holds a character that cannot be stored';
    throw new StudioInputError('preset_prompt', reason, { id: 'presets.input.prompt', params: { reason } });
  }
  return result.data;
}

const validAspectRatio = (value: unknown): value is AspectRatio =>
  typeof value === 'string' && (ASPECT_RATIOS as readonly string[]).includes(value);
const validFormat = (value: unknown): value is OutputFormat =>
  typeof value === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(value);
const validCount = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= COUNT_RANGE.min &&
  value <= COUNT_RANGE.max;
const validSuffix = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length > 0 &&
  value.length <= STYLE_SUFFIX_MAX_LENGTH &&
  storable(value.replace(/\s/gu, ' '));

/** The columns a patch writes, checked: undefined keys are left out, null clears. Throws StudioInputError. */
export function preferenceColumns(
  patch: Partial<MemberPreferences>,
): Array<[string, string | number | null]> {
  const columns: Array<[string, string | number | null]> = [];
  const { aspectRatio, count, format } = patch;
  if (aspectRatio !== undefined) {
    if (aspectRatio !== null && !validAspectRatio(aspectRatio))
      throw new StudioInputError('preferences', `aspect_ratio must be one of ${ASPECT_RATIOS.join(', ')}`, {
        id: 'presets.input.aspectRatio',
        params: { choices: ASPECT_RATIOS.join(', ') },
      });
    columns.push(['aspect_ratio', aspectRatio]);
  }
  if (count !== undefined) {
    if (count !== null && !validCount(count))
      throw new StudioInputError('preferences', `count must be ${COUNT_RANGE.min}–${COUNT_RANGE.max}`, {
        id: 'presets.input.count',
        params: { min: COUNT_RANGE.min, max: COUNT_RANGE.max },
      });
    columns.push(['count', count]);
  }
  if (format !== undefined) {
    if (format !== null && !validFormat(format))
      throw new StudioInputError('preferences', `format must be ${OUTPUT_FORMATS.join(' or ')}`, {
        id: 'presets.input.format',
        params: { choices: OUTPUT_FORMATS.join(', ') },
      });
    columns.push(['format', format]);
  }
  if (patch.styleSuffix !== undefined) {
    const suffix = patch.styleSuffix === null ? '' : String(patch.styleSuffix).trim();
    if (suffix.length > STYLE_SUFFIX_MAX_LENGTH)
      throw new StudioInputError(
        'preferences',
        `the style suffix is longer than ${STYLE_SUFFIX_MAX_LENGTH} characters`,
        { id: 'presets.input.suffixLength', params: { max: STYLE_SUFFIX_MAX_LENGTH } },
      );
    if (suffix !== '' && !validSuffix(suffix))
      throw new StudioInputError('preferences', 'the style suffix holds a character that cannot be stored', {
        id: 'presets.input.suffixControl',
      });
    columns.push(['style_suffix', suffix === '' ? null : suffix]);
  }
  return columns;
}

const NO_PREFERENCES: MemberPreferences = { aspectRatio: null, count: null, format: null, styleSuffix: null };

const asNumber = (value: unknown): unknown =>
  typeof value === 'bigint' && value >= -(2n ** 53n) && value <= 2n ** 53n ? Number(value) : value;

/** Never throws: each stored value that is not one /imagine accepts reads as null. */
export function preferencesFromRow(row: Row | undefined): MemberPreferences {
  if (!row) return { ...NO_PREFERENCES };
  const count = asNumber(row.count);
  return {
    aspectRatio: validAspectRatio(row.aspect_ratio) ? row.aspect_ratio : null,
    count: validCount(count) ? count : null,
    format: validFormat(row.format) ? row.format : null,
    styleSuffix: validSuffix(row.style_suffix) ? row.style_suffix : null,
  };
}

const time = (value: unknown): number => {
  const n = asNumber(value);
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : 0;
};

/** undefined for a row whose name or prompt is not text (a hand edit). */
export function presetFromRow(row: Row | undefined): Preset | undefined {
  if (!row || typeof row.name !== 'string' || typeof row.prompt !== 'string') return undefined;
  return {
    name: row.name,
    prompt: row.prompt,
    createdAt: time(row.created_at),
    updatedAt: time(row.updated_at),
  };
}

export const historyLimit = (limit: number): number =>
  Number.isFinite(limit) ? Math.min(HISTORY_PAGE_MAX, Math.max(1, Math.floor(limit))) : HISTORY_PAGE_MAX;

export const presetListLimit = (limit: number): number =>
  Number.isFinite(limit) ? Math.min(PRESET_LIST_MAX, Math.max(1, Math.floor(limit))) : PRESET_LIST_MAX;

/**
 * A page from up to limit + 1 rows in history order (the extra one only tells that there is more).
 * Each row is read on its own: an unreadable one is counted, never thrown, and still moves the cursor.
 */
export function historyPage(rows: Row[], limit: number): HistoryPage {
  const page = rows.slice(0, limit);
  const entries: Generation[] = [];
  let unreadable = 0;
  for (const row of page) {
    const read = readUnfinishedRow(row);
    if (read.ok) entries.push(read.generation);
    else unreadable++;
  }
  return { entries, next: rows.length > limit ? cursorOf(page) : null, unreadable };
}

/** The last row's place, read from the raw columns (an unreadable row has one too). */
function cursorOf(page: Row[]): HistoryCursor | null {
  for (let i = page.length - 1; i >= 0; i--) {
    const row = page[i]!;
    const createdAt = asNumber(row.created_at);
    if (typeof createdAt === 'number' && Number.isSafeInteger(createdAt) && typeof row.id === 'string')
      return { createdAt, id: row.id };
  }
  return null;
}

/**
 * The SELECT of one history page on either engine (`placeholder(n)` spells the n-th parameter, 1-based),
 * limit + 1 rows. Keyset paging: the row-value comparison walks the (user_id[, guild_id], created_at
 * DESC, id DESC) indexes from the cursor, whatever the page number (no OFFSET).
 */
export function historyStatement(
  query: HistoryQuery,
  placeholder: (n: number) => string,
): { key: string; sql: string; params: Array<string | number> } {
  const params: Array<string | number> = [query.userId];
  const p = (value: string | number) => {
    params.push(value);
    return placeholder(params.length);
  };
  const favorites = query.favoritesOnly === true;
  const where = [
    favorites ? `f.user_id = ${placeholder(1)} AND g.id = f.generation_id` : `g.user_id = ${placeholder(1)}`,
    "g.status = 'delivered'",
    'g.deleted_at IS NULL',
  ];
  if (query.guildId !== null) where.push(`g.guild_id = ${p(query.guildId)}`);
  if (query.before)
    where.push(`(g.created_at, g.id) < (${p(query.before.createdAt)}, ${p(query.before.id)})`);
  // CROSS JOIN keeps SQLite (which has no statistics unless ANALYZEd) on the member's favourites first,
  // each found by primary key, instead of walking every delivered generation by the status index.
  const from = favorites ? 'favorites f CROSS JOIN generations g' : 'generations g';
  const sql = `SELECT g.* FROM ${from} WHERE ${where.join(' AND ')}
    ORDER BY g.created_at DESC, g.id DESC LIMIT ${p(historyLimit(query.limit) + 1)}`;
  return {
    key: `${favorites ? 'f' : 'g'}${query.guildId === null ? '' : 's'}${query.before ? 'c' : ''}`,
    sql,
    params,
  };
}
