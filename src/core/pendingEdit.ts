import type { SourceRef } from './editSources.ts';
import type { EditSource } from './generation.ts';

/** One image a context-menu edit offers: where fal will get it, and whether it is one of ours. */
export interface EditChoice {
  label: string;
  source: SourceRef;
  generationId: string | null;
  imageIndex: number | null;
  /** Ours and flagged by fal (shown behind a spoiler in an age-restricted channel). */
  flagged: boolean;
}

/**
 * Between "Edit with Kontext" and its modal's submit: a modal's custom_id holds 100 characters, not a
 * message's attachments, so they wait in the database (and survive a restart) under this id.
 */
export interface PendingEdit {
  id: string;
  userId: string;
  link: Omit<EditSource, 'generationId' | 'imageIndex'>;
  choices: EditChoice[];
  createdAt: number;
}

/** A modal left open longer than this is answered "expired" (Discord's attachment links last ~a day). */
export const PENDING_EDIT_LIFETIME_MS = 12 * 60 * 60 * 1000;
