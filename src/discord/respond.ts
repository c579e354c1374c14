import { type Interaction, MessageFlags } from 'discord.js';
import type { Logger } from '../logger.ts';

/** Sends an ephemeral answer whatever state the interaction is in (fresh, deferred, or replied). */
export async function respondEphemeral(interaction: Interaction, content: string): Promise<void> {
  if (!interaction.isRepliable()) return;
  const message = { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(message);
    return;
  }
  await interaction.followUp(message);
  // A public "thinking…" left behind by deferReply would spin forever: remove it.
  if (interaction.deferred && !interaction.isMessageComponent())
    await interaction.deleteReply().catch(() => {});
}

export async function refuseWhileStopping(interaction: Interaction, logger: Logger): Promise<void> {
  logger.info({ interactionId: interaction.id }, 'refused: shutting down');
  await respondEphemeral(interaction, 'The bot is restarting. Please try again in a minute.').catch(() => {});
}
