import type { EditChoice, PendingEdit } from '../core/pendingEdit.ts';

/** A stored pending edit; a damaged row reads as an expired form (undefined), never a crash. */
export function pendingEditFromRow(id: string, row: Record<string, unknown>): PendingEdit | undefined {
  try {
    const link = JSON.parse(String(row.source_json)) as PendingEdit['link'];
    const choices = JSON.parse(String(row.attachments_json)) as EditChoice[];
    if (!Array.isArray(choices) || typeof link?.channelId !== 'string') return undefined;
    return { id, userId: String(row.user_id), link, choices, createdAt: Number(row.created_at) };
  } catch {
    return undefined;
  }
}
