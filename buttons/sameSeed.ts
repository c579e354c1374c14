// 🌱 Same seed: the same request with the seed fal reported, so the same image comes back.
import { UserError } from '../src/core/userError.ts';
import type { ButtonHandler } from '../src/discord/componentHandlers.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { endpointOf, loadGeneration, reusableSeed, sourceFlagged } from '../src/discord/resultLookup.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

export const sameSeed: ButtonHandler = {
  action: 'same',
  async press(interaction, generationId, ctx) {
    const parent = await loadGeneration(generationId, ctx);
    const seed = reusableSeed(parent);
    if (seed === undefined) throw new UserError('This image has no seed yet: wait until it has finished.');
    await startGeneration(
      requestFacts(interaction),
      {
        action: 'same_seed',
        endpoint: endpointOf(parent),
        options: { ...parent.options, seed },
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
