// 🗑️ Delete: removes the result message, for the member who asked or a moderator.

import { UserError } from '../src/core/userError.ts';
import type { ButtonHandler } from '../src/discord/componentHandlers.ts';
import { assertRequesterOrModerator, loadGeneration } from '../src/discord/resultLookup.ts';

export const deleteResult: ButtonHandler = {
  action: 'delete',
  async press(interaction, generationId, ctx) {
    const generation = await loadGeneration(generationId, ctx);
    // The custom_id is the client's to craft: the generation it names must be the one this message shows,
    // else a member's own button could delete someone else's result (the message deleted is this one).
    if (generation.messageId !== interaction.message.id) {
      ctx.logger.warn(
        { generationId, messageId: interaction.message.id, by: interaction.user.id },
        'delete refused: the button does not belong to this message',
      );
      throw new UserError({ id: 'error.delete.otherMessage' });
    }
    const isRequester = assertRequesterOrModerator(interaction, generation, 'delete');
    // For a component interaction the "original response" is the message the button is on, so the
    // interaction's own token deletes it, however old the message is.
    await interaction.deferUpdate();
    await interaction.deleteReply();
    await ctx.store.updateGeneration(generation.id, { deletedAt: Date.now() });
    ctx.logger.info({ generationId, by: interaction.user.id, moderator: !isRequester }, 'result deleted');
  },
};
