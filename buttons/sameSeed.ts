// 🌱 Same seed: the same request with the seed fal reported, so the same image comes back.
import { UserError } from '../src/core/userError.ts';
import type { ButtonHandler } from '../src/discord/componentHandlers.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { loadGeneration, rerunOf, reusableSeed } from '../src/discord/resultLookup.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

export const sameSeed: ButtonHandler = {
  action: 'same',
  async press(interaction, generationId, ctx) {
    const parent = await loadGeneration(generationId, ctx);
    const seed = reusableSeed(parent);
    if (seed === undefined) throw new UserError({ id: 'error.noSeedYet' });
    const request = await rerunOf(parent, 'same_seed', { ...parent.options, seed }, ctx);
    await startGeneration(requestFacts(interaction), request, ctx, deferPublicly(interaction));
  },
};
