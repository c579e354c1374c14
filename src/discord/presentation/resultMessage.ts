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
import { formatDuration, truncate } from '../../core/text.ts';
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

export function resultButtons(generationId: string): APIActionRowComponent<APIButtonComponent> {
  const button = (
    action: CustomIdAction,
    label: string,
    emoji: string,
    style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger,
  ): APIButtonComponent => ({
    type: ComponentType.Button,
    style,
    label,
    emoji: { name: emoji },
    custom_id: encodeCustomId({ action, generationId }),
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button('reroll', 'Reroll', '🎲', ButtonStyle.Primary),
      button('same', 'Same seed', '🌱', ButtonStyle.Secondary),
      button('reprompt', 'Edit prompt', '📝', ButtonStyle.Secondary),
      button('editimage', 'Edit image', '✏️', ButtonStyle.Secondary),
      button('delete', 'Delete', '🗑️', ButtonStyle.Danger),
    ],
  };
}

/** The second row: what concerns only the member pressing it (their favourites). */
export function studioButtons(generationId: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Favourite',
        emoji: { name: '⭐' },
        custom_id: encodeCustomId({ action: 'favorite', generationId }),
      },
    ],
  };
}

const ACTION_TITLES: Record<Generation['action'], string> = {
  imagine: 'Imagined',
  reroll: 'Rerolled',
  same_seed: 'Same seed',
  reprompt: 'Edited prompt',
  edit: 'Edited image',
};

function titleOf(generation: Generation): string {
  const title = ACTION_TITLES[generation.action];
  return isEdit(generation.options) && generation.action !== 'edit' ? `${title} (image edit)` : title;
}

/** Where an edit came from: a link to the source message, and its step in a chain of edits. */
function sourceField(generation: Generation): APIEmbedField | undefined {
  if (!isEdit(generation.options)) return undefined;
  const { source, chainStep } = generation;
  const images = generation.options.imageUrls.length;
  const from = source
    ? `[source message](${messageLink(source.guildId, source.channelId, source.messageId)})`
    : 'images uploaded with /edit';
  const step = chainStep !== null && chainStep > 1 ? ` · edit ${chainStep} of a chain` : '';
  const many = images > 1 ? ` · ${images} source images` : '';
  return { name: 'Source', value: `${from}${many}${step}`, inline: false };
}

export function withheldNotice(withheld: number, total: number): string {
  if (withheld === 0) return '';
  const which =
    total === 1
      ? 'The image was'
      : withheld === 1
        ? `1 of ${total} images was`
        : `${withheld} of ${total} images were`;
  return `🙈 ${which} withheld: fal flagged it as possibly not safe for work, and this channel is not age-restricted.`;
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
  const embed: APIEmbed = {
    color: BRAND_COLOR,
    title: titleOf(generation),
    description: truncate(plainText(generation.options.prompt), LIMITS.description),
    fields: [
      { name: 'Seed', value: `\`${generation.seed ?? 'unknown'}\``, inline: true },
      { name: 'Aspect ratio', value: options.aspectRatio ?? 'as the source', inline: true },
      {
        name: 'Images',
        value: withheld > 0 ? `${files.length} (${withheld} withheld)` : String(images.length),
        inline: true,
      },
      { name: 'Guidance', value: String(options.guidance), inline: true },
      { name: 'Took', value: formatDuration(durationMs), inline: true },
      { name: 'Requested by', value: `<@${generation.userId}>`, inline: true },
      ...(source ? [source] : []),
    ],
    footer: { text: `${endpointById(generation.model)?.label ?? generation.model} · ${generation.id}` },
  };
  // An embed shows its image unblurred, so a spoilered image stays an attachment only.
  if (files.length === 1 && files[0] && !files[0].name.startsWith('SPOILER_'))
    embed.image = { url: `attachment://${files[0].name}` };
  return {
    content: withheldNotice(withheld, images.length),
    embeds: [embed],
    components: [resultButtons(generation.id), studioButtons(generation.id)],
    files,
    ...(oversized > 0 ? { oversized } : {}),
  };
}
