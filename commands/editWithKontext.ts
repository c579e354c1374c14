// "Edit with Kontext" in the Apps menu of any message with an image: a member's photo, another bot's
// picture, or one of our own results (then fal gets the URL it already hosts, and the edit chains on it).
import {
  ApplicationCommandType,
  type Attachment,
  InteractionContextType,
  type Message,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { encodeCustomId } from '../src/core/customId.ts';
import { attachmentRefusal, isImageAttachment } from '../src/core/editSources.ts';
import type { Generation } from '../src/core/generation.ts';
import { newGenerationId } from '../src/core/ids.ts';
import type { EditChoice } from '../src/core/pendingEdit.ts';
import { UserError, type UserMessage } from '../src/core/userError.ts';
import { attachmentRef } from '../src/discord/attachmentRef.ts';
import type { ModalHandler } from '../src/discord/componentHandlers.ts';
import { editModal, readEditModal } from '../src/discord/presentation/editModal.ts';
import { parseImageFileName } from '../src/discord/presentation/resultMessage.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { imageFlagged } from '../src/discord/resultLookup.ts';
import { named } from '../src/i18n/commandText.ts';
import { memberLocale, t } from '../src/i18n/translate.ts';
import { instructionOptions, singleImageEdit } from '../src/jobs/editRequest.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

export const definition = {
  type: ApplicationCommandType.Message,
  ...named('menu.editWithKontext.name'),
  contexts: [InteractionContextType.Guild],
} satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** Our own result's image: only the bot posts as the bot, so a file name it wrote names the generation. */
async function ownImage(message: Message, attachment: Attachment, ctx: BotContext) {
  if (message.author.id !== message.client.user.id) return undefined;
  const named = parseImageFileName(attachment.name);
  if (!named) return undefined;
  const generation = await ctx.store.getGeneration(named.generationId).catch(() => undefined);
  const url = generation?.outputUrls?.[named.index];
  return generation && url ? { generation, index: named.index, url } : undefined;
}

/** The choice offered for one attachment, or why it cannot be edited. */
async function choiceOf(
  message: Message,
  attachment: Attachment,
  position: number,
  locale: string,
  ctx: BotContext,
): Promise<EditChoice | UserMessage> {
  // Stored with the pending edit and shown only to the member opening the form: their language.
  const label = t(locale, 'choice.edit.messageImage', { number: position + 1, name: attachment.name });
  const own = await ownImage(message, attachment, ctx);
  if (own) {
    return {
      label,
      source: {
        kind: 'hosted',
        url: own.url,
        fallback: attachmentRef(attachment),
      },
      generationId: own.generation.id,
      imageIndex: own.index,
      flagged: imageFlagged(own.generation, own.index),
    };
  }
  const ref = attachmentRef(attachment);
  const refusal = attachmentRefusal(ref, ctx.config.editMaxImageBytes);
  if (refusal) return refusal;
  return {
    label,
    source: { kind: 'attachment', ...ref },
    generationId: null,
    imageIndex: null,
    flagged: false,
  };
}

export async function execute(
  interaction: MessageContextMenuCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const message = interaction.targetMessage;
  const images = [...message.attachments.values()].filter((attachment) =>
    isImageAttachment(attachmentRef(attachment)),
  );
  if (images.length === 0) throw new UserError({ id: 'error.editMessage.noImage' });
  const locale = memberLocale(interaction.locale, interaction.guildLocale);
  const checked = await Promise.all(
    images.map((attachment, position) => choiceOf(message, attachment, position, locale, ctx)),
  );
  const isChoice = (choice: EditChoice | UserMessage): choice is EditChoice => 'source' in choice;
  const choices = checked.filter(isChoice);
  // Only one refusal is shown: the member sees why the image they most likely meant cannot be used.
  if (choices.length === 0)
    throw new UserError(
      checked.find((c): c is UserMessage => !isChoice(c)) ?? { id: 'error.editMessage.noneEditable' },
    );
  const id = newGenerationId();
  await ctx.store.savePendingEdit({
    id,
    userId: interaction.user.id,
    link: { guildId: interaction.guildId, channelId: message.channelId, messageId: message.id },
    choices,
    createdAt: Date.now(),
  });
  const offered = choices.map((choice, index) => ({ index, label: choice.label }));
  await interaction.showModal(
    editModal(encodeCustomId({ action: 'editmsgsubmit', generationId: id }), offered, locale),
  );
}

export const submitMessageEdit: ModalHandler = {
  action: 'editmsgsubmit',
  async submit(interaction, pendingId, ctx) {
    const pending = await ctx.store.getPendingEdit(pendingId, Date.now());
    if (!pending || pending.userId !== interaction.user.id) {
      throw new UserError({ id: 'error.editMessage.expired' });
    }
    const { instruction, index } = readEditModal(
      interaction,
      pending.choices.map((_, i) => i),
    );
    const choice = index === undefined ? undefined : pending.choices[index];
    if (!choice) throw new UserError({ id: 'error.editMessage.pickOne' });
    const parent: Generation | null = choice.generationId
      ? ((await ctx.store.getGeneration(choice.generationId)) ?? null)
      : null;
    const request = singleImageEdit({
      options: instructionOptions(instruction, parent?.options.format),
      source: choice.source,
      link: { ...pending.link, generationId: choice.generationId, imageIndex: choice.imageIndex },
      parent,
      flagged: choice.flagged,
      host: ctx.config.moderation,
    });
    await startGeneration(requestFacts(interaction), request, ctx, deferPublicly(interaction));
  },
};
