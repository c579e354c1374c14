import type { DeliveryRoute } from '../core/generation.ts';

/** One Discord message that carried part of a generation's result. */
export interface DeliveredPart {
  generationId: string;
  /** In the order posted; part 0 is the message with the embed and buttons, the rest carry files only. */
  part: number;
  route: DeliveryRoute;
  messageId: string;
  channelId: string | null;
  /** Attachment names, as made by imageFileName (with SPOILER_ where spoilered). */
  files: string[];
  /** Nothing of the result was left to send after this message. */
  last: boolean;
  postedAt: number;
}

/**
 * What has been posted of each result, written right after Discord accepts a message, so that a
 * restarted bot sends only the parts that are missing.
 */
export interface DeliveryLog {
  recordPart(part: DeliveredPart): Promise<void>;
  /** The parts posted so far, by part number. */
  partsOf(generationId: string): Promise<DeliveredPart[]>;
}
