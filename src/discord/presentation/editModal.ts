import type { ModalSubmitInteraction } from 'discord.js';
import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  TextInputStyle,
} from 'discord-api-types/v10';
import { PROMPT_MAX_LENGTH } from '../../core/imagineOptions.ts';
import { truncate } from '../../core/text.ts';
import { t } from '../../i18n/translate.ts';

export const INSTRUCTION_FIELD = 'prompt';
export const IMAGE_FIELD = 'image';

export interface ImageChoice {
  /** 0-based index into the images the modal was opened on. */
  index: number;
  label: string;
}

/**
 * The modal of every image edit: the instruction first (the only required field), then, when there is
 * a choice, which image (defaults to the first). Two of Discord's five top-level components.
 */
export function editModal(
  customId: string,
  choices: readonly ImageChoice[],
  /** The language of the member opening it. */
  locale?: string | null,
): APIModalInteractionResponseCallbackData {
  const components: APIModalInteractionResponseCallbackData['components'] = [
    {
      type: ComponentType.Label,
      label: t(locale, 'label.edit.instruction.label'),
      description: t(locale, 'label.edit.instruction.description'),
      component: {
        type: ComponentType.TextInput,
        custom_id: INSTRUCTION_FIELD,
        style: TextInputStyle.Paragraph,
        min_length: 1,
        max_length: PROMPT_MAX_LENGTH,
        required: true,
      },
    },
  ];
  if (choices.length > 1) {
    components.push({
      type: ComponentType.Label,
      label: t(locale, 'label.edit.image.label'),
      component: {
        type: ComponentType.StringSelect,
        custom_id: IMAGE_FIELD,
        required: false,
        min_values: 0,
        max_values: 1,
        options: choices.slice(0, 25).map((choice, position) => ({
          label: truncate(choice.label, 100),
          value: String(choice.index),
          default: position === 0,
        })),
      },
    });
  }
  return { custom_id: customId, title: t(locale, 'modal.edit.title'), components };
}

/** The instruction and the chosen image (the first offered when the member left the choice alone). */
export function readEditModal(
  interaction: ModalSubmitInteraction,
  offered: readonly number[],
): { instruction: string | undefined; index: number | undefined } {
  const fields = interaction.fields;
  const instruction = fields.fields.find((field) => field.customId === INSTRUCTION_FIELD);
  const text =
    instruction && 'value' in instruction && typeof instruction.value === 'string'
      ? instruction.value
      : undefined;
  const chosen = fields.fields.find((field) => field.customId === IMAGE_FIELD);
  const values = chosen && 'values' in chosen && Array.isArray(chosen.values) ? chosen.values : [];
  const picked = values.length > 0 ? Number(values[0]) : offered[0];
  // A crafted submit may name an image that was never offered (a withheld one): nothing is picked then.
  return { instruction: text, index: picked !== undefined && offered.includes(picked) ? picked : undefined };
}
