// /history and /favorites are one command shape over two lists of the member's studio.
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { showHistoryPage } from '../../buttons/historyPage.ts';
import type { BotContext } from '../context.ts';
import { described, named } from '../i18n/commandText.ts';

export function listCommand(list: 'history' | 'favorites') {
  const definition = {
    ...named(`command.${list}.name`),
    ...described(`command.${list}.description`),
    // A member's own list: it needs no server, so it is offered wherever the member is.
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
        ...described(`option.${list}.everywhere.description`),
      },
    ],
  } satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

  async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
    const everywhere = interaction.options.getBoolean('everywhere') ?? false;
    await showHistoryPage(interaction, { list, everywhere, page: 1, before: null }, ctx);
  }
  return { definition, execute };
}
