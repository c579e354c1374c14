import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import {
  ASPECT_RATIOS,
  COUNT_RANGE,
  GUIDANCE_RANGE,
  MAX_SEED,
  MIN_SEED,
  OUTPUT_FORMATS,
  PROMPT_MAX_LENGTH,
  parseImagineOptions,
} from '../src/core/imagineOptions.ts';
import { UserError } from '../src/core/userError.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

export const definition = {
  name: 'imagine',
  description: 'Create images from a prompt with FLUX.1 Kontext [pro]',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'prompt',
      description: 'What to draw',
      required: true,
      max_length: PROMPT_MAX_LENGTH,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'aspect_ratio',
      description: 'Shape of the image (default 1:1)',
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
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  // Raw values, not getInteger()/getString(): a crafted interaction with a wrong type must get a
  // polite refusal, and the schema is the single place that checks ranges.
  const raw = Object.fromEntries(interaction.options.data.map((option) => [option.name, option.value]));
  const parsed = parseImagineOptions(raw);
  if (!parsed.ok) throw new UserError(`I can't imagine that: ${parsed.error}.`);
  await startGeneration(interaction, { action: 'imagine', options: parsed.value, parent: null }, ctx);
}
