// Open (on a /history or /favorites entry): that result again, ephemerally, with its usual buttons so
// Reroll, Same seed and the edits work from here, and a link to where it was posted.
import { MessageFlags } from 'discord.js';
import { UserError } from '../src/core/userError.ts';
import type { ButtonHandler } from '../src/discord/componentHandlers.ts';
import { historyMediaOf } from '../src/discord/historyMedia.ts';
import { openedEntryView } from '../src/discord/presentation/historyView.ts';
import { requestFacts } from '../src/discord/requestFacts.ts';
import { loadGeneration } from '../src/discord/resultLookup.ts';
import { memberLocale } from '../src/i18n/translate.ts';
import { asEdit } from './historyPage.ts';

export const openEntry: ButtonHandler = {
  action: 'open',
  async press(interaction, generationId, ctx) {
    const generation = await loadGeneration(generationId, ctx);
    const userId = interaction.user.id;
    const allowed =
      generation.userId === userId ||
      (await ctx.studio.isFavorite(userId, [generation.id])).has(generation.id);
    if (!allowed || generation.status !== 'delivered' || generation.deletedAt !== null)
      throw new UserError({ id: allowed ? 'error.resultGone' : 'error.open.notYours' });
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const media = await historyMediaOf(ctx, interaction.client.rest).resolve([generation]);
    const view = openedEntryView(generation, media, {
      locale: memberLocale(interaction.locale, interaction.guildLocale),
      channelNsfw: requestFacts(interaction).channelNsfw,
    });
    await interaction.editReply(asEdit(view));
  },
};
