import type { Generation, GenerationPatch, NewGeneration } from '../core/generation.ts';

/**
 * Everything the bot keeps. Methods are async so that a PostgreSQL implementation can serve the same
 * interface; SQLite answers synchronously underneath.
 */
export interface Store {
  createGeneration(generation: NewGeneration): Promise<Generation>;
  getGeneration(id: string): Promise<Generation | undefined>;
  updateGeneration(id: string, patch: GenerationPatch): Promise<Generation>;
  /** Generations that were accepted but neither delivered nor failed (for resuming after a restart). */
  listUnfinishedGenerations(): Promise<Generation[]>;
  close(): Promise<void>;
}
