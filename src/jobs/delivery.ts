import { packAttachments } from '../core/attachmentPacking.ts';
import type { DeliveryRoute, Generation } from '../core/generation.ts';
import type { ChannelMessages } from '../discord/channelMessages.ts';
import { isNoAccess, isTokenGone, isTooLarge } from '../discord/discordErrors.ts';
import type { InteractionReplies, OutgoingMessage } from '../discord/interactionWebhook.ts';
import type { MessageLookup } from '../discord/messageLookup.ts';
import { fileSize, type OutgoingFile, type ResultMessage } from '../discord/presentation/resultMessage.ts';
import { OutcomeUnknownError } from '../discord/restClients.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryLog } from '../storage/deliveryLog.ts';
import {
  type Attempt,
  droppedNotice,
  headOf,
  originalOnly,
  oversizedCount,
  tooLargeNotice,
} from './deliveryAttempt.ts';
import { findUnrecordedParts } from './deliveryProbe.ts';
import { PostedParts } from './postedParts.ts';

// Discord: an interaction token can be used for 15 minutes. A margin keeps a slow upload from
// starting just before the end.
export const TOKEN_LIFETIME_MS = 15 * 60_000;
export const TOKEN_MARGIN_MS = 30_000;
const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;
// Multipart framing and the JSON payload also count against the limit.
const UPLOAD_OVERHEAD = 64 * 1024;

const ROUTE_ORDER: readonly DeliveryRoute[] = ['edit', 'channel', 'dm'];
// Discord: where the app is only installed by a member, an interaction takes at most 5 follow-ups
// within its 15 minutes.
export const MAX_FOLLOW_UPS = 5;

export class UploadTooLargeError extends Error {
  override readonly name = 'UploadTooLargeError';
}

/** Only the interaction could carry this result (a member's own install) and its token is spent. */
export class InteractionExpiredError extends Error {
  override readonly name = 'InteractionExpiredError';
}

const fallsThrough = (route: DeliveryRoute, error: unknown) =>
  (route === 'edit' && isTokenGone(error)) || (route === 'channel' && isNoAccess(error));
// A timed-out post is looked up before sending again; twice is enough to tell a slow Discord from a dead one.
const OUTCOME_PROBES = 2;

export interface Delivered {
  messageId: string;
  via: DeliveryRoute;
}

/**
 * Puts a finished result in front of the member: as the interaction's reply while its token lives,
 * else in the channel mentioning them, else in a DM. Files that pass the upload limit together are
 * spread over several messages. Every message is recorded as soon as Discord accepts it, so a resumed
 * delivery posts only the missing parts, on the route it was using.
 */
export class Delivery {
  private readonly replies: InteractionReplies;
  private readonly channels: ChannelMessages;
  private readonly lookup: MessageLookup;
  private readonly log: DeliveryLog;
  private readonly now: () => number;

  constructor(deps: {
    replies: InteractionReplies;
    channels: ChannelMessages;
    lookup: MessageLookup;
    log: DeliveryLog;
    now?: () => number;
  }) {
    this.replies = deps.replies;
    this.channels = deps.channels;
    this.lookup = deps.lookup;
    this.log = deps.log;
    this.now = deps.now ?? Date.now;
  }

  tokenAlive(generation: Pick<Generation, 'createdAt'>): boolean {
    return this.now() < generation.createdAt + TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS;
  }

  /** The whole result was posted before a restart (only the final status was not written). */
  async alreadyDelivered(generation: Generation): Promise<Delivered | undefined> {
    const posted = new PostedParts(await this.log.partsOf(generation.id));
    return posted.complete && posted.head
      ? { messageId: posted.head.messageId, via: posted.head.route }
      : undefined;
  }

