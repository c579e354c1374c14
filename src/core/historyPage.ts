// Which page of /history or /favorites a paging button shows, packed into the id slot of a custom_id
// (`v1:history:<payload>`, payload /^[A-Za-z0-9_-]{1,64}$/). No user id: a page is always the presser's.
// Payload: list (h|f), scope (s: this server, a: everywhere), then for page 2 on
// `<page base36>_<createdAt base36>_<id>`. Base 36 has neither `_` nor `-`, so the id may hold both.

export type HistoryList = 'history' | 'favorites';

export interface HistoryPageRef {
  list: HistoryList;
  everywhere: boolean;
  /** 1-based: the header shows it. */
  page: number;
  /** Where this page starts (strictly older than); null exactly for page 1. */
  before: { createdAt: number; id: string } | null;
}

/** 36^4 − 1: far beyond any history, and it bounds the payload's length. */
export const MAX_PAGE = 1_679_615;
/** 64 − 2 (list, scope) − 4 (page) − 11 (2^53 in base 36) − 2 separators. */
export const CURSOR_ID_MAX = 45;
const CURSOR_ID = new RegExp(`^[A-Za-z0-9_-]{1,${CURSOR_ID_MAX}}$`);
const BASE36 = /^[0-9a-z]{1,11}$/;

const LIST_CODE: Record<HistoryList, string> = { history: 'h', favorites: 'f' };

export type HistoryPageDecodeResult = { ok: true; value: HistoryPageRef } | { ok: false };

/** undefined when ref cannot be carried (an id no generation of ours has, a page out of range). */
export function encodeHistoryPage(ref: HistoryPageRef): string | undefined {
  const head = `${LIST_CODE[ref.list]}${ref.everywhere ? 'a' : 's'}`;
  if (ref.before === null) return ref.page === 1 ? head : undefined;
  const { createdAt, id } = ref.before;
  const pageOk = Number.isSafeInteger(ref.page) && ref.page >= 2 && ref.page <= MAX_PAGE;
  const timeOk = Number.isSafeInteger(createdAt) && createdAt >= 0;
  if (!pageOk || !timeOk || !CURSOR_ID.test(id)) return undefined;
  return `${head}${ref.page.toString(36)}_${createdAt.toString(36)}_${id}`;
}

/** Never throws; accepts only what encodeHistoryPage writes (one spelling per page). */
export function decodeHistoryPage(raw: string): HistoryPageDecodeResult {
  if (typeof raw !== 'string' || raw.length < 2 || raw.length > 64) return { ok: false };
  const list = raw[0] === 'h' ? 'history' : raw[0] === 'f' ? 'favorites' : undefined;
  const scope = raw[1];
  if (list === undefined || (scope !== 's' && scope !== 'a')) return { ok: false };
  const everywhere = scope === 'a';
  if (raw.length === 2) return { ok: true, value: { list, everywhere, page: 1, before: null } };
  const rest = raw.slice(2);
  const first = rest.indexOf('_');
  const second = first < 0 ? -1 : rest.indexOf('_', first + 1);
  if (second < 0) return { ok: false };
  const pageText = rest.slice(0, first);
  const timeText = rest.slice(first + 1, second);
  if (!BASE36.test(pageText) || !BASE36.test(timeText)) return { ok: false };
  const value: HistoryPageRef = {
    list,
    everywhere,
    page: Number.parseInt(pageText, 36),
    before: { createdAt: Number.parseInt(timeText, 36), id: rest.slice(second + 1) },
  };
  return encodeHistoryPage(value) === raw ? { ok: true, value } : { ok: false };
}
