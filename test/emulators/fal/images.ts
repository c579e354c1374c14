// Fake but real pictures. Encoding a 1024px frame costs ~0.1–0.5 s, so each (size, format) is encoded
// once as a template and every (seed, prompt, index) variant is derived cheaply from it: JPEGs get a
// different chroma quantiser (a visible saturation shift, no re-encode) plus a COM segment, PNGs get
// their first rows re-tinted and re-deflated plus a tEXt chunk. Bytes differ per variant and decode.
import jpeg from 'jpeg-js';
import { decodePng, isPng, type PngTemplate, pngFromTemplate, pngTemplate } from './png.ts';

export type ImageFormat = 'jpeg' | 'png';

export interface ImageSpec {
  width: number;
  height: number;
  format: ImageFormat;
  variant: number; // 32-bit hash of (seed, prompt, index)
  label: string; // stored in a comment, handy when debugging a saved file
}

const JPEG_QUALITY = 84;
const PNG_HEAD_ROWS = 16;

export function contentType(format: ImageFormat): string {
  return format === 'png' ? 'image/png' : 'image/jpeg';
}

/** Width and height for an aspect ratio such as '16:9': the long side is `longSide`, both multiples of 16. */
export function imageDimensions(aspectRatio: string, longSide: number): { width: number; height: number } {
  const [w = 1, h = 1] = aspectRatio.split(':').map(Number);
  const round16 = (v: number): number => Math.max(16, Math.round(v / 16) * 16);
  const long = round16(longSide);
  return w >= h
    ? { width: long, height: round16((long * h) / w) }
    : { width: round16((long * w) / h), height: long };
}

/** FNV-1a over the parts; stable across runs so the same seed and prompt give the same bytes. */
export function variantOf(...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// Smooth colour fields plus seeded noise: compresses like a photo (at 1024x1024: jpeg q84 ~300 KB, png ~1.7 MB)
// rather than like a flat colour (tiny) or white noise (incompressible).
function basePicture(width: number, height: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  let state = (width * 73856093) ^ (height * 19349663) || 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const noise = (state & 0x1f) - 16;
      const u = x / width;
      const v = y / height;
      const i = (y * width + x) * 3;
      rgb[i] = 128 + 90 * Math.sin(6 * u + 2 * v) + noise;
      rgb[i + 1] = 128 + 90 * Math.sin(5 * v - 3 * u + 1) + (noise >> 1);
      rgb[i + 2] = 128 + 90 * Math.cos(4 * u * v + 7 * v) - noise;
    }
  }
  return rgb;
}

interface JpegTemplate {
  bytes: Buffer;
  chromaDcOffset: number; // byte holding the chroma table's DC quantiser
}

function toRgba(rgb: Uint8Array): Uint8Array {
  const rgba = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i]!;
    rgba[j + 1] = rgb[i + 1]!;
    rgba[j + 2] = rgb[i + 2]!;
    rgba[j + 3] = 255;
  }
  return rgba;
}

function jpegTemplate(rgb: Uint8Array, width: number, height: number): JpegTemplate {
  const bytes = jpeg.encode({ data: toRgba(rgb), width, height }, JPEG_QUALITY).data;
  // Walk the marker segments up to the DQT holding table 1 (chroma); jpeg-js writes both tables in one.
  for (let offset = 2; offset + 4 < bytes.length; ) {
    const marker = bytes.readUInt16BE(offset);
    const length = bytes.readUInt16BE(offset + 2);
    if (marker === 0xffdb) {
      for (let t = offset + 4; t < offset + 2 + length; t += 65) {
        if ((bytes[t]! & 0x0f) === 1) return { bytes, chromaDcOffset: t + 1 };
      }
    }
    if (marker === 0xffda) break;
    offset += 2 + length;
  }
  throw new Error('jpeg-js output has no chroma quantisation table');
}

function jpegVariant(template: JpegTemplate, spec: ImageSpec): Buffer {
  const bytes = Buffer.from(template.bytes);
  const base = bytes[template.chromaDcOffset]!;
  bytes[template.chromaDcOffset] = Math.min(
    255,
    Math.max(1, Math.round(base * (0.5 + (spec.variant % 16) / 10))),
  );
  const text = Buffer.from(`kontext-emulator ${spec.label} variant=${spec.variant.toString(16)}`, 'latin1');
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([bytes.subarray(0, 2), com, text, bytes.subarray(2)]);
}

export interface ImageFactory {
  /** Encodes the template for this size and format now, so a later download is cheap. */
  prepare(width: number, height: number, format: ImageFormat): void;
  render(spec: ImageSpec): Buffer;
}

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  cache.set(key, value);
  return value;
}

export function createImageFactory(): ImageFactory {
  const pictures = new Map<string, Uint8Array>();
  const jpegs = new Map<string, JpegTemplate>();
  const pngs = new Map<string, PngTemplate>();
  const picture = (width: number, height: number): Uint8Array =>
    memo(pictures, `${width}x${height}`, () => basePicture(width, height));
  const jpegFor = (width: number, height: number): JpegTemplate =>
    memo(jpegs, `${width}x${height}`, () => jpegTemplate(picture(width, height), width, height));
  const pngFor = (width: number, height: number): PngTemplate =>
    memo(pngs, `${width}x${height}`, () =>
      pngTemplate(picture(width, height), width, height, Math.min(PNG_HEAD_ROWS, height)),
    );
  return {
    prepare(width, height, format) {
      if (format === 'png') pngFor(width, height);
      else jpegFor(width, height);
    },
    render(spec) {
      if (spec.format === 'jpeg') return jpegVariant(jpegFor(spec.width, spec.height), spec);
      const template = pngFor(spec.width, spec.height);
      const head = picture(spec.width, spec.height).slice(0, template.headRows * spec.width * 3);
      const tint = [spec.variant & 0xff, (spec.variant >>> 8) & 0xff, (spec.variant >>> 16) & 0xff];
      for (let i = 0; i < head.length; i++) head[i] = (head[i]! + tint[i % 3]!) & 0xff;
      return pngFromTemplate(
        template,
        head,
        `kontext-emulator ${spec.label} variant=${spec.variant.toString(16)}`,
      );
    },
  };
}

export interface DecodedImage {
  width: number;
  height: number;
  format: ImageFormat;
  /** RGBA for JPEG, RGB or RGBA (see channels) for PNG. */
  data: Uint8Array;
  channels: number;
}

/** Fully decodes JPEG (jpeg-js, non-tolerant) or PNG bytes; throws when they are not a valid image. */
export function decodeImage(bytes: Uint8Array): DecodedImage {
  if (isPng(bytes)) {
    const png = decodePng(bytes);
    return { ...png, format: 'png' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const image = jpeg.decode(bytes, { useTArray: true, tolerantDecoding: false, formatAsRGBA: true });
    return { width: image.width, height: image.height, format: 'jpeg', data: image.data, channels: 4 };
  }
  throw new Error('neither a JPEG nor a PNG');
}