  /**
   * With `resuming`, a previous process may have been killed between Discord accepting a part and the
   * log recording it: Discord is asked first what it already has of this result.
   */
  async deliver(
    generation: Generation,
    message: ResultMessage,
    options: { resuming?: boolean; log?: Logger } = {},
  ): Promise<Delivered> {
    const attempt: Attempt = {
      generation,
      message,
      posted: new PostedParts(await this.log.partsOf(generation.id)),
      tooLarge: new Set(),
      dropped: new Set(),
    };
    if (options.resuming) await this.recordFound(attempt, options.log);
    const routes = this.routesFrom(generation, attempt.posted.lastRoute);
    if (routes.length === 0) {
      throw new InteractionExpiredError(
        'the interaction token expired and only the interaction can answer here',
      );
    }
    for (const [index, route] of routes.entries()) {
      try {
        await this.sendChecked(attempt, route, options.log);
        const head = attempt.posted.head!;
        return { messageId: head.messageId, via: head.route };
      } catch (error) {
        if (index === routes.length - 1 || !fallsThrough(route, error)) throw error;
      }
    }
    throw new Error('no delivery route');
  }

  /** The routes still open, starting with the one the posted parts went by. */
  private routesFrom(generation: Generation, current: DeliveryRoute | undefined): DeliveryRoute[] {
    // Where the bot is not (a member's own install), it may not post: the interaction is the only way.
    if (generation.interactionOnly) return this.tokenAlive(generation) ? ['edit'] : [];
    const open = ROUTE_ORDER.filter(
      (route) =>
        (route === 'edit' && this.tokenAlive(generation)) ||
        (route === 'channel' && generation.guildId !== null) ||
        route === 'dm',
    );
    const from = current ? ROUTE_ORDER.indexOf(current) : 0;
    return open.filter((route) => ROUTE_ORDER.indexOf(route) >= from);
  }

  private async recordFound(attempt: Attempt, log: Logger | undefined): Promise<void> {
    const { generation, message, posted } = attempt;
    const found = await findUnrecordedParts(
      generation,
      message.files.map((file) => file.name),
      posted,
      {
        lookup: generation.interactionOnly ? originalOnly(this.lookup, generation) : this.lookup,
        tokenAlive: this.tokenAlive(generation),
        ...(log ? { log } : {}),
      },
    );
    for (const [index, part] of found.entries()) {
      const left = message.files.filter((f) => !posted.hasFile(f.name) && !part.files.includes(f.name));
      await this.record(attempt, {
        route: part.route,
        messageId: part.messageId,
        channelId: part.channelId,
        files: part.files,
        last: index === found.length - 1 && left.length === 0,
      });
    }
    if (found.length > 0)
      log?.info({ parts: found.length, files: found.flatMap((part) => part.files) }, 'found posted parts');
  }

  /**
   * A post that got no answer may have been accepted: Discord is asked what it has of this result (as
   * on a resume) before the missing parts are sent again, so a slow upload never becomes two messages.
   */
  private async sendChecked(attempt: Attempt, route: DeliveryRoute, log: Logger | undefined): Promise<void> {
    for (let probes = 0; ; probes++) {
      try {
        await this.sendMissing(attempt, route);
        return;
      } catch (error) {
        if (!(error instanceof OutcomeUnknownError) || probes >= OUTCOME_PROBES) throw error;
        log?.warn(
          { err: error, route },
          'a post got no answer: checking what Discord has before sending again',
        );
        await this.recordFound(attempt, log);
      }
    }
  }

  /** Sends the files not yet posted in as few messages as fit; the head also carries the embed and buttons. */
  private async sendMissing(attempt: Attempt, route: DeliveryRoute): Promise<void> {
    const { generation, message, posted } = attempt;
    const channelLimit = generation.attachmentSizeLimit ?? DEFAULT_UPLOAD_LIMIT;
    let limit = channelLimit - UPLOAD_OVERHEAD;
    for (;;) {
      const remaining = message.files.filter(
        (file) =>
          !posted.hasFile(file.name) && !attempt.tooLarge.has(file.name) && !attempt.dropped.has(file.name),
      );
      if (posted.head && remaining.length === 0) {
        if (oversizedCount(attempt) > 0 && !attempt.noticePosted)
          await this.postNotice(attempt, route, channelLimit);
        return;
      }
      const sizes = remaining.map(fileSize);
      // A result whose images were all withheld (or all too large) is a head without files.
      const groups = this.withinFollowUps(
        attempt,
        remaining,
        remaining.length > 0 ? packAttachments(sizes, limit) : [[]],
      );
      let sending: number[] = [];
      try {
        for (const [index, group] of groups.entries()) {
          sending = group;
          const files = group.map((at) => remaining[at]!);
          await this.post(attempt, route, files, index === groups.length - 1, channelLimit);
        }
      } catch (error) {
        if (!isTooLarge(error)) throw error;
        // One image alone over the limit: the others still go out, with a notice saying what is missing.
        if (groups.every((group) => group.length <= 1)) {
          if (sending.length === 0)
            throw new UploadTooLargeError('the result is larger than this channel accepts');
          attempt.tooLarge.add(remaining[sending[0]!]!.name);
          continue;
        }
        // Discord measured differently than we did: try again with smaller messages, down to one file each.
        // Below the largest group's size, so that at least that group is split next time.
        const largest = Math.max(
          ...groups.map((group) => group.reduce((sum, index) => sum + sizes[index]!, 0)),
        );
        limit = Math.min(Math.floor(limit / 2), largest - 1);
      }
    }
  }

