import type { Attachment } from 'discord.js';
import type { AttachmentRef } from '../core/editSources.ts';

/** What the core needs of a Discord attachment to check it and fetch it. */
export function attachmentRef(attachment: Attachment): AttachmentRef {
  return {
    url: attachment.url,
    contentType: attachment.contentType,
    size: attachment.size,
    fileName: attachment.name,
  };
}
