// /history and /favorites pages, and one entry opened again, as ephemeral Components V2 messages.
// Pure: the images' URLs come resolved (src/discord/historyMedia.ts); nothing here does I/O.
// Limits (https://discord.com/developers/docs/components/reference): ≤ 40 components counting nested
// ones, ≤ 4000 characters across all Text Displays, a Media Gallery holds 1–10 items.
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIMediaGalleryComponent,
  type APIMediaGalleryItem,
  type APIMessageTopLevelComponent,
  type APITextDisplayComponent,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord-api-types/v10';
import { type CustomIdAction, encodeCustomId } from '../../core/customId.ts';
import type { Generation } from '../../core/generation.ts';
import { encodeHistoryPage, type HistoryPageRef } from '../../core/historyPage.ts';
import { discordTime, truncate } from '../../core/text.ts';
import { t } from '../../i18n/translate.ts';
import type { HistoryPage } from '../../storage/studioStore.ts';
import { messageLink, plainText } from './markdown.ts';
import { resultButtons, studioButtons } from './resultMessage.ts';

export const MAX_COMPONENTS = 40;
export const MAX_TEXT = 4000;
/** Per entry: its gallery, its text, and a row of four buttons. */
const COMPONENTS_PER_ENTRY = 1 + 1 + (1 + 4);
/** The header text, and the paging row of two buttons. */
const FIXED_COMPONENTS = 1 + (1 + 2);
/** 5: the most entries whose components stay within Discord's 40. */
export const HISTORY_PAGE_SIZE = Math.floor((MAX_COMPONENTS - FIXED_COMPONENTS) / COMPONENTS_PER_ENTRY);
/**
 * A prompt shows at most this many characters (after escaping) so that five entries with every note in
 * the longest language stay within the 4000 (test/discord/historyView.test.ts checks the worst case).
 */
export const PROMPT_SHOWN_MAX = 400;

export interface ComponentsV2Message {
  components: APIMessageTopLevelComponent[];
  flags: number;
}

/** An entry's images as they can be shown: fal's URL, or a fresh one; null when neither answers. */
export type ResolvedMedia = ReadonlyMap<string, readonly (string | null)[]>;

interface Where {
  locale: string | undefined;
  /** The channel the member is in is age-restricted: flagged images are shown behind a spoiler. */
  channelNsfw: boolean;
}

const text = (content: string): APITextDisplayComponent => ({ type: ComponentType.TextDisplay, content });

const button = (
  label: string,
  action: CustomIdAction,
  id: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
  disabled = false,
): APIButtonComponent => ({
  type: ComponentType.Button,
  style,
  label,
  custom_id: encodeCustomId({ action, generationId: id }),
  ...(disabled ? { disabled } : {}),
});

const row = (
  components: APIComponentInMessageActionRow[],
): APIActionRowComponent<APIComponentInMessageActionRow> => ({ type: ComponentType.ActionRow, components });

/** The gallery items of a result, and how many images are not among them (and why). */
export function galleryOf(
  generation: Generation,
  media: ResolvedMedia,
  channelNsfw: boolean,
): { items: APIMediaGalleryItem[]; hidden: number; unavailable: number } {
  const resolved = media.get(generation.id);
  const items: APIMediaGalleryItem[] = [];
  let hidden = 0;
  let unavailable = 0;
  for (const [index, falUrl] of (generation.outputUrls ?? []).entries()) {
    const flagged = generation.nsfwFlags?.[index] === true;
    if (flagged && !channelNsfw) {
      hidden++;
      continue;
    }
    const url = resolved === undefined ? falUrl : resolved[index];
    if (!url) {
      unavailable++;
      continue;
    }
    items.push({ media: { url }, ...(flagged ? { spoiler: true } : {}) });
  }
  return { items: items.slice(0, 10), hidden, unavailable };
}

function entryText(generation: Generation, where: Where, hidden: number, unavailable: number): string {
  const { locale } = where;
  const place =
    generation.guildId === null
      ? t(locale, 'history.where.dm')
      : t(locale, 'history.where.channel', {
          channel:
            generation.messageId === null
              ? `<#${generation.channelId}>`
              : messageLink(generation.guildId, generation.channelId, generation.messageId),
        });
  const lines = [
    truncate(plainText(generation.options.prompt), PROMPT_SHOWN_MAX),
    t(locale, 'history.entry.meta', {
      seed: generation.seed ?? t(locale, 'history.noSeed'),
      when: discordTime(generation.createdAt),
      where: place,
    }),
  ];
  if (hidden > 0) lines.push(t(locale, 'history.hidden', { count: hidden }));
  if (unavailable > 0) lines.push(t(locale, 'history.unavailable', { count: unavailable }));
  return lines.join('\n');
}

