// multipart/form-data without copies. Request#formData() copies every upload three times and dominated the
// emulator's CPU under the benchmark's 500 concurrent multi-MB uploads; this slices the body buffer instead.
// Anything it cannot read returns undefined, and the caller falls back to the web Request API.

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Form field names are quoted, with `"` and line breaks percent-escaped (WHATWG / undici). */
function param(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(header);
  return match?.[1]?.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

export function parseMultipart(body: Buffer, boundary: string): Part[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  pos += delimiter.length;
  const parts: Part[] = [];
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    if (body.compare(CRLF, 0, 2, pos, pos + 2) !== 0) return undefined;
    const headersEnd = body.indexOf(HEADER_END, pos);
    if (headersEnd < 0) return undefined;
    const next = body.indexOf(separator, headersEnd + 4);
    if (next < 0) return undefined;
    const headers = body.toString('utf8', pos + 2, headersEnd).split('\r\n');
    const disposition = headers.find((h) => /^content-disposition:/i.test(h));
    const type = headers.find((h) => /^content-type:/i.test(h));
    const name = disposition === undefined ? undefined : param(disposition, 'name');
    if (name === undefined) return undefined;
    const filename = disposition === undefined ? undefined : param(disposition, 'filename');
    parts.push({
      name,
      ...(filename === undefined ? {} : { filename }),
      ...(type === undefined ? {} : { contentType: type.slice(type.indexOf(':') + 1).trim() }),
      data: body.subarray(headersEnd + 4, next),
    });
    pos = next + separator.length;
  }
}
