import type { Generation } from '../core/generation.ts';
import { formatNumber } from '../core/text.ts';
import type { OutgoingMessage } from '../discord/interactionWebhook.ts';
import type { MessageLookup } from '../discord/messageLookup.ts';
import type { OutgoingFile, ResultMessage } from '../discord/presentation/resultMessage.ts';
import { t } from '../i18n/translate.ts';
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
  /** Files left out because the interaction took all the follow-ups Discord allows (interaction-only). */
  dropped: Set<string>;
  noticePosted?: boolean;
}

/** Images missing for size: refused by Discord here, or left out before upload (ResultMessage.oversized). */
export const oversizedCount = (attempt: Attempt): number =>
  attempt.tooLarge.size + (attempt.message.oversized ?? 0);

/** In `locale`, the requester's: the notice is posted with the public result. */
export const tooLargeNotice = (count: number, limit: number, locale?: string | null) =>
  t(locale, 'delivery.tooLarge', { count, limit: formatNumber(locale, limit / 1024 / 1024, 0) });

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

export const droppedNotice = (count: number, locale?: string | null) =>
  t(locale, 'reach.followUpsUsed', { count });

/**
 * Where the bot is not, only the interaction's own messages can be read back: the channel and a DM
 * are the bot's, and asking for them would only be refused.
 */
export function originalOnly(lookup: MessageLookup, generation: Generation): MessageLookup {
  return {
    original: (applicationId, token) => lookup.original(applicationId, token),
    recent: async () => [],
    dmChannelId: async () => generation.channelId,
  };
}
