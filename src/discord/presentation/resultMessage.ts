import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { type CustomIdAction, encodeCustomId } from '../../core/customId.ts';
import { endpointById, isEdit } from '../../core/endpoints/index.ts';
import type { Generation, ImageDelivery } from '../../core/generation.ts';
import { formatDuration, formatNumber, truncate } from '../../core/text.ts';
import { type MessageId, t } from '../../i18n/translate.ts';
import { LIMITS, messageLink, plainText } from './markdown.ts';

const BRAND_COLOR = 0x7c5cff;

export interface OutgoingFile {
  name: string;
  data: Blob | Buffer;
  contentType: string;
}

export const fileSize = (file: Pick<OutgoingFile, 'data'>): number =>
  file.data instanceof Blob ? file.data.size : file.data.length;

export interface DeliveredImage {
  data: Blob | Buffer;
  contentType: string;
}

export interface ResultMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  files: OutgoingFile[];
  /** Images left out before upload because they exceed the channel's limit (delivery adds the notice). */
  oversized?: number;
}

export function imageFileName(generationId: string, index: number, contentType: string): string {
  const extension = contentType.includes('png') ? 'png' : 'jpeg';
  return `kontext-${generationId}-${index + 1}.${extension}`;
}

/** The generation id and 0-based index an attachment name made by imageFileName carries. */
export function parseImageFileName(name: string): { generationId: string; index: number } | undefined {
  const match = /^(?:SPOILER_)?kontext-([A-Za-z0-9_-]{1,64})-([1-9]\d?)\.(?:jpeg|png)$/.exec(name);
  return match ? { generationId: match[1]!, index: Number(match[2]) - 1 } : undefined;
}

/** The buttons under a result, labelled in `locale` (the requester's: the message is public). */
export function resultButtons(
  generationId: string,
  locale?: string | null,
): APIActionRowComponent<APIButtonComponent> {
  const button = (
    action: CustomIdAction,
    label: MessageId,
    emoji: string,
    style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger,
  ): APIButtonComponent => ({
    type: ComponentType.Button,
    style,
    label: t(locale, label),
    emoji: { name: emoji },
    custom_id: encodeCustomId({ action, generationId }),
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button('reroll', 'button.result.reroll', '🎲', ButtonStyle.Primary),
      button('same', 'button.result.sameSeed', '🌱', ButtonStyle.Secondary),
      button('reprompt', 'button.result.editPrompt', '📝', ButtonStyle.Secondary),
      button('editimage', 'button.result.editImage', '✏️', ButtonStyle.Secondary),
      button('delete', 'button.result.delete', '🗑️', ButtonStyle.Danger),
    ],
  };
}

/** A row of one secondary button (⭐ on a result, 🛑 on a progress message). */
export function singleButtonRow(
  action: CustomIdAction,
  label: string,
  emoji: string,
  generationId: string,
): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label,
        emoji: { name: emoji },
        custom_id: encodeCustomId({ action, generationId }),
      },
    ],
  };
}

/** The second row: what concerns only the member pressing it (their favourites). */
export function studioButtons(
  generationId: string,
  locale?: string | null,
): APIActionRowComponent<APIButtonComponent> {
  return singleButtonRow('favorite', t(locale, 'button.result.favourite'), '⭐', generationId);
}

function titleOf(generation: Generation): string {
  const title = t(generation.locale, `embed.result.${generation.action}.title`);
  return isEdit(generation.options) && generation.action !== 'edit'
    ? t(generation.locale, 'embed.result.ofEdit.title', { title })
    : title;
}

/** Where an edit came from: a link to the source message, and its step in a chain of edits. */
function sourceField(generation: Generation): APIEmbedField | undefined {
  if (!isEdit(generation.options)) return undefined;
  const { source, chainStep, locale } = generation;
  const images = generation.options.imageUrls.length;
  const from = source
    ? t(locale, 'result.sourceMessage', {
        link: messageLink(source.guildId, source.channelId, source.messageId),
      })
    : t(locale, 'result.sourceUploaded', { command: t(locale, 'command.edit.name') });
  const parts = [
    from,
    ...(images > 1 ? [t(locale, 'result.sourceImages', { count: images })] : []),
    ...(chainStep !== null && chainStep > 1 ? [t(locale, 'result.chainStep', { step: chainStep })] : []),
  ];
  return { name: t(locale, 'field.result.source.name'), value: parts.join(' · '), inline: false };
}

export function withheldNotice(withheld: number, total: number, locale?: string | null): string {
  if (withheld === 0) return '';
  return total === 1
    ? t(locale, 'result.withheld.only')
    : t(locale, 'result.withheld.some', { count: withheld, total });
}

export function resultMessage(
  generation: Generation,
  /** null: fal's image at that index was too large for the channel; the others keep their index. */
  images: (DeliveredImage | null)[],
  plan: readonly ImageDelivery[],
  durationMs: number,
): ResultMessage {
  const { options } = generation;
  const oversized = images.filter((image) => image === null).length;
  const files = images.flatMap((image, index) => {
    if (image === null) return [];
    const name = imageFileName(generation.id, index, image.contentType);
    if (plan[index] === 'withhold') return [];
    const spoiler = plan[index] === 'spoiler';
    return [{ name: spoiler ? `SPOILER_${name}` : name, data: image.data, contentType: image.contentType }];
  });
  const withheld = images.length - oversized - files.length;
  const source = sourceField(generation);
  const { locale } = generation;
  const embed: APIEmbed = {
    color: BRAND_COLOR,
    title: titleOf(generation),
    description: truncate(plainText(generation.options.prompt), LIMITS.description),
    fields: [
      {
        name: t(locale, 'field.result.seed.name'),
        value: `\`${generation.seed ?? t(locale, 'result.seedUnknown')}\``,
        inline: true,
      },
      {
        name: t(locale, 'field.result.aspectRatio.name'),
        value: options.aspectRatio ?? t(locale, 'result.aspectAsSource'),
        inline: true,
      },
      {
        name: t(locale, 'field.result.images.name'),
        value:
          withheld > 0
            ? t(locale, 'result.imagesWithheld', { shown: files.length, withheld })
            : String(images.length),
        inline: true,
      },
      {
        name: t(locale, 'field.result.guidance.name'),
        value: formatNumber(locale, options.guidance),
        inline: true,
      },
      { name: t(locale, 'field.result.took.name'), value: formatDuration(durationMs, locale), inline: true },
      { name: t(locale, 'field.result.requestedBy.name'), value: `<@${generation.userId}>`, inline: true },
      ...(source ? [source] : []),
    ],
    footer: { text: `${endpointById(generation.model)?.label ?? generation.model} · ${generation.id}` },
  };
  // An embed shows its image unblurred, so a spoilered image stays an attachment only.
  if (files.length === 1 && files[0] && !files[0].name.startsWith('SPOILER_'))
    embed.image = { url: `attachment://${files[0].name}` };
  return {
    content: withheldNotice(withheld, images.length, locale),
    embeds: [embed],
    components: [resultButtons(generation.id, locale), studioButtons(generation.id, locale)],
    files,
    ...(oversized > 0 ? { oversized } : {}),
  };
}
