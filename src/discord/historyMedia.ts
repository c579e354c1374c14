// Where a history entry's images can be shown from, without uploading anything again.
// First fal's own URL (what the generation stored); fal keeps result files for a limited time, so each
// is probed with a HEAD (concurrently, within a deadline). One that no longer answers is replaced by the
// URL of the posted attachment, read by fetching the result message from Discord with the bot token:
// Discord signs attachment URLs anew on every read, so that URL is fresh even when the one in the
// message as posted has expired. If neither works (fal dropped the file and the message is deleted,
// unreadable to the bot, or was only ever delivered through the interaction), the image is left out and
// the entry says so. Answers are cached briefly, bounded in size, so paging back and forth does not probe
// again; the cache lives as long as the bot's context.
import type { REST } from '@discordjs/rest';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import type { BotContext } from '../context.ts';
import type { Generation } from '../core/generation.ts';
import { isFetchable } from '../fal/urlProbe.ts';
import type { ResolvedMedia } from './presentation/historyView.ts';
import { parseImageFileName } from './presentation/resultMessage.ts';

export interface MediaSources {
  /** Whether fal still serves the URL. */
  probe(url: string, signal: AbortSignal): Promise<boolean>;
  /** The attachments of a posted message, as Discord names and signs them now; undefined if unreadable. */
  attachments(channelId: string, messageId: string): Promise<{ filename: string; url: string }[] | undefined>;
}

export interface MediaOptions {
  ttlMs?: number;
  maxEntries?: number;
  /** How long a page waits for fal's answers before treating the silent ones as gone. */
  deadlineMs?: number;
  now?: () => number;
}

export class HistoryMedia {
  private readonly cache = new Map<string, { url: string | null; at: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly deadlineMs: number;
  private readonly now: () => number;
  private readonly sources: MediaSources;

  constructor(sources: MediaSources, options: MediaOptions = {}) {
    this.sources = sources;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? 2000;
    this.deadlineMs = options.deadlineMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** By generation id, each image's URL to show (null: none works), by index as in outputUrls. */
  async resolve(generations: readonly Generation[]): Promise<ResolvedMedia> {
    const signal = AbortSignal.timeout(this.deadlineMs);
    const out = new Map<string, (string | null)[]>();
    await Promise.all(
      generations.map(async (generation) => {
        out.set(generation.id, await this.resolveOne(generation, signal));
      }),
    );
    return out;
  }

  private async resolveOne(generation: Generation, signal: AbortSignal): Promise<(string | null)[]> {
    const urls = generation.outputUrls ?? [];
    const cached = urls.map((url) => this.cached(url));
    const live = await Promise.all(
      urls.map((url, i) =>
        cached[i] !== undefined ? true : this.sources.probe(url, signal).catch(() => false),
      ),
    );
    const missing = urls.flatMap((_, i) => (cached[i] === undefined && !live[i] ? [i] : []));
    const posted = missing.length > 0 ? await this.postedCopies(generation) : new Map<number, string>();
    return urls.map((url, i) => {
      const known = cached[i];
      if (known !== undefined) return known;
      const resolved = live[i] ? url : (posted.get(i) ?? null);
      this.remember(url, resolved);
      return resolved;
    });
  }

  private async postedCopies(generation: Generation): Promise<Map<number, string>> {
    const copies = new Map<number, string>();
    if (generation.messageId === null) return copies;
    const attachments = await this.sources
      .attachments(generation.channelId, generation.messageId)
      .catch(() => undefined);
    for (const attachment of attachments ?? []) {
      const parsed = parseImageFileName(attachment.filename);
      if (parsed?.generationId === generation.id) copies.set(parsed.index, attachment.url);
    }
    return copies;
  }

  private cached(url: string): string | null | undefined {
    const entry = this.cache.get(url);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.cache.delete(url);
      return undefined;
    }
    return entry.url;
  }

  private remember(url: string, resolved: string | null): void {
    this.cache.delete(url);
    this.cache.set(url, { url: resolved, at: this.now() });
    // Map keeps insertion order: the first key is the oldest answer.
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** fal's HEAD probe and Discord's message read, with the bot's own REST client. */
export function mediaSources(rest: REST, allowHttpHosts: readonly string[]): MediaSources {
  return {
    probe: (url, signal) => isFetchable(url, allowHttpHosts, signal),
    async attachments(channelId, messageId) {
      const message = (await rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
      return message.attachments.map((a) => ({ filename: a.filename, url: a.url }));
    },
  };
}

const perBot = new WeakMap<BotContext, HistoryMedia>();

/** The resolver of this bot (one cache per running bot, made on first use). */
export function historyMediaOf(ctx: BotContext, rest: REST): HistoryMedia {
  let media = perBot.get(ctx);
  if (!media) {
    media = new HistoryMedia(mediaSources(rest, ctx.config.allowHttpHosts));
    perBot.set(ctx, media);
  }
  return media;
}
