import type { ImagineOptions, SafetyLevel } from './imagineOptions.ts';

export type GenerationAction = 'imagine' | 'reroll' | 'same_seed' | 'edit';
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
  options: ImagineOptions;
  safety: SafetyLevel;
  status: GenerationStatus;
  falRequestId: string | null;
  seed: number | null;
  nsfwFlags: boolean[] | null;
  /** How many images fal returned (and billed); null until it completed. Quotas count this. */
  imagesReturned: number | null;
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
}

export type DeliveryRoute = 'edit' | 'channel' | 'dm';

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
  | 'options'
  | 'safety'
  | 'createdAt'
  | 'attachmentSizeLimit'
> &
  Partial<Pick<Generation, 'channelNsfw'>>;

export type GenerationPatch = Partial<
  Pick<
    Generation,
    | 'status'
    | 'falRequestId'
    | 'seed'
    | 'nsfwFlags'
    | 'imagesReturned'
    | 'error'
    | 'messageId'
    | 'submittedAt'
    | 'completedAt'
    | 'deliveredAt'
    | 'deletedAt'
    | 'deliveredVia'
  >
>;
