import type {
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  ModalSubmitInteraction,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import type { Generation, GenerationAction } from '../core/generation.ts';
import { newGenerationId } from '../core/ids.ts';
import { DEFAULT_SAFETY_LEVEL, type ImagineOptions } from '../core/imagineOptions.ts';

export type GeneratingInteraction =
  | ChatInputCommandInteraction
  | MessageComponentInteraction
  | ModalSubmitInteraction;

export interface GenerationRequest {
  action: GenerationAction;
  options: ImagineOptions;
  parent: Generation | null;
}

/**
 * The one path every generation takes: acknowledge at once (Discord allows 3 s), store the request
 * before fal hears of it, then let the runner take it from there in the background.
 */
export async function startGeneration(
  interaction: GeneratingInteraction,
  request: GenerationRequest,
  ctx: BotContext,
): Promise<Generation> {
  const receivedAt = Date.now();
  await interaction.deferReply();
  const generation = await ctx.store.createGeneration({
    id: newGenerationId(),
    parentId: request.parent?.id ?? null,
    action: request.action,
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? interaction.user.id,
    userId: interaction.user.id,
    userName: interaction.user.username,
    applicationId: interaction.applicationId,
    interactionId: interaction.id,
    interactionToken: interaction.token,
    options: request.options,
    safety: DEFAULT_SAFETY_LEVEL,
    createdAt: receivedAt,
  });
  ctx.logger.info(
    {
      generationId: generation.id,
      interactionId: interaction.id,
      userId: generation.userId,
      action: request.action,
    },
    'generation accepted',
  );
  ctx.runner.start(generation);
  return generation;
}
