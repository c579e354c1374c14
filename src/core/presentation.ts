import { escapeMarkdown } from 'discord.js';
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { planImageDelivery, withheldNotice } from '../moderation/flaggedImages.ts';
import { encodeCustomId } from './customId.ts';
import type { Generation } from './generation.ts';

// Limits from Discord's docs (Messages: content 2000, embed description 4096, title 256, field value 1024).
export const LIMITS = { content: 2000, description: 4096, title: 256, fieldValue: 1024, label: 80 } as const;
const BRAND_COLOR = 0x7c5cff;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const ZWSP = '\u200B';

/**
 * A prompt shown publicly reads as the member typed it and formats nothing: markdown is escaped, a link
 * cannot be masked behind other text (`[free nitro](https://…)`) nor made clickable, and mentions,
 * already never pinged (allowed_mentions), do not even render as one.
 */
export function plainText(text: string): string {
  return escapeMarkdown(text, { maskedLink: true, heading: true, bulletedList: true, numberedList: true })
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/([a-z][a-z0-9+.-]*):\/\//gi, `$1${ZWSP}://`)
    .replace(/<(?=[@#/:]|a:|t:)/g, `<${ZWSP}`)
    .replace(/@(?=everyone|here)/g, `@${ZWSP}`);
}

export interface OutgoingFile {
  name: string;
  data: Buffer;
  contentType: string;
}

export interface DeliveredImage {
  data: Buffer;
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

export function resultButtons(generationId: string): APIActionRowComponent<APIButtonComponent> {
  const button = (
    action: 'reroll' | 'same' | 'edit' | 'delete',
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
      button('edit', 'Edit prompt', '✏️', ButtonStyle.Secondary),
      button('delete', 'Delete', '🗑️', ButtonStyle.Danger),
    ],
  };
}

export function formatDuration(ms: number): string {
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const ACTION_TITLES: Record<Generation['action'], string> = {
  imagine: 'Imagined',
  reroll: 'Rerolled',
  same_seed: 'Same seed',
  edit: 'Edited prompt',
};

export function resultMessage(
  generation: Generation,
  /** null: fal's image at that index was too large for the channel; the others keep their index. */
  images: (DeliveredImage | null)[],
  durationMs: number,
): ResultMessage {
  const { options } = generation;
  const plan = planImageDelivery(generation.nsfwFlags, images.length, generation.channelNsfw);
  const oversized = images.filter((image) => image === null).length;
  const files = images.flatMap((image, index) => {
    if (image === null) return [];
    const name = imageFileName(generation.id, index, image.contentType);
    if (plan[index] === 'withhold') return [];
    const spoiler = plan[index] === 'spoiler';
    return [{ name: spoiler ? `SPOILER_${name}` : name, data: image.data, contentType: image.contentType }];
  });
  const withheld = images.length - oversized - files.length;
  const embed: APIEmbed = {
    color: BRAND_COLOR,
    title: ACTION_TITLES[generation.action],
    description: truncate(plainText(generation.options.prompt), LIMITS.description),
    fields: [
      { name: 'Seed', value: `\`${generation.seed ?? 'unknown'}\``, inline: true },
      { name: 'Aspect ratio', value: options.aspectRatio, inline: true },
      {
        name: 'Images',
        value: withheld > 0 ? `${files.length} (${withheld} withheld)` : String(images.length),
        inline: true,
      },
      { name: 'Guidance', value: String(options.guidance), inline: true },
      { name: 'Took', value: formatDuration(durationMs), inline: true },
      { name: 'Requested by', value: `<@${generation.userId}>`, inline: true },
    ],
    footer: { text: `FLUX.1 Kontext [pro] · ${generation.id}` },
  };
  // An embed shows its image unblurred, so a spoilered image stays an attachment only.
  if (files.length === 1 && files[0] && !files[0].name.startsWith('SPOILER_'))
    embed.image = { url: `attachment://${files[0].name}` };
  return {
    content: withheldNotice(withheld, images.length),
    embeds: [embed],
    components: [resultButtons(generation.id)],
    files,
    ...(oversized > 0 ? { oversized } : {}),
  };
}

export type ProgressState =
  | { phase: 'waiting'; position: number }
  | { phase: 'queued'; position: number | undefined }
  | { phase: 'running'; elapsedMs: number }
  | { phase: 'uploading' };

export function progressContent(prompt: string, state: ProgressState): string {
  const head = `**${plainText(truncate(prompt.replace(/\s+/g, ' '), 200))}**`;
  switch (state.phase) {
    case 'waiting':
      return `${head}\n⏳ Waiting for a free slot: position ${state.position} in line…`;
    case 'queued':
      return `${head}\n⏳ Waiting in fal's queue${state.position === undefined ? '' : ` (position ${state.position + 1})`}…`;
    case 'running':
      return `${head}\n🎨 Generating… ${Math.round(state.elapsedMs / 1000)} s`;
    case 'uploading':
      return `${head}\n📤 Uploading…`;
  }
}

export function cancelButtonRow(generationId: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Cancel',
        emoji: { name: '🛑' },
        custom_id: encodeCustomId({ action: 'cancel', generationId }),
      },
    ],
  };
}
