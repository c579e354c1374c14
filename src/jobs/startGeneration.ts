import type {
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  ModalSubmitInteraction,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import type { Generation, GenerationAction } from '../core/generation.ts';
import { newGenerationId } from '../core/ids.ts';
import type { ImagineOptions } from '../core/imagineOptions.ts';
import { UserError } from '../core/userError.ts';
import { missingPermissionNames } from '../discord/botPermissions.ts';

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
  const id = newGenerationId();
  // Checked before the defer so that a refusal is an ephemeral reply, not a public "thinking…".
  assertBotCanPost(interaction);
  const place = ctx.runner.claimPlace(interaction.user.id, ctx.config.queuePerMember);
  if (!place.ok) {
    throw new UserError(
      `You already have ${place.waiting} generations waiting in line. Please wait for one to start before asking for more.`,
    );
  }
  try {
    return await admitAndStart(interaction, request, ctx, id, receivedAt);
  } finally {
    place.release();
  }
}

async function admitAndStart(
  interaction: GeneratingInteraction,
  request: GenerationRequest,
  ctx: BotContext,
  id: string,
  receivedAt: number,
): Promise<Generation> {
  const channelNsfw = isNsfwChannel(interaction);
  const admission = await ctx.policy.admit({
    generationId: id,
    action: request.action,
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? interaction.user.id,
    parentChannelId: interaction.channel?.isThread() ? interaction.channel.parentId : null,
    channelNsfw,
    userId: interaction.user.id,
    memberRoles: memberRoles(interaction),
    memberPermissions: interaction.memberPermissions?.bitfield ?? null,
    options: request.options,
  });
  // Admitted but never started (no acknowledgement, or not stored): give back what the policy reserved.
  const abandon = async (error: unknown): Promise<never> => {
    await ctx.policy.abandon(id);
    throw error;
  };
  await interaction.deferReply().catch(abandon);
  // Let other interactions' acknowledgements go out before this one's storing and fal submit: under a
  // burst (npm run bench, N=200) that took the bot's ack p99 from ~190 ms to the baseline's ~130 ms.
  await new Promise((resolve) => setImmediate(resolve));
  const generation = await ctx.store
    .createGeneration({
      id,
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
      safety: admission.safety,
      channelNsfw,
      createdAt: receivedAt,
      attachmentSizeLimit: interaction.attachmentSizeLimit ?? null,
    })
    .catch(abandon);
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

function isNsfwChannel(interaction: GeneratingInteraction): boolean {
  const channel = interaction.channel;
  if (channel?.isThread()) return channel.parent !== null && 'nsfw' in channel.parent && channel.parent.nsfw;
  return channel !== null && 'nsfw' in channel && channel.nsfw === true;
}

function memberRoles(interaction: GeneratingInteraction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** Images are posted publicly in the channel, so the bot must be allowed to do so there. */
function assertBotCanPost(interaction: GeneratingInteraction): void {
  if (!interaction.inGuild()) return;
  const missing = missingPermissionNames(interaction.appPermissions?.bitfield);
  if (missing.length > 0) {
    throw new UserError(
      `I can't post images in this channel: I'm missing the ${missing.join(', ')} permission${missing.length > 1 ? 's' : ''} here. Ask a moderator to grant ${missing.length > 1 ? 'them' : 'it'}.`,
    );
  }
}
