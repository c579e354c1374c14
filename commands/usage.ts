import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { isManager } from '../src/discord/moderatorCheck.ts';
import { respondEphemeral } from '../src/discord/respond.ts';
import { languageOf, replyEmbed } from '../src/discord/settingsActions.ts';
import { described, named } from '../src/i18n/commandText.ts';
import { tFor } from '../src/i18n/translate.ts';
import { quotaScope } from '../src/moderation/moderationPolicy.ts';
import { usageEmbed } from '../src/moderation/usageReport.ts';

export const definition = {
  ...named('command.usage.name'),
  ...described('command.usage.description'),
  contexts: [InteractionContextType.Guild],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const now = Date.now();
  const guildId = interaction.guildId;
  const { settings, quotas } = ctx.moderation;
  const host = ctx.config.moderation;
  const current = guildId === null ? null : await settings.get(guildId);
  if (current === null) return respondEphemeral(interaction, tFor(interaction, 'error.usage.notInServer'));
  const figures = await quotas.usage({
    scope: quotaScope(guildId),
    userId: interaction.user.id,
    now,
    topMembers: 5,
  });
  const embed = usageEmbed(figures, current, host, now, isManager(interaction), languageOf(interaction));
  await replyEmbed(interaction, embed);
}
