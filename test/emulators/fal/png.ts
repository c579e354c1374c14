// Minimal PNG codec (8-bit RGB/RGBA, no interlace). The template split exists because deflating a
// 1024x1024 noisy frame takes ~100 ms: a per-seed image only re-deflates its first rows and splices them
// in front of a tail deflated once, so 500 distinct images cost 500 small deflates, not 500 big ones.
import { constants, crc32, deflateRawSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ADLER_BASE = 65521;

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.equals(bytes.subarray(0, 8));
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter set 0, no interlace
  return chunk('IHDR', data);
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    // 5552 is zlib's NMAX: the largest run before b can overflow 2^32.
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

// zlib's adler32_combine: the checksum of A+B from those of A and B and B's length.
function adler32Combine(adlerA: number, adlerB: number, lengthB: number): number {
  const rem = lengthB % ADLER_BASE;
  let sum1 = adlerA & 0xffff;
  let sum2 = (rem * sum1) % ADLER_BASE;
  sum1 += (adlerB & 0xffff) + ADLER_BASE - 1;
  sum2 += ((adlerA >>> 16) & 0xffff) + ((adlerB >>> 16) & 0xffff) + ADLER_BASE - rem;
  sum1 %= ADLER_BASE;
  sum2 %= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

/**
 * IDAT scanlines with filter 1 (Sub): it turns smooth gradients into small repeated deltas, so deflate
 * gets photo-like ratios, and unlike Up it only looks within a row, which keeps head and tail independent.
 */
function scanlines(rgb: Uint8Array, width: number, fromRow: number, toRow: number): Buffer {
  const stride = width * 3;
  const out = Buffer.alloc((toRow - fromRow) * (stride + 1));
  for (let y = fromRow; y < toRow; y++) {
    const src = y * stride;
    const dst = (y - fromRow) * (stride + 1);
    out[dst] = 1;
    for (let x = 0; x < stride; x++) out[dst + 1 + x] = rgb[src + x]! - (x >= 3 ? rgb[src + x - 3]! : 0);
  }
  return out;
}

export interface PngTemplate {
  width: number;
  height: number;
  headRows: number;
  tail: Buffer; // raw deflate of rows headRows..height, ending with the final block
  tailAdler: number;
  tailLength: number;
}

export function pngTemplate(rgb: Uint8Array, width: number, height: number, headRows: number): PngTemplate {
  const raw = scanlines(rgb, width, headRows, height);
  return {
    width,
    height,
    headRows,
    tail: deflateRawSync(raw, { level: 6 }),
    tailAdler: adler32(raw),
    tailLength: raw.length,
  };
}

/** A full PNG whose first `headRows` rows come from `headRgb` (headRows * width * 3 bytes). */
export function pngFromTemplate(template: PngTemplate, headRgb: Uint8Array, comment: string): Buffer {
  const head = scanlines(headRgb, template.width, 0, template.headRows);
  // Sync flush leaves the head's blocks non-final and byte-aligned, so the tail's stream can follow it.
  const headDeflated = deflateRawSync(head, { level: 6, finishFlush: constants.Z_SYNC_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(adler32Combine(adler32(head), template.tailAdler, template.tailLength));
  const idat = Buffer.concat([Buffer.from([0x78, 0x9c]), headDeflated, template.tail, adler]);
  const text = Buffer.from(`Comment\0${comment}`, 'latin1');
  return Buffer.concat([
    SIGNATURE,
    ihdr(template.width, template.height),
    chunk('tEXt', text),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array; // unfiltered pixels, `channels` bytes each
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function predict(filter: number | undefined, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4:
      return paeth(a, b, c);
    default:
      throw new Error(`PNG: unknown filter ${filter}`);
  }
}

/** Real decode: checks every CRC, inflates (zlib checks the Adler-32) and undoes all five filters. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  if (!isPng(bytes)) throw new Error('not a PNG: bad signature');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  let offset = 8;
  let ended = false;
  while (offset + 12 <= buf.length && !ended) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) !== buf.readUInt32BE(offset + 8 + length)) {
      throw new Error(`PNG chunk ${type}: bad CRC`);
    }
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8);
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) {
        throw new Error('PNG: only 8-bit non-interlaced RGB/RGBA is supported');
      }
      channels = colour === 2 ? 3 : 4;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!ended || channels === 0) throw new Error('PNG: missing IHDR or IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error('PNG: pixel data has the wrong length');
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[row + x - channels]! : 0;
      const b = y > 0 ? out[row - stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[row - stride + x - channels]! : 0;
      out[row + x] = (line[x]! + predict(filter, a, b, c)) & 0xff;
    }
  }
  return { width, height, channels, data: out };
}
