import { randomBytes, randomInt } from 'node:crypto';
import { FAL_RANDOM_SEED_LIMIT } from './imagineOptions.ts';

/** 12 url-safe characters: short enough for custom_ids and for members to quote as an error id. */
export function newGenerationId(): string {
  return randomBytes(9).toString('base64url');
}

/** A fresh seed that differs from the one being rerolled. */
export function newSeed(previous?: number | null): number {
  for (;;) {
    const seed = randomInt(0, FAL_RANDOM_SEED_LIMIT);
    if (seed !== previous) return seed;
  }
}
