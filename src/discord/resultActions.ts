import {
  type ButtonInteraction,
  ComponentType,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  TextInputStyle,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import { encodeCustomId } from '../core/customId.ts';
import type { Generation } from '../core/generation.ts';
import { newSeed } from '../core/ids.ts';
import { PROMPT_MAX_LENGTH, parseImagineOptions } from '../core/imagineOptions.ts';
import { UserError } from '../core/userError.ts';
import { startGeneration } from '../jobs/startGeneration.ts';

export const PROMPT_FIELD = 'prompt';

async function loadGeneration(generationId: string, ctx: BotContext): Promise<Generation> {
  const generation = await ctx.store.getGeneration(generationId);
  if (!generation) {
    throw new UserError(
      "I no longer have this image's details, so its buttons can't be used. Try /imagine again.",
    );
  }
  return generation;
}

/** The seed fal reported, also when the member gave none; before completion, the one they asked for. */
function reusableSeed(generation: Generation): number | undefined {
  return generation.seed ?? generation.options.seed;
}

export async function reroll(
  interaction: ButtonInteraction,
  generationId: string,
  ctx: BotContext,
): Promise<void> {
  const parent = await loadGeneration(generationId, ctx);
  const options = { ...parent.options, seed: newSeed(parent.seed) };
  await startGeneration(interaction, { action: 'reroll', options, parent }, ctx);
}

export async function sameSeed(
  interaction: ButtonInteraction,
  generationId: string,
  ctx: BotContext,
): Promise<void> {
  const parent = await loadGeneration(generationId, ctx);
  const seed = reusableSeed(parent);
  if (seed === undefined) throw new UserError('This image has no seed yet: wait until it has finished.');
  await startGeneration(
    interaction,
    { action: 'same_seed', options: { ...parent.options, seed }, parent },
    ctx,
  );
}

export async function showEditPrompt(
  interaction: ButtonInteraction,
  generationId: string,
  ctx: BotContext,
): Promise<void> {
  const parent = await loadGeneration(generationId, ctx);
  await interaction.showModal({
    custom_id: encodeCustomId({ action: 'editsubmit', generationId: parent.id }),
    title: 'Edit prompt',
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: PROMPT_FIELD,
            label: 'Prompt (same options and seed)',
            style: TextInputStyle.Paragraph,
            value: parent.options.prompt,
            min_length: 1,
            max_length: PROMPT_MAX_LENGTH,
            required: true,
          },
        ],
      },
    ],
  });
}

export async function submitEditPrompt(
  interaction: ModalSubmitInteraction,
  generationId: string,
  ctx: BotContext,
): Promise<void> {
  const parent = await loadGeneration(generationId, ctx);
  const field = interaction.fields.fields.find((component) => component.customId === PROMPT_FIELD);
  const prompt = field && 'value' in field ? field.value : undefined;
  const parsed = parseImagineOptions({
    prompt,
    aspect_ratio: parent.options.aspectRatio,
    count: parent.options.count,
    seed: reusableSeed(parent),
    guidance: parent.options.guidance,
    format: parent.options.format,
    enhance_prompt: parent.options.enhancePrompt,
  });
  if (!parsed.ok) throw new UserError(`I can't use that prompt: ${parsed.error}.`);
  await startGeneration(interaction, { action: 'edit', options: parsed.value, parent }, ctx);
}

/** Returns whether the presser is the requester (else a moderator with Manage Messages); refuses others. */
function assertRequesterOrModerator(
  interaction: ButtonInteraction,
  generation: Generation,
  verb: string,
): boolean {
  const isRequester = interaction.user.id === generation.userId;
  const isModerator = interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false;
  if (!isRequester && !isModerator) {
    throw new UserError(
      `Only the member who asked for this image, or a moderator with Manage Messages, can ${verb} it.`,
    );
  }
  return isRequester;
}

export async function deleteResult(
  interaction: ButtonInteraction,
  generationId: string,
  ctx: BotContext,
): Promise<void> {
  const generation = await loadGeneration(generationId, ctx);
  // The custom_id is the client's to craft: the generation it names must be the one this message shows,
  // else a member's own button could delete someone else's result (the message deleted is this one).
  if (generation.messageId !== interaction.message.id) {
    ctx.logger.warn(
      { generationId, messageId: interaction.message.id, by: interaction.user.id },
      'delete refused: the button does not belong to this message',
    );
    throw new UserError("This button doesn't belong to this message, so I won't delete anything.");
  }
  const isRequester = assertRequesterOrModerator(interaction, generation, 'delete');
  // For a component interaction the "original response" is the message the button is on, so the
  // interaction's own token deletes it, however old the message is.
  await interaction.deferUpdate();
  await interaction.deleteReply();
  await ctx.store.updateGeneration(generation.id, { deletedAt: Date.now() });
  ctx.logger.info({ generationId, by: interaction.user.id, moderator: !isRequester }, 'result deleted');
}

export async function cancelGeneration(
  interaction: ButtonInteraction,
  generationId: string,
  ctx: BotContext,
): Promise<void> {
  const generation = await loadGeneration(generationId, ctx);
  const isRequester = assertRequesterOrModerator(interaction, generation, 'cancel');
  if (!ctx.runner.isActive(generation.id)) throw new UserError('This generation has already finished.');
  // The runner edits this message to say it was cancelled; the click itself needs no visible answer.
  await interaction.deferUpdate();
  ctx.runner.cancel(generation.id);
  ctx.logger.info(
    { generationId, by: interaction.user.id, moderator: !isRequester },
    'generation cancel requested',
  );
}
