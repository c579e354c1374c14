// Uploaded files: how multipart `files[n]` and the body's `attachments` list combine, and where bytes live.
import type { Cdn } from './cdn.ts';
import type { FormErrors } from './form.ts';
import { isRecord } from './http.ts';
import type { EmulatedAttachment, RecordedFile } from './types.ts';

export interface StoredFile {
  data: Buffer;
  contentType: string;
  filename: string;
}

export interface ResolvedAttachments {
  list: EmulatedAttachment[];
  /** New files, stored only once the whole request is accepted. */
  pending: [string, StoredFile][];
}

/** Width and height of PNG / JPEG / GIF / WebP images, as Discord reports them for media attachments. */
export function imageSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47) {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length >= 10 && data.toString('latin1', 0, 3) === 'GIF') {
    return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  }
  if (
    data.length >= 30 &&
    data.toString('latin1', 8, 12) === 'WEBP' &&
    data.toString('latin1', 12, 16) === 'VP8 '
  ) {
    return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
  }
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < data.length && data[i] === 0xff) {
    const marker = data[i + 1] ?? 0;
    const size = data.readUInt16BE(i + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { width: data.readUInt16BE(i + 7), height: data.readUInt16BE(i + 5) };
    i += 2 + size;
  }
  return undefined;
}

/** An attachment object as Discord describes a stored file (width and height only for images). */
export function attachmentJson(cdn: Cdn, kind: string, id: string, file: StoredFile): EmulatedAttachment {
  const size = imageSize(file.data);
  const url = cdn.url(kind, id, file.filename);
  return {
    id,
    filename: file.filename,
    size: file.data.length,
    url,
    proxy_url: cdn.proxyUrl(url),
    content_type: file.contentType,
    ...(size ? { width: size.width, height: size.height } : {}),
  };
}

function fileIndex(field: string, position: number): string {
  return /(\d+)/.exec(field)?.[1] ?? String(position);
}

/**
 * `listed` is the body's `attachments`: entries whose id names a `files[n]` part are new uploads, other ids
 * keep existing attachments. Without a list an edit keeps all existing ones and adds the new files.
 */
export function resolveAttachments(
  errs: FormErrors,
  existing: EmulatedAttachment[],
  listed: unknown,
  files: RecordedFile[],
  ctx: { cdn: Cdn; channelId: string; nextId: () => string },
): ResolvedAttachments {
  const byIndex = new Map<string, RecordedFile>();
  for (const [i, f] of files.entries()) byIndex.set(fileIndex(f.field, i), f);
  const consumed = new Set<RecordedFile>();
  const out: ResolvedAttachments = { list: [], pending: [] };
  const upload = (file: RecordedFile, entry: Record<string, unknown>) => {
    consumed.add(file);
    const id = ctx.nextId();
    const name = (typeof entry.filename === 'string' ? entry.filename : file.filename).replace(/\s/g, '_');
    const stored = { data: file.data, contentType: file.contentType, filename: name };
    out.list.push({
      ...attachmentJson(ctx.cdn, `attachments/${ctx.channelId}`, id, stored),
      ...(typeof entry.description === 'string' ? { description: entry.description } : {}),
      ...(typeof entry.title === 'string' ? { title: entry.title } : {}),
    });
    out.pending.push([id, stored]);
  };
  if (Array.isArray(listed)) {
    for (const [i, entry] of (listed as unknown[]).entries()) {
      if (!isRecord(entry) || entry.id === undefined) {
        errs.add(`attachments.${i}.id`, 'BASE_TYPE_REQUIRED', 'This field is required');
        continue;
      }
      const id = String(entry.id);
      const file = byIndex.get(id);
      if (file && !consumed.has(file)) {
        upload(file, entry);
        continue;
      }
      const old = existing.find((a) => a.id === id);
      if (old) {
        out.list.push(typeof entry.filename === 'string' ? { ...old, filename: entry.filename } : old);
        continue;
      }
      errs.add(`attachments.${i}.id`, 'ATTACHMENT_NOT_FOUND', `Unknown attachment or file index ${id}`);
    }
  } else {
    out.list.push(...existing);
  }
  for (const file of files) if (!consumed.has(file)) upload(file, {});
  return out;
}

/** Embeds may show an uploaded file via attachment://name; Discord swaps in the file's URL. */
export function resolveEmbeds(
  embeds: unknown[],
  attachments: EmulatedAttachment[],
  warn: (line: string) => void,
): unknown[] {
  const link = (media: unknown, key: string): unknown => {
    if (!isRecord(media) || typeof media[key] !== 'string') return media;
    const url = media[key] as string;
    if (!url.startsWith('attachment://')) return media;
    const file = attachments.find((a) => a.filename === url.slice('attachment://'.length));
    if (file) {
      const size = file.width === undefined ? {} : { width: file.width, height: file.height };
      return { ...media, [key]: file.url, proxy_url: file.proxy_url, ...size };
    }
    warn(`embed references ${url} but no such file is attached (Discord drops it)`);
    const { [key]: _dropped, ...rest } = media;
    return rest;
  };
  return embeds.map((embed) => {
    if (!isRecord(embed)) return embed;
    const out: Record<string, unknown> = { type: 'rich', ...embed };
    for (const key of ['image', 'thumbnail']) {
      if (out[key] === undefined) continue;
      const linked = link(out[key], 'url');
      if (isRecord(linked) && typeof linked.url === 'string') out[key] = linked;
      else delete out[key];
    }
    if (out.author !== undefined) out.author = link(out.author, 'icon_url');
    if (out.footer !== undefined) out.footer = link(out.footer, 'icon_url');
    return out;
  });
}
