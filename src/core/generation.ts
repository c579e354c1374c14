import type { GenerationOptions } from './endpoints/index.ts';
import type { SafetyLevel } from './imagineOptions.ts';

/** `edit` is an image edit (Kontext); `reprompt` is the Edit prompt modal (same options, new prompt). */
export type GenerationAction = 'imagine' | 'reroll' | 'same_seed' | 'reprompt' | 'edit';
export const GENERATION_ACTIONS: readonly GenerationAction[] = [
  'imagine',
  'reroll',
  'same_seed',
  'reprompt',
  'edit',
];

/** Where an edit's first source came from: the message it links to, and our own result when it was one. */
export interface EditSource {
  guildId: string | null;
  channelId: string;
  messageId: string;
  /** Our generation whose image was edited (null: a member's or another app's image). */
  generationId: string | null;
  /** Which of that generation's images (0-based). */
  imageIndex: number | null;
}
export type GenerationStatus = 'accepted' | 'submitted' | 'completed' | 'delivered' | 'failed';

/** One request for images, stored before fal is called and updated at every step. */
export interface Generation {
  id: string;
  parentId: string | null;
  action: GenerationAction;
  guildId: string | null;
  channelId: string;
  /** The channel was age-restricted when asked: decides how flagged images are delivered, also after a restart. */
  channelNsfw: boolean;
  userId: string;
  userName: string;
  applicationId: string;
  interactionId: string;
  interactionToken: string;
  /** The fal endpoint id that runs it (src/core/endpoints): its schema reads `options` back. */
  model: string;
  options: GenerationOptions;
  safety: SafetyLevel;
  /** Edits only: the source message, and the step in a chain of edits (1 for the first edit). */
  source: EditSource | null;
  chainStep: number | null;
  status: GenerationStatus;
  falRequestId: string | null;
  seed: number | null;
  nsfwFlags: boolean[] | null;
  /** How many images fal returned (and billed); null until it completed. Quotas count this. */
  imagesReturned: number | null;
  /** fal's URLs of the result's images, by index: what an edit of this result gives fal to fetch. */
  outputUrls: string[] | null;
  error: string | null;
  messageId: string | null;
  createdAt: number;
  submittedAt: number | null;
  completedAt: number | null;
  deliveredAt: number | null;
  deletedAt: number | null;
  /** The upload limit of the channel the request came from, in bytes. */
  attachmentSizeLimit: number | null;
  deliveredVia: DeliveryRoute | null;
  /** The requester's language when asked (a Discord locale code of a shipped catalogue); null: English. */
  locale: string | null;
  /**
   * Asked through the member's own install of the app where the bot is not present (another server, a
   * DM between members): the result can only be delivered through the interaction, never by the bot.
   */
  interactionOnly: boolean;
}

export type DeliveryRoute = 'edit' | 'channel' | 'dm';

/** What happens to one image fal returned: posted, posted behind a spoiler, or withheld (flagged). */
export type ImageDelivery = 'post' | 'spoiler' | 'withhold';

export type NewGeneration = Pick<
  Generation,
  | 'id'
  | 'parentId'
  | 'action'
  | 'guildId'
  | 'channelId'
  | 'userId'
  | 'userName'
  | 'applicationId'
  | 'interactionId'
  | 'interactionToken'
  | 'model'
  | 'options'
  | 'safety'
  | 'createdAt'
  | 'attachmentSizeLimit'
> &
  Partial<Pick<Generation, 'channelNsfw' | 'source' | 'chainStep' | 'locale' | 'interactionOnly'>>;

export type GenerationPatch = Partial<
  Pick<
    Generation,
    | 'status'
    | 'falRequestId'
    | 'seed'
    | 'nsfwFlags'
    | 'imagesReturned'
    | 'outputUrls'
    | 'error'
    | 'messageId'
    | 'submittedAt'
    | 'completedAt'
    | 'deliveredAt'
    | 'deletedAt'
    | 'deliveredVia'
  >
>;
