import type { Generation, GenerationPatch } from '../core/generation.ts';
import { imagineOptionsSchema, SAFETY_LEVELS, type SafetyLevel } from '../core/imagineOptions.ts';

type Row = Record<string, unknown>;

export const PATCH_COLUMNS: ReadonlyArray<[keyof GenerationPatch, string]> = [
  ['status', 'status'],
  ['falRequestId', 'fal_request_id'],
  ['seed', 'seed'],
  ['nsfwFlags', 'nsfw_flags_json'],
  ['error', 'error'],
  ['messageId', 'message_id'],
  ['submittedAt', 'submitted_at'],
  ['completedAt', 'completed_at'],
  ['deliveredAt', 'delivered_at'],
  ['deletedAt', 'deleted_at'],
  ['deliveredVia', 'delivered_via'],
];

const text = (value: unknown): string => String(value);
const textOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export function generationFromRow(row: Row): Generation {
  const safety = text(row.safety);
  return {
    id: text(row.id),
    parentId: textOrNull(row.parent_id),
    action: text(row.action) as Generation['action'],
    guildId: textOrNull(row.guild_id),
    channelId: text(row.channel_id),
    channelNsfw: Number(row.channel_nsfw ?? 0) === 1,
    userId: text(row.user_id),
    userName: text(row.user_name),
    applicationId: text(row.application_id),
    interactionId: text(row.interaction_id),
    interactionToken: text(row.interaction_token),
    // Parsed again so that a row written by an older version still yields valid options.
    options: imagineOptionsSchema.parse(JSON.parse(text(row.options_json))),
    safety: (SAFETY_LEVELS as readonly string[]).includes(safety) ? (safety as SafetyLevel) : '2',
    status: text(row.status) as Generation['status'],
    falRequestId: textOrNull(row.fal_request_id),
    seed: numOrNull(row.seed),
    nsfwFlags: row.nsfw_flags_json ? (JSON.parse(text(row.nsfw_flags_json)) as boolean[]) : null,
    error: textOrNull(row.error),
    messageId: textOrNull(row.message_id),
    createdAt: Number(row.created_at),
    submittedAt: numOrNull(row.submitted_at),
    completedAt: numOrNull(row.completed_at),
    deliveredAt: numOrNull(row.delivered_at),
    deletedAt: numOrNull(row.deleted_at),
    attachmentSizeLimit: numOrNull(row.attachment_size_limit),
    deliveredVia: textOrNull(row.delivered_via) as Generation['deliveredVia'],
  };
}
