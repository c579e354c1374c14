// An edit's sources before fal sees them: pure checks on what Discord told us about an attachment.
import type { UserMessage } from './userError.ts';

/** fal fetches these; BFL's Kontext reads the same (AVIF and others are refused before download). */
export const EDITABLE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

/** A Discord attachment: downloaded when the request arrives and uploaded to fal storage. */
export interface AttachmentRef {
  url: string;
  contentType: string | null;
  size: number;
  fileName: string;
}

export type SourceRef =
  /**
   * fal already hosts it: one of our own results (its stored fal URL). fal keeps its outputs for a
   * limited time, so the posted copy on Discord, when known, is the fallback.
   */
  { kind: 'hosted'; url: string; fallback?: AttachmentRef } | ({ kind: 'attachment' } & AttachmentRef);

export interface AttachmentFacts {
  contentType: string | null;
  size: number;
  fileName: string;
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/**
 * Why an attachment cannot be edited, as catalogue data (rendered in the member's language), or
 * undefined when it looks like an image Discord says is small enough; the download checks the bytes too.
 */
export function attachmentRefusal(attachment: AttachmentFacts, maxBytes: number): UserMessage | undefined {
  const name = attachment.fileName.slice(0, 80).replace(/`/g, "'");
  const type = attachment.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(EDITABLE_TYPES as readonly string[]).includes(type)) {
    return type
      ? { id: 'error.source.notImage', params: { name, type } }
      : { id: 'error.source.notImageUntyped', params: { name } };
  }
  if (attachment.size > maxBytes) {
    return { id: 'error.source.tooBig', params: { name, size: mb(attachment.size), max: mb(maxBytes) } };
  }
  return undefined;
}

/** A message's attachments that are images at all (the others are not offered for editing). */
export function isImageAttachment(attachment: AttachmentFacts): boolean {
  const type = attachment.contentType?.toLowerCase() ?? '';
  return type.startsWith('image/') || /\.(jpe?g|png|webp|gif)$/i.test(attachment.fileName);
}
