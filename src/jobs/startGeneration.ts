import type { BotContext } from '../context.ts';
import type { SourceRef } from '../core/editSources.ts';
import { type AnyEndpoint, type GenerationOptions, isEdit, textToImage } from '../core/endpoints/index.ts';
import type { EditSource, Generation, GenerationAction } from '../core/generation.ts';
import { newGenerationId } from '../core/ids.ts';
import { UserError } from '../core/userError.ts';
import { missingPermissionNames } from '../discord/botPermissions.ts';
import { memberLocale } from '../i18n/translate.ts';
import { unitPriceUsd } from '../moderation/pricing.ts';

/** What the Discord side gathers from an interaction: plain data, so every way in shares this use case. */
export interface RequestFacts {
  interactionId: string;
  applicationId: string;
  interactionToken: string;
  guildId: string | null;
  inGuild: boolean;
  channelId: string;
  /** For a thread, the channel it belongs to (a channel allow-list covers its threads). */
  parentChannelId: string | null;
  channelNsfw: boolean;
  userId: string;
  userName: string;
  memberRoles: string[];
  memberPermissions: bigint | null;
  /** The bot's permissions in the channel (null outside a server). */
  appPermissions: bigint | null;
  attachmentSizeLimit: number | null;
  /** The member's client language and the server's (Discord locale codes). */
  locale: string;
  guildLocale: string | null;
  /**
   * The app answers here only through a member's own install (a server or DM the bot is not in): only
   * the interaction can carry the answer, and no server settings apply.
   */
  interactionOnly: boolean;
}

export interface GenerationRequest {
  action: GenerationAction;
  /** Text-to-image unless given. */
  endpoint?: AnyEndpoint;
  /** For an edit, `imageUrls` is filled in from `sources` once they are prepared. */
  options: GenerationOptions;
  parent: Generation | null;
  /** An edit's images, in order: made fetchable for fal after the acknowledgement. */
  sources?: readonly SourceRef[];
  source?: EditSource | null;
  chainStep?: number | null;
  /** The source image was withheld as flagged where it was made. */
  sourceFlagged?: boolean;
}

/**
 * The one path every generation and edit takes: admit, acknowledge at once (Discord allows 3 s), make
 * an edit's sources fetchable, store the request before fal hears of it, then hand it to the jobs.
 */
export async function startGeneration(
  facts: RequestFacts,
  request: GenerationRequest,
  ctx: BotContext,
  acknowledge: () => Promise<void>,
): Promise<Generation> {
  const receivedAt = Date.now();
  const id = newGenerationId();
  // Checked before the acknowledgement so that a refusal is an ephemeral reply, not a public "thinking…".
  if (facts.interactionOnly && !ctx.config.moderation.allowUserInstalls) {
    // A command Discord still offers from an older registration (user installs since switched off).
    throw new UserError({ id: 'reach.userInstallsOff' });
  }
  assertBotCanPost(facts);
  const place = await ctx.jobs.claimPlace(facts.userId, ctx.config.queuePerMember);
  if (!place.ok) {
    throw new UserError({ id: 'error.queueFull', params: { count: place.waiting } });
  }
  let generation: Generation;
  try {
    generation = await admitAndStart(facts, request, ctx, acknowledge, id, receivedAt);
  } finally {
    // Stored: from here the queue itself counts the job, so the place is not counted twice.
    place.release();
  }
  await ctx.jobs.submit(generation);
  return generation;
}

async function admitAndStart(
  facts: RequestFacts,
  request: GenerationRequest,
  ctx: BotContext,
  acknowledge: () => Promise<void>,
  id: string,
  receivedAt: number,
): Promise<Generation> {
  const endpoint = request.endpoint ?? textToImage;
  const sourceCount =
    request.sources?.length ?? (isEdit(request.options) ? request.options.imageUrls.length : 0);
  // Where only the interaction answers, nobody there chose to allow flagged images: they are withheld
  // even in a channel Discord marks age-restricted.
  const channelNsfw = facts.interactionOnly ? false : facts.channelNsfw;
  const admission = await ctx.policy.admit({
    generationId: id,
    action: request.action,
    guildId: facts.guildId,
    channelId: facts.channelId,
    parentChannelId: facts.parentChannelId,
    channelNsfw,
    userId: facts.userId,
    memberRoles: facts.memberRoles,
    memberPermissions: facts.memberPermissions,
    options: request.options,
    sourceImages: sourceCount,
    sourceFlagged: request.sourceFlagged ?? false,
    unitPriceUsd: unitPriceUsd(endpoint.tier, ctx.config.moderation),
    interactionOnly: facts.interactionOnly,
  });
  // Admitted but never started (no acknowledgement, or not stored): give back what the policy reserved.
  const abandon = async (error: unknown): Promise<never> => {
    await ctx.policy.abandon(id);
    throw error;
  };
  await acknowledge().catch(abandon);
  ctx.metrics.observeAck((Date.now() - receivedAt) / 1000);
  // Let other interactions' acknowledgements go out before this one's storing and fal submit: under a
  // burst (npm run bench, N=200) that took the bot's ack p99 from ~190 ms to the baseline's ~130 ms.
  await new Promise((resolve) => setImmediate(resolve));
  const log = ctx.logger.child({ generationId: id, interactionId: facts.interactionId });
  let options = request.options;
  if (request.sources && isEdit(options)) {
    const imageUrls = await ctx.sources.prepare(request.sources, log).catch(abandon);
    options = { ...options, imageUrls };
  }
  const generation = await ctx.store
    .createGeneration({
      id,
      parentId: request.parent?.id ?? null,
      action: request.action,
      guildId: facts.guildId,
      channelId: facts.channelId,
      userId: facts.userId,
      userName: facts.userName,
      applicationId: facts.applicationId,
      interactionId: facts.interactionId,
      interactionToken: facts.interactionToken,
      model: endpoint.id,
      options,
      safety: admission.safety,
      channelNsfw,
      source: request.source ?? null,
      chainStep: request.chainStep ?? null,
      createdAt: receivedAt,
      attachmentSizeLimit: facts.attachmentSizeLimit,
      locale: memberLocale(facts.locale, facts.guildLocale),
      interactionOnly: facts.interactionOnly,
    })
    .catch(abandon);
  log.info({ userId: generation.userId, action: request.action, model: endpoint.id }, 'generation accepted');
  return generation;
}

/**
 * Images are posted publicly in the channel, so the bot must be allowed to do so there. Where only the
 * interaction answers, the bot posts nothing itself and Discord lets the interaction's answer through.
 */
function assertBotCanPost(facts: RequestFacts): void {
  if (!facts.inGuild || facts.interactionOnly) return;
  const missing = missingPermissionNames(facts.appPermissions ?? undefined);
  if (missing.length > 0) {
    throw new UserError({
      id: 'error.missingPermissions',
      params: { count: missing.length, names: missing.join(', ') },
    });
  }
}
