// ⭐ Favourite: stars the result for the member pressing it, or unstars it when it already was. Anyone
// who can see a result may keep it; the list is their own (/favorites), no moderator involved.
import { MessageFlags } from 'discord.js';
import { UserError } from '../src/core/userError.ts';
import type { ButtonHandler } from '../src/discord/componentHandlers.ts';
import { tFor } from '../src/i18n/translate.ts';

export const favorite: ButtonHandler = {
  action: 'favorite',
  async press(interaction, generationId, ctx) {
    const userId = interaction.user.id;
    const starred = (await ctx.studio.isFavorite(userId, [generationId])).has(generationId);
    const now = await ctx.studio.setFavorite(userId, generationId, !starred, Date.now());
    if (!starred && !now) throw new UserError({ id: 'error.resultGone' });
    await interaction.reply({
      content: tFor(interaction, now ? 'favorite.added' : 'favorite.removed'),
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  },
};
