// ◀ Newest / Older ▶ on a /history or /favorites page: the page named by the custom_id, always of the
// member pressing (the message is ephemeral, and no user id travels in the custom_id), edited in place.
// showHistoryPage is also what /history and /favorites answer with.
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  MessageFlags,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { decodeHistoryPage, type HistoryPageRef } from '../src/core/historyPage.ts';
import { UserError } from '../src/core/userError.ts';
import type { ButtonHandler } from '../src/discord/componentHandlers.ts';
import { historyMediaOf } from '../src/discord/historyMedia.ts';
import {
  type ComponentsV2Message,
  HISTORY_PAGE_SIZE,
  historyView,
} from '../src/discord/presentation/historyView.ts';
import { requestFacts } from '../src/discord/requestFacts.ts';
import { memberLocale } from '../src/i18n/translate.ts';

type PageInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** The Components V2 flag goes on the edit: a defer (type 5 or 6) cannot carry it. */
export function asEdit(message: ComponentsV2Message): InteractionEditReplyOptions {
  return {
    components: message.components,
    flags: MessageFlags.IsComponentsV2,
    allowedMentions: { parse: [] },
  };
}

export async function historyPageMessage(
  interaction: PageInteraction,
  ref: HistoryPageRef,
  ctx: BotContext,
): Promise<ComponentsV2Message> {
  // In a DM there is no "this server": the list is always everywhere.
  const everywhere = ref.everywhere || interaction.guildId === null;
  const shown = { ...ref, everywhere };
  const page = await ctx.studio.history({
    userId: interaction.user.id,
    guildId: everywhere ? null : interaction.guildId,
    limit: HISTORY_PAGE_SIZE,
    favoritesOnly: ref.list === 'favorites',
    ...(ref.before ? { before: ref.before } : {}),
  });
  const media = await historyMediaOf(ctx, interaction.client.rest).resolve(page.entries);
  return historyView(shown, page, media, {
    locale: memberLocale(interaction.locale, interaction.guildLocale),
    channelNsfw: requestFacts(interaction).channelNsfw,
  });
}

/** The first page, ephemeral: deferred first, as probing fal's URLs can take longer than Discord's 3 s. */
export async function showHistoryPage(
  interaction: ChatInputCommandInteraction,
  ref: HistoryPageRef,
  ctx: BotContext,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await interaction.editReply(asEdit(await historyPageMessage(interaction, ref, ctx)));
}

export const historyPage: ButtonHandler = {
  action: 'history',
  async press(interaction, payload, ctx) {
    const decoded = decodeHistoryPage(payload);
    if (!decoded.ok) throw new UserError({ id: 'error.unknownButton' });
    await interaction.deferUpdate();
    await interaction.editReply(asEdit(await historyPageMessage(interaction, decoded.value, ctx)));
  },
};
