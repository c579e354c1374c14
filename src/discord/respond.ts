import { type Interaction, MessageFlags } from 'discord.js';
import { tFor } from '../i18n/translate.ts';
import type { Logger } from '../logger.ts';

/** Sends an ephemeral answer whatever state the interaction is in (fresh, deferred, or replied). */
export async function respondEphemeral(interaction: Interaction, content: string): Promise<void> {
  if (!interaction.isRepliable()) return;
  const message = { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(message);
    return;
  }
  // A public "thinking…" left by deferReply (also a button's: Reroll, Same seed) would spin forever, and
  // the first follow-up after a defer takes its place, public: remove it first. deferUpdate leaves no
  // message of its own (@original is then the result the button is on), and discord.js tells the two
  // apart only by `ephemeral`, which deferReply sets and deferUpdate leaves null.
  if (interaction.deferred && !(interaction.isMessageComponent() && interaction.ephemeral === null))
    await interaction.deleteReply().catch(() => {});
  await interaction.followUp(message);
}

export async function refuseWhileStopping(interaction: Interaction, logger: Logger): Promise<void> {
  logger.info({ interactionId: interaction.id }, 'refused: shutting down');
  await respondEphemeral(interaction, tFor(interaction, 'error.restarting')).catch(() => {});
}
