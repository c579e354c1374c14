// 🛑 Cancel: on the progress message; stops a waiting or running generation (fal is asked to drop it).
import { UserError } from '../src/core/userError.ts';
import type { ButtonHandler } from '../src/discord/componentHandlers.ts';
import { assertRequesterOrModerator, loadGeneration } from '../src/discord/resultLookup.ts';

export const cancel: ButtonHandler = {
  action: 'cancel',
  async press(interaction, generationId, ctx) {
    const generation = await loadGeneration(generationId, ctx);
    const isRequester = assertRequesterOrModerator(interaction, generation, 'cancel');
    // Whichever process holds the job edits this message to say it was cancelled; the click itself
    // needs no visible answer.
    if (!(await ctx.jobs.cancel(generation.id))) throw new UserError({ id: 'error.cancel.finished' });
    await interaction.deferUpdate();
    ctx.logger.info(
      { generationId, by: interaction.user.id, moderator: !isRequester },
      'generation cancel requested',
    );
  },
};