  /**
   * Where only the interaction answers, Discord takes at most five follow-ups: the messages past them
   * are dropped (the last one sent says how many images), never sent by the bot instead.
   */
  private withinFollowUps(attempt: Attempt, remaining: OutgoingFile[], groups: number[][]): number[][] {
    if (!attempt.generation.interactionOnly) return groups;
    const used = attempt.posted.followUps;
    const left = (attempt.posted.head ? 0 : 1) + Math.max(0, MAX_FOLLOW_UPS - used);
    if (groups.length <= left) return groups;
    for (const group of groups.slice(left)) for (const at of group) attempt.dropped.add(remaining[at]!.name);
    return groups.slice(0, left);
  }

  private async postNotice(attempt: Attempt, route: DeliveryRoute, channelLimit: number): Promise<void> {
    // The notice would be one message more than Discord takes here.
    if (attempt.generation.interactionOnly && attempt.posted.followUps >= MAX_FOLLOW_UPS) return;
    attempt.noticePosted = true;
    await this.post(attempt, route, [], true, channelLimit, {
      content: tooLargeNotice(oversizedCount(attempt), channelLimit, attempt.generation.locale),
    });
  }

  private async post(
    attempt: Attempt,
    route: DeliveryRoute,
    files: OutgoingFile[],
    last: boolean,
    channelLimit: number,
    notice?: OutgoingMessage,
  ) {
    const { generation, posted } = attempt;
    const { applicationId: app, interactionToken: token, userId } = generation;
    const head = !posted.head;
    let part: OutgoingMessage = notice ?? (head ? headOf(attempt.message, files) : { content: '', files });
    if (head && oversizedCount(attempt) > 0) {
      attempt.noticePosted = true;
      const text = tooLargeNotice(oversizedCount(attempt), channelLimit, attempt.generation.locale);
      part = { ...part, content: part.content ? `${part.content}\n${text}` : text };
    }
    if (last && attempt.dropped.size > 0) {
      const text = droppedNotice(attempt.dropped.size, attempt.generation.locale);
      part = { ...part, content: part.content ? `${part.content}\n${text}` : text };
    }
    let sent: { id: string };
    let channelId = generation.channelId;
    if (route === 'edit') {
      sent = head
        ? await this.replies.editOriginal(app, token, part)
        : await this.replies.followUp(app, token, part);
    } else if (route === 'channel') {
      // The first message in the channel pings the member: they may be waiting on a reply that never came.
      const ping = !posted.usedRoute('channel');
      sent = await this.channels.post(
        channelId,
        ping ? { ...part, content: `<@${userId}> ${part.content ?? ''}`.trim() } : part,
        userId,
      );
    } else {
      attempt.dmChannelId ??= await this.lookup.dmChannelId(userId);
      channelId = attempt.dmChannelId;
      sent = await this.channels.post(channelId, part);
    }
    await this.record(attempt, {
      route,
      messageId: sent.id,
      channelId,
      files: files.map((file) => file.name),
      last,
    });
  }

  private async record(
    attempt: Attempt,
    part: {
      route: DeliveryRoute;
      messageId: string;
      channelId: string | null;
      files: string[];
      last: boolean;
    },
  ): Promise<void> {
    const recorded = {
      generationId: attempt.generation.id,
      part: attempt.posted.nextPart,
      postedAt: this.now(),
      ...part,
    };
    attempt.posted.add(recorded);
    await this.log.recordPart(recorded);
  }
}
