import { describe, expect, test } from 'vitest';
import { createSseParser } from '../../src/fal/sseParser.ts';

function parse(chunks: string[]): string[] {
  const events: string[] = [];
  const parser = createSseParser((data) => events.push(data));
  for (const chunk of chunks) parser.push(chunk);
  return events;
}

describe('GIVEN a text/event-stream', () => {
  test('WHEN events arrive whole THEN each data payload is dispatched at its blank line', () => {
    expect(parse(['data: {"a":1}\n\ndata: {"b":2}\n\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  test('WHEN chunks split lines, line ends and CRLFs anywhere THEN the events are the same', () => {
    const text = 'data: {"status":"IN_QUEUE"}\r\n\r\ndata: {"status":"COMPLETED"}\r\n\r\n';
    const whole = parse([text]);
    expect(whole).toEqual(['{"status":"IN_QUEUE"}', '{"status":"COMPLETED"}']);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(parse(text.split(''))).toEqual(whole);
  });

  test('WHEN lines end in a lone CR THEN they are lines too', () => {
    expect(parse(['data: x\r\rdata: y\r', '\r'])).toEqual(['x', 'y']);
  });

  test('WHEN an event has several data lines THEN they are joined with newlines', () => {
    expect(parse(['data: {"status":\ndata:"COMPLETED"}\n\n'])).toEqual(['{"status":\n"COMPLETED"}']);
  });

  test('WHEN comments, keep-alives and other fields come THEN only data is kept', () => {
    const stream = [
      ': keep-alive\n\n',
      'event: status\nid: 7\nretry: 1000\ndata: one\n\n',
      ':\n',
      'data\n\n',
    ];
    expect(parse(stream)).toEqual(['one', '']);
  });

  test('WHEN the stream stops inside an event THEN that event is not dispatched', () => {
    expect(parse(['data: done\n\ndata: half'])).toEqual(['done']);
    expect(parse(['data: done\n\ndata: half\n'])).toEqual(['done']);
  });
});
