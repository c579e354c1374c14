import { type ButtonInteraction, PermissionFlagsBits } from 'discord.js';
import type { BotContext } from '../context.ts';
import { type AnyEndpoint, endpointById, type GenerationOptions } from '../core/endpoints/index.ts';
import type { EditSource, Generation, GenerationAction } from '../core/generation.ts';
import { UserError } from '../core/userError.ts';
import type { GenerationRequest } from '../jobs/startGeneration.ts';

export async function loadGeneration(generationId: string, ctx: BotContext): Promise<Generation> {
  const generation = await ctx.store.getGeneration(generationId);
  if (!generation) {
    throw new UserError({ id: 'error.resultGone' });
  }
  return generation;
}

export function endpointOf(generation: Generation): AnyEndpoint {
  const endpoint = endpointById(generation.model);
  if (!endpoint) throw new UserError({ id: 'error.unknownModel' });
  return endpoint;
}

/** The seed fal reported, also when the member gave none; before completion, the one they asked for. */
export function reusableSeed(generation: Generation): number | undefined {
  return generation.seed ?? generation.options.seed;
}

/** Whether an image of one of our results was flagged by fal (withheld outside age-restricted channels). */
export function imageFlagged(generation: Generation, index: number): boolean {
  return generation.nsfwFlags?.[index] === true;
}

/** An edit's own source was a flagged image of ours: its Reroll and Same seed inherit that. */
export async function sourceFlagged(source: EditSource | null, ctx: BotContext): Promise<boolean> {
  if (!source?.generationId || source.imageIndex === null) return false;
  const origin = await ctx.store.getGeneration(source.generationId);
  return origin ? imageFlagged(origin, source.imageIndex) : false;
}

/**
 * Runs a result again with changed options (Reroll, Same seed, Edit prompt): the same model, and for an
 * edit the same sources (the stored fal URLs), source link and step in its chain.
 */
export async function rerunOf(
  parent: Generation,
  action: GenerationAction,
  options: GenerationOptions,
  ctx: BotContext,
): Promise<GenerationRequest> {
  return {
    action,
    endpoint: endpointOf(parent),
    options,
    parent,
    source: parent.source,
    chainStep: parent.chainStep,
    sourceFlagged: await sourceFlagged(parent.source, ctx),
  };
}

/** Returns whether the presser is the requester (else a moderator with Manage Messages); refuses others. */
export function assertRequesterOrModerator(
  interaction: ButtonInteraction,
  generation: Generation,
  /** What is refused: each has its own sentence, as languages place the verb differently. */
  verb: 'delete' | 'cancel',
): boolean {
  const isRequester = interaction.user.id === generation.userId;
  const isModerator = interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false;
  if (!isRequester && !isModerator) {
    throw new UserError({ id: verb === 'delete' ? 'error.notYours.delete' : 'error.notYours.cancel' });
  }
  return isRequester;
}
