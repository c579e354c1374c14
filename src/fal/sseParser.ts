// A small incremental parser for text/event-stream, after the WHATWG HTML "event stream interpretation":
// lines end in CRLF, LF or CR (a CR ending one chunk may be half of a CRLF whose LF starts the next),
// `:` lines are comments (keep-alives), several `data:` lines join with "\n", a blank line dispatches.
// fal's status stream uses neither event names nor ids, so only `data` is kept.
// A peer that never ends a line or an event would otherwise grow the buffer without end: past
// `maxEventChars` the parser throws, and the reader treats the stream as garbled (close, poll, reopen).
import { FalError } from './falErrors.ts';

/** A status event is ~300 characters; 64 Ki leaves room for logs without letting a stream hoard memory. */
export const MAX_SSE_EVENT_CHARS = 64 * 1024;

export interface SseParser {
  /** Feeds decoded text; calls `onData` for every complete event, synchronously. */
  push(text: string): void;
}

export function createSseParser(
  onData: (data: string) => void,
  maxEventChars = MAX_SSE_EVENT_CHARS,
): SseParser {
  const lineEnd = /\r\n|\n|\r/g;
  let pending = '';
  let dataChars = 0;
  const tooLong = (): never => {
    throw new FalError('server', `fal status stream sent an event over ${maxEventChars} characters`);
  };
  // The previous chunk ended in CR: an LF starting this one belongs to that line end.
  let skipLf = false;
  let data: string[] = [];

  const line = (text: string): void => {
    if (text === '') {
      if (data.length === 0) return;
      const event = data.join('\n');
      data = [];
      dataChars = 0;
      onData(event);
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    if (field !== 'data') return;
    const value = colon === -1 ? '' : text.slice(colon + 1);
    dataChars += value.length;
    if (dataChars > maxEventChars) tooLong();
    data.push(value.startsWith(' ') ? value.slice(1) : value);
  };

  return {
    push(text) {
      if (text === '') return;
      pending += skipLf && text.startsWith('\n') ? text.slice(1) : text;
      skipLf = false;
      let start = 0;
      lineEnd.lastIndex = 0;
      for (let match = lineEnd.exec(pending); match; match = lineEnd.exec(pending)) {
        const end = match.index + match[0].length;
        line(pending.slice(start, match.index));
        start = end;
        skipLf = match[0] === '\r' && end === pending.length;
      }
      pending = pending.slice(start);
      if (pending.length > maxEventChars) tooLong();
    },
  };
}
