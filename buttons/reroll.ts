// 🎲 Reroll: the same request (prompt or instruction, options, sources) with a new seed.
import { newSeed } from '../src/core/ids.ts';
import type { ButtonHandler } from '../src/discord/componentHandlers.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { loadGeneration, rerunOf } from '../src/discord/resultLookup.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

export const reroll: ButtonHandler = {
  action: 'reroll',
  async press(interaction, generationId, ctx) {
    const parent = await loadGeneration(generationId, ctx);
    const request = await rerunOf(parent, 'reroll', { ...parent.options, seed: newSeed(parent.seed) }, ctx);
    await startGeneration(requestFacts(interaction), request, ctx, deferPublicly(interaction));
  },
};
