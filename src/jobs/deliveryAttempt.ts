import type { Generation } from '../core/generation.ts';
import type { OutgoingMessage } from '../discord/interactionWebhook.ts';
import type { OutgoingFile, ResultMessage } from '../discord/presentation/resultMessage.ts';
import type { PostedParts } from './postedParts.ts';

// What one delivery carries from part to part, and the messages it adds around the result itself.

/** One delivery in progress: what is posted so far, and the DM channel once opened. */
export interface Attempt {
  generation: Generation;
  message: ResultMessage;
  posted: PostedParts;
  dmChannelId?: string;
  /** Files Discord refused even alone (413): the rest of the result is posted without them. */
  tooLarge: Set<string>;
  noticePosted?: boolean;
}

/** Images missing for size: refused by Discord here, or left out before upload (ResultMessage.oversized). */
export const oversizedCount = (attempt: Attempt): number =>
  attempt.tooLarge.size + (attempt.message.oversized ?? 0);

export const tooLargeNotice = (count: number, limit: number) =>
  `⚠️ ${count === 1 ? '1 image was' : `${count} images were`} larger than this channel accepts (${(limit / 1024 / 1024).toFixed(0)} MiB) and could not be posted.`;

/** The message with the embed and buttons, carrying `files`. */
export function headOf(message: ResultMessage, files: OutgoingFile[]): OutgoingMessage {
  const embeds = message.embeds.map((embed) =>
    // The embed may only point at an attachment that is in its own message.
    embed.image && !files.some((file) => embed.image?.url === `attachment://${file.name}`)
      ? { ...embed, image: undefined }
      : embed,
  );
  return { ...message, embeds, files };
}