function gallery(items: APIMediaGalleryItem[]): APIMediaGalleryComponent[] {
  return items.length === 0 ? [] : [{ type: ComponentType.MediaGallery, items }];
}

function entryComponents(generation: Generation, media: ResolvedMedia, where: Where) {
  const { items, hidden, unavailable } = galleryOf(generation, media, where.channelNsfw);
  const { locale } = where;
  const id = generation.id;
  return [
    ...gallery(items),
    text(entryText(generation, where, hidden, unavailable)),
    row([
      button(t(locale, 'button.history.open'), 'open', id, ButtonStyle.Primary),
      button(t(locale, 'button.history.reroll'), 'reroll', id),
      button(t(locale, 'button.history.same'), 'same', id),
      button(t(locale, 'button.history.editImage'), 'editimage', id),
    ]),
  ];
}

function pagingRow(ref: HistoryPageRef, page: HistoryPage, locale: string | undefined) {
  const first = encodeHistoryPage({ ...ref, page: 1, before: null })!;
  const last = page.entries.at(-1);
  // A disabled Older still needs a custom_id of its own (unique in the message): the end of this page.
  const cursor = page.next ?? (last ? { createdAt: last.createdAt, id: last.id } : null);
  const older = cursor ? encodeHistoryPage({ ...ref, page: ref.page + 1, before: cursor }) : undefined;
  const buttons = [
    button(t(locale, 'button.history.newest'), 'history', first, ButtonStyle.Secondary, ref.page === 1),
    ...(older === undefined
      ? []
      : [button(t(locale, 'button.history.older'), 'history', older, ButtonStyle.Secondary, !page.next)]),
  ];
  if (buttons.every((b) => 'disabled' in b && b.disabled)) return [];
  return [row(buttons)];
}

/** One page of /history or /favorites for the member who asked. */
export function historyView(
  ref: HistoryPageRef,
  page: HistoryPage,
  media: ResolvedMedia,
  where: Where,
): ComponentsV2Message {
  const { locale } = where;
  const scope = t(locale, ref.everywhere ? 'history.scope.everywhere' : 'history.scope.server');
  const header = [
    t(locale, ref.list === 'history' ? 'history.header.history' : 'history.header.favorites', {
      scope,
      page: ref.page,
    }),
  ];
  if (page.entries.length === 0)
    header.push(t(locale, ref.list === 'history' ? 'history.empty.history' : 'history.empty.favorites'));
  if (page.unreadable > 0) header.push(t(locale, 'history.unreadable', { count: page.unreadable }));
  const entries = page.entries.slice(0, HISTORY_PAGE_SIZE);
  return {
    components: [
      text(header.join('\n')),
      ...entries.flatMap((generation) => entryComponents(generation, media, where)),
      ...pagingRow(ref, page, locale),
    ],
    flags: MessageFlags.IsComponentsV2 | MessageFlags.Ephemeral,
  };
}

/** One result opened again: its images and texts, a link to where it was posted, and its usual buttons. */
export function openedEntryView(
  generation: Generation,
  media: ResolvedMedia,
  where: Where,
): ComponentsV2Message {
  const { items, hidden, unavailable } = galleryOf(generation, media, where.channelNsfw);
  const link: APIButtonComponent[] =
    generation.messageId === null
      ? []
      : [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Link,
            label: t(where.locale, 'button.history.goTo'),
            url: messageLink(generation.guildId, generation.channelId, generation.messageId),
          },
        ];
  // Delete acts on the posted message, which this copy is not.
  const results = resultButtons(generation.id, where.locale);
  const kept = results.components.filter((b) => !('custom_id' in b && b.custom_id.startsWith('v1:delete:')));
  return {
    components: [
      ...gallery(items),
      text(entryText(generation, where, hidden, unavailable)),
      { ...results, components: kept },
      studioButtons(generation.id, where.locale),
      ...(link.length > 0 ? [row(link)] : []),
    ],
    flags: MessageFlags.IsComponentsV2 | MessageFlags.Ephemeral,
  };
}

/** Characters across every Text Display of a message, nested ones included (Discord caps them at 4000). */
export function textLength(components: readonly unknown[]): number {
  let total = 0;
  for (const node of components) {
    if (typeof node !== 'object' || node === null) continue;
    const c = node as { type?: number; content?: unknown; components?: unknown };
    if (c.type === ComponentType.TextDisplay && typeof c.content === 'string') total += c.content.length;
    if (Array.isArray(c.components)) total += textLength(c.components);
  }
  return total;
}
