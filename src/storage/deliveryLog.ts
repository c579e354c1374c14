import type { DeliveryRoute } from '../core/generation.ts';

const ROUTES: readonly DeliveryRoute[] = ['edit', 'channel', 'dm'];

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

/** A stored part, checked on read (both engines store the same columns). */
export function partFromRow(row: Record<string, unknown>): DeliveredPart {
  const route = String(row.route);
  if (!(ROUTES as readonly string[]).includes(route))
    throw new Error(`delivery_parts.route: unknown ${route}`);
  const files: unknown = JSON.parse(String(row.files_json));
  if (!Array.isArray(files) || !files.every((name) => typeof name === 'string'))
    throw new Error('delivery_parts.files_json: expected a list of names');
  return {
    generationId: String(row.generation_id),
    part: Number(row.part),
    route: route as DeliveryRoute,
    messageId: String(row.message_id),
    channelId: row.channel_id === null ? null : String(row.channel_id),
    files,
    last: Number(row.last_part) === 1,
    postedAt: Number(row.posted_at),
  };
}

/** A part's values in the column order both engines insert (generation_id … posted_at). */
export function partValues(p: DeliveredPart): (string | number | null)[] {
  return [
    p.generationId,
    p.part,
    p.route,
    p.messageId,
    p.channelId,
    JSON.stringify(p.files),
    p.last ? 1 : 0,
    p.postedAt,
  ];
}
