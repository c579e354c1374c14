import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { showHistoryPage } from '../buttons/historyPage.ts';
import type { BotContext } from '../src/context.ts';
import { described, named } from '../src/i18n/commandText.ts';

export const definition = {
  ...named('command.favorites.name'),
  ...described('command.favorites.description'),
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  options: [
    {
      type: ApplicationCommandOptionType.Boolean,
      ...named('option.everywhere.name'),
      ...described('option.favorites.everywhere.description'),
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const everywhere = interaction.options.getBoolean('everywhere') ?? false;
  await showHistoryPage(interaction, { list: 'favorites', everywhere, page: 1, before: null }, ctx);
}
