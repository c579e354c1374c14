import type { GenerationOptions } from '../core/endpoints/index.ts';
import type { Generation, GenerationAction } from '../core/generation.ts';
import { DEFAULT_SAFETY_LEVEL, type SafetyLevel } from '../core/imagineOptions.ts';

/** The facts about one generation request that the rules look at: plain data, no discord.js. */
export interface AdmissionRequest {
  generationId: string;
  action: GenerationAction;
  guildId: string | null;
  channelId: string;
  /** For a thread, the channel it belongs to (a channel allow-list covers its threads). */
  parentChannelId: string | null;
  /** The channel is age-restricted. */
  channelNsfw: boolean;
  userId: string;
  memberRoles: readonly string[];
  memberPermissions: bigint | null;
  options: GenerationOptions;
  /** How many input images the request sends fal (0 for text-to-image). */
  sourceImages: number;
  /** The (first) source is one of our results whose image was withheld as flagged. */
  sourceFlagged: boolean;
  /** What one image of the request's model costs. */
  unitPriceUsd: number;
  /**
   * Asked through a member's own install where the bot is not: no server's rules apply (not even ones
   * stored for that guild id), only the host's strictest defaults.
   */
  interactionOnly?: boolean;
}

export interface Admission {
  safety: SafetyLevel;
}

/**
 * The one gate every generation path passes (slash command, Reroll, Same seed, Edit prompt, the
 * three ways into an edit, and anything added later): it refuses with a UserError, or admits with the safety level to send to fal.
 * `settle` is told when a generation ends, so reservations can be released or counted; `abandon` when
 * an admitted generation never started (the interaction could not be acknowledged or stored).
 */
export interface GenerationPolicy {
  admit(request: AdmissionRequest): Promise<Admission>;
  settle(generation: Generation): Promise<void>;
  abandon(generationId: string): Promise<void>;
}

/** Admits everything at the default safety level: the behaviour before moderators configure anything. */
export const openPolicy: GenerationPolicy = {
  async admit() {
    return { safety: DEFAULT_SAFETY_LEVEL };
  },
  async settle() {},
  async abandon() {},
};
