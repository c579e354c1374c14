import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { generationOptions, promptOption } from '../src/discord/generationOptions.ts';
import { imagineOptionsOf } from '../src/discord/imagineRequest.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { answerPresetChoices } from '../src/discord/studioInput.ts';
import { described, named } from '../src/i18n/commandText.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';
import { PRESET_NAME_MAX_LENGTH } from '../src/storage/studioStore.ts';

export const definition = {
  ...named('command.imagine.name'),
  ...described('command.imagine.description'),
  contexts: [InteractionContextType.Guild],
  // preset last: the other options keep their places.
  options: [
    promptOption('imagine'),
    ...generationOptions('imagine'),
    {
      type: ApplicationCommandOptionType.String,
      ...named('option.imagine.preset.name'),
      ...described('option.imagine.preset.description'),
      max_length: PRESET_NAME_MAX_LENGTH,
      autocomplete: true,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const facts = requestFacts(interaction);
  const options = await imagineOptionsOf(interaction, facts, ctx);
  await startGeneration(facts, { action: 'imagine', options, parent: null }, ctx, deferPublicly(interaction));
}

export const autocomplete = (interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> =>
  answerPresetChoices(interaction, ctx);
