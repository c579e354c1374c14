import { packAttachments } from '../core/attachmentPacking.ts';
import type { DeliveryRoute, Generation } from '../core/generation.ts';
import type { OutgoingFile, ResultMessage } from '../core/presentation.ts';
import type { ChannelMessages } from '../discord/channelMessages.ts';
import type { InteractionReplies, OutgoingMessage } from '../discord/interactionWebhook.ts';

// Discord: an interaction token can be used for 15 minutes. A margin keeps a slow upload from
// starting just before the end.
export const TOKEN_LIFETIME_MS = 15 * 60_000;
const TOKEN_MARGIN_MS = 30_000;
const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;
// Multipart framing and the JSON payload also count against the limit.
const UPLOAD_OVERHEAD = 64 * 1024;

const TOKEN_GONE_CODES = new Set([50027, 10015, 10062, 10008]);
const NO_ACCESS_CODES = new Set([50001, 50013, 50007]);

export class UploadTooLargeError extends Error {
  override readonly name = 'UploadTooLargeError';
}

// @discordjs/rest throws DiscordAPIError for JSON error bodies and HTTPError otherwise, both with a
// status. Read the fields rather than use instanceof: discord.js loads the CommonJS build of
// @discordjs/rest and this ESM module the other one, so their classes are not the same objects.
const fieldOf = (error: unknown, field: 'code' | 'status'): number => {
  const value = error instanceof Error ? (error as unknown as Record<string, unknown>)[field] : undefined;
  return typeof value === 'number' ? value : 0;
};
const codeOf = (error: unknown): number => fieldOf(error, 'code');
const statusOf = (error: unknown): number => fieldOf(error, 'status');
const isTokenGone = (error: unknown) => TOKEN_GONE_CODES.has(codeOf(error)) || statusOf(error) === 401;
const isTooLarge = (error: unknown) => statusOf(error) === 413 || codeOf(error) === 40005;
const isNoAccess = (error: unknown) => NO_ACCESS_CODES.has(codeOf(error)) || statusOf(error) === 403;

type Send = (message: OutgoingMessage, first: boolean) => Promise<{ id: string }>;

/**
 * Puts a finished result in front of the member: as the interaction's reply while its token lives,
 * else in the channel mentioning them, else in a DM. Files that pass the upload limit together are
 * spread over several messages.
 */
export class Delivery {
  private readonly replies: InteractionReplies;
  private readonly channels: ChannelMessages;
  private readonly now: () => number;

  constructor(deps: { replies: InteractionReplies; channels: ChannelMessages; now?: () => number }) {
    this.replies = deps.replies;
    this.channels = deps.channels;
    this.now = deps.now ?? Date.now;
  }

  tokenAlive(generation: Pick<Generation, 'createdAt'>): boolean {
    return this.now() < generation.createdAt + TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS;
  }

  /**
   * A process killed between Discord accepting the result and the database recording it would send it
   * again on resume: the reply itself tells whether it already carries this generation's images.
   */
  async alreadyDelivered(
    generation: Generation,
  ): Promise<{ messageId: string; via: DeliveryRoute } | undefined> {
    if (!this.tokenAlive(generation)) return undefined;
    try {
      const original = await this.replies.getOriginal(generation.applicationId, generation.interactionToken);
      const ours = original.attachments.some((name) => name.includes(`kontext-${generation.id}-`));
      return ours ? { messageId: original.id, via: 'edit' } : undefined;
    } catch {
      return undefined;
    }
  }

  async deliver(
    generation: Generation,
    message: ResultMessage,
  ): Promise<{ messageId: string; via: DeliveryRoute }> {
    const { applicationId: app, interactionToken: token, channelId, userId } = generation;
    const viaToken: Send = (part, first) =>
      first ? this.replies.editOriginal(app, token, part) : this.replies.followUp(app, token, part);
    const viaChannel: Send = (part, first) =>
      this.channels.post(
        channelId,
        first ? { ...part, content: `<@${userId}> ${part.content ?? ''}`.trim() } : part,
        userId,
      );
    const viaDm: Send = (part) => this.channels.directMessage(userId, part);

    if (this.tokenAlive(generation)) {
      try {
        return { messageId: await this.send(message, viaToken, generation), via: 'edit' };
      } catch (error) {
        if (!isTokenGone(error)) throw error;
      }
    }
    if (generation.guildId) {
      try {
        return { messageId: await this.send(message, viaChannel, generation), via: 'channel' };
      } catch (error) {
        if (!isNoAccess(error)) throw error;
      }
    }
    return { messageId: await this.send(message, viaDm, generation), via: 'dm' };
  }

  /** Sends the result in as few messages as fit; the first carries the embed and buttons. */
  private async send(message: ResultMessage, send: Send, generation: Generation): Promise<string> {
    let limit = (generation.attachmentSizeLimit ?? DEFAULT_UPLOAD_LIMIT) - UPLOAD_OVERHEAD;
    for (;;) {
      const groups = packAttachments(
        message.files.map((file) => file.data.length),
        limit,
      );
      try {
        return await this.sendGroups(message, groups, send);
      } catch (error) {
        // Discord measured differently than we did: try again with smaller messages, down to one file each.
        if (!isTooLarge(error) || groups.every((group) => group.length <= 1)) {
          throw isTooLarge(error)
            ? new UploadTooLargeError('an image is larger than this channel accepts')
            : error;
        }
        // Below the largest group's size, so that at least that group is split next time.
        const sizes = message.files.map((file) => file.data.length);
        const largest = Math.max(
          ...groups.map((group) => group.reduce((sum, index) => sum + sizes[index]!, 0)),
        );
        limit = Math.min(Math.floor(limit / 2), largest - 1);
      }
    }
  }

  private async sendGroups(message: ResultMessage, groups: number[][], send: Send): Promise<string> {
    const pick = (group: number[]): OutgoingFile[] => group.map((index) => message.files[index]!);
    const [firstGroup = [], ...rest] = groups;
    const firstFiles = pick(firstGroup);
    const embeds = message.embeds.map((embed) =>
      // The embed may only point at an attachment that is in its own message.
      embed.image && !firstFiles.some((file) => embed.image?.url === `attachment://${file.name}`)
        ? { ...embed, image: undefined }
        : embed,
    );
    const first = await send({ ...message, embeds, files: firstFiles }, true);
    for (const group of rest) await send({ content: '', files: pick(group) }, false);
    return first.id;
  }
}
