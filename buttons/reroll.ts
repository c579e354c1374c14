// 🎲 Reroll: the same request (prompt or instruction, options, sources) with a new seed.

import { newSeed } from '../src/core/ids.ts';
import type { ButtonHandler } from '../src/discord/componentHandlers.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { endpointOf, loadGeneration, sourceFlagged } from '../src/discord/resultLookup.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

export const reroll: ButtonHandler = {
  action: 'reroll',
  async press(interaction, generationId, ctx) {
    const parent = await loadGeneration(generationId, ctx);
    await startGeneration(
      requestFacts(interaction),
      {
        action: 'reroll',
        endpoint: endpointOf(parent),
        options: { ...parent.options, seed: newSeed(parent.seed) },
        parent,
        source: parent.source,
        chainStep: parent.chainStep,
        sourceFlagged: await sourceFlagged(parent.source, ctx),
      },
      ctx,
      deferPublicly(interaction),
    );
  },
};
