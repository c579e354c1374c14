import type { Generation, GenerationPatch, NewGeneration } from '../core/generation.ts';
import type { PendingEdit } from '../core/pendingEdit.ts';
import type { UnfinishedRow } from './generationRow.ts';

/**
 * Everything the bot keeps. Methods are async so that a PostgreSQL implementation can serve the same
 * interface; SQLite answers synchronously underneath.
 */
export interface Store {
  createGeneration(generation: NewGeneration): Promise<Generation>;
  getGeneration(id: string): Promise<Generation | undefined>;
  updateGeneration(id: string, patch: GenerationPatch): Promise<Generation>;
  /**
   * Generations that were accepted but neither delivered nor failed, oldest first (for resuming after
   * a restart), each read on its own: an unreadable one is reported, not thrown.
   */
  listUnfinishedRows(): Promise<UnfinishedRow[]>;
  /** The readable ones of listUnfinishedRows. */
  listUnfinishedGenerations(): Promise<Generation[]>;
  /** Ends a generation whose row cannot be read, without reading it. */
  markUnreadable(id: string, reason: string): Promise<void>;
  /** Keeps a context-menu edit until its modal is submitted; drops ones older than their lifetime. */
  savePendingEdit(edit: PendingEdit): Promise<void>;
  /** undefined when unknown, expired or unreadable. */
  getPendingEdit(id: string, now: number): Promise<PendingEdit | undefined>;
  close(): Promise<void>;
}
