import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
} from 'discord.js';
import {
  ASPECT_RATIOS,
  COUNT_RANGE,
  GUIDANCE_RANGE,
  MAX_SEED,
  MIN_SEED,
  OUTPUT_FORMATS,
  PROMPT_MAX_LENGTH,
} from '../core/imagineOptions.ts';
import { described, named } from '../i18n/commandText.ts';

/** /imagine and /edit take the same options, by the same names and types: defined once, here. */
export function promptOption(command: 'imagine' | 'edit'): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    ...named('option.prompt.name'),
    ...described(`option.${command}.prompt.description`),
    required: true,
    max_length: PROMPT_MAX_LENGTH,
  };
}

/** Choices are the values themselves (1:1, jpeg): the same in every language, so not localised. */
export function generationOptions(command: 'imagine' | 'edit'): APIApplicationCommandBasicOption[] {
  return [
    {
      type: ApplicationCommandOptionType.String,
      ...named('option.aspect_ratio.name'),
      ...described(`option.${command}.aspect_ratio.description`),
      choices: ASPECT_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
    },
    {
      type: ApplicationCommandOptionType.Integer,
      ...named('option.count.name'),
      ...described('option.generation.count.description'),
      min_value: COUNT_RANGE.min,
      max_value: COUNT_RANGE.max,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      ...named('option.seed.name'),
      ...described('option.generation.seed.description'),
      min_value: MIN_SEED,
      max_value: MAX_SEED,
    },
    {
      type: ApplicationCommandOptionType.Number,
      ...named('option.guidance.name'),
      ...described('option.generation.guidance.description'),
      min_value: GUIDANCE_RANGE.min,
      max_value: GUIDANCE_RANGE.max,
    },
    {
      type: ApplicationCommandOptionType.String,
      ...named('option.format.name'),
      ...described('option.generation.format.description'),
      choices: OUTPUT_FORMATS.map((format) => ({ name: format, value: format })),
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      ...named('option.enhance_prompt.name'),
      ...described('option.generation.enhance_prompt.description'),
    },
  ];
}

/**
 * Raw values, not getInteger()/getString(): a crafted interaction with a wrong type must get a polite
 * refusal, and the schema is the single place that checks ranges. Attachments are left out.
 */
export function rawOptionValues(interaction: ChatInputCommandInteraction): Record<string, unknown> {
  return Object.fromEntries(
    interaction.options.data
      .filter((option) => option.type !== ApplicationCommandOptionType.Attachment)
      .map((option) => [option.name, option.value]),
  );
}
