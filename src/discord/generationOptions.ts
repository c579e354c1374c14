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

/** /imagine and /edit take the same options, by the same names and types: defined once, here. */
export function promptOption(description: string): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: 'prompt',
    description,
    required: true,
    max_length: PROMPT_MAX_LENGTH,
  };
}

export function generationOptions(aspectDefault: string): APIApplicationCommandBasicOption[] {
  return [
    {
      type: ApplicationCommandOptionType.String,
      name: 'aspect_ratio',
      description: `Shape of the image (default ${aspectDefault})`,
      choices: ASPECT_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'count',
      description: 'How many images, 1–4 (default 1)',
      min_value: COUNT_RANGE.min,
      max_value: COUNT_RANGE.max,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'seed',
      description: 'Same seed + same prompt gives the same image (default random)',
      min_value: MIN_SEED,
      max_value: MAX_SEED,
    },
    {
      type: ApplicationCommandOptionType.Number,
      name: 'guidance',
      description: 'How closely to follow the prompt, 1–20 (default 3.5)',
      min_value: GUIDANCE_RANGE.min,
      max_value: GUIDANCE_RANGE.max,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'format',
      description: 'Image file format (default jpeg)',
      choices: OUTPUT_FORMATS.map((format) => ({ name: format, value: format })),
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'enhance_prompt',
      description: 'Let fal rewrite the prompt for better results (default false)',
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
