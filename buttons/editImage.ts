// ✏️ Edit image: a modal for the instruction (and which image, when there are several); the edit runs on
// that image, by the URL fal already hosts it at, and chains on this result.
import type { Attachment } from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { encodeCustomId } from '../src/core/customId.ts';
import type { AttachmentRef } from '../src/core/editSources.ts';
import type { Generation } from '../src/core/generation.ts';
import { UserError } from '../src/core/userError.ts';
import { attachmentRef } from '../src/discord/attachmentRef.ts';
import type { ButtonHandler, ModalHandler } from '../src/discord/componentHandlers.ts';
import { editModal, readEditModal } from '../src/discord/presentation/editModal.ts';
import { parseImageFileName } from '../src/discord/presentation/resultMessage.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { imageFlagged, loadGeneration } from '../src/discord/resultLookup.ts';
import { memberLocale, t } from '../src/i18n/translate.ts';
import { instructionOptions, singleImageEdit } from '../src/jobs/editRequest.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

/** The images of a result that may be edited here: a withheld one only in an age-restricted channel. */
function editable(generation: Generation, channelNsfw: boolean): number[] {
  const urls = generation.status === 'delivered' ? (generation.outputUrls ?? []) : [];
  return urls.flatMap((_, index) => (channelNsfw || !imageFlagged(generation, index) ? [index] : []));
}

async function editableOf(generationId: string, channelNsfw: boolean, ctx: BotContext) {
  const generation = await loadGeneration(generationId, ctx);
  if (generation.status !== 'delivered' || !generation.outputUrls?.length) {
    throw new UserError({ id: 'error.editImage.notYet' });
  }
  const offered = editable(generation, channelNsfw);
  if (offered.length === 0) {
    throw new UserError({ id: 'error.editImage.withheld' });
  }
  return { generation, offered };
}

/** The image as posted on the result message, should fal no longer serve its own copy. */
function postedCopy(attachments: Iterable<Attachment>, index: number): { fallback?: AttachmentRef } {
  for (const attachment of attachments) {
    if (parseImageFileName(attachment.name)?.index !== index) continue;
    return { fallback: attachmentRef(attachment) };
  }
  return {};
}

export const editImage: ButtonHandler = {
  action: 'editimage',
  async press(interaction, generationId, ctx) {
    const { generation, offered } = await editableOf(
      generationId,
      requestFacts(interaction).channelNsfw,
      ctx,
    );
    // The form is the presser's alone: their language.
    const locale = memberLocale(interaction.locale, interaction.guildLocale);
    const choices = offered.map((index) => ({
      index,
      label: t(locale, 'choice.edit.image', { number: index + 1 }),
    }));
    await interaction.showModal(
      editModal(encodeCustomId({ action: 'editimagesubmit', generationId: generation.id }), choices, locale),
    );
  },
};

export const submitImageEdit: ModalHandler = {
  action: 'editimagesubmit',
  async submit(interaction, generationId, ctx) {
    const facts = requestFacts(interaction);
    const { generation, offered } = await editableOf(generationId, facts.channelNsfw, ctx);
    const { instruction, index } = readEditModal(interaction, offered);
    if (index === undefined) throw new UserError({ id: 'error.editMessage.pickOne' });
    const options = instructionOptions(instruction, generation.options.format);
    // Pressed on an ephemeral copy (/history, /favorites, Open): the edit links to the result as posted,
    // and that copy's attachments (none) give no fallback.
    const onResult = interaction.message?.id === generation.messageId ? interaction.message : null;
    const request = singleImageEdit({
      options,
      source: {
        kind: 'hosted',
        url: generation.outputUrls![index]!,
        ...(onResult ? postedCopy(onResult.attachments.values(), index) : {}),
      },
      link: {
        guildId: onResult ? facts.guildId : generation.guildId,
        channelId: onResult?.channelId ?? generation.channelId,
        messageId: onResult?.id ?? generation.messageId ?? '0',
        generationId: generation.id,
        imageIndex: index,
      },
      parent: generation,
      flagged: imageFlagged(generation, index),
      host: ctx.config.moderation,
    });
    await startGeneration(facts, request, ctx, deferPublicly(interaction));
  },
};
