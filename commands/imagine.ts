import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { parseImagineOptions } from '../src/core/imagineOptions.ts';
import { UserError } from '../src/core/userError.ts';
import { generationOptions, promptOption, rawOptionValues } from '../src/discord/generationOptions.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { described, named } from '../src/i18n/commandText.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

export const definition = {
  ...named('command.imagine.name'),
  ...described('command.imagine.description'),
  contexts: [InteractionContextType.Guild],
  options: [promptOption('imagine'), ...generationOptions('imagine')],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const parsed = parseImagineOptions(rawOptionValues(interaction));
  if (!parsed.ok) throw new UserError(`I can't imagine that: ${parsed.error}.`);
  await startGeneration(
    requestFacts(interaction),
    { action: 'imagine', options: parsed.value, parent: null },
    ctx,
    deferPublicly(interaction),
  );
}
