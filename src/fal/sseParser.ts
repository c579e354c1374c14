// A small incremental parser for text/event-stream, after the WHATWG HTML "event stream interpretation":
// lines end in CRLF, LF or CR (a CR ending one chunk may be half of a CRLF whose LF starts the next),
// `:` lines are comments (keep-alives), several `data:` lines join with "\n", a blank line dispatches.
// fal's status stream uses neither event names nor ids, so only `data` is kept.

export interface SseParser {
  /** Feeds decoded text; calls `onData` for every complete event, synchronously. */
  push(text: string): void;
}

export function createSseParser(onData: (data: string) => void): SseParser {
  const lineEnd = /\r\n|\n|\r/g;
  let pending = '';
  // The previous chunk ended in CR: an LF starting this one belongs to that line end.
  let skipLf = false;
  let data: string[] = [];

  const line = (text: string): void => {
    if (text === '') {
      if (data.length === 0) return;
      const event = data.join('\n');
      data = [];
      onData(event);
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    if (field !== 'data') return;
    const value = colon === -1 ? '' : text.slice(colon + 1);
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
    },
  };
}
