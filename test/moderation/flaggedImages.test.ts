import { expect, test } from 'vitest';
import type { Generation } from '../../src/core/generation.ts';
import { resultMessage } from '../../src/discord/presentation/resultMessage.ts';
import { planImageDelivery } from '../../src/moderation/flaggedImages.ts';
import { completedGeneration } from '../fixtures/generation.ts';

test('flagged images are withheld in a normal channel and spoilered in an age-restricted one', () => {
  expect(planImageDelivery([true, false], 2, false)).toEqual(['withhold', 'post']);
  expect(planImageDelivery([true, false], 2, true)).toEqual(['spoiler', 'post']);
  expect(planImageDelivery(null, 2, false)).toEqual(['post', 'post']);
});

const generation = (channelNsfw: boolean, nsfwFlags: boolean[]): Generation =>
  completedGeneration({
    channelNsfw,
    nsfwFlags,
    options: {
      prompt: 'p',
      aspectRatio: '1:1',
      count: nsfwFlags.length,
      guidance: 3.5,
      format: 'png',
      enhancePrompt: false,
    },
  });
const image = { data: Buffer.from('x'), contentType: 'image/png' };

test('the result message drops a withheld image with a notice, and never shows a spoiler in the embed', () => {
  const normal = resultMessage(
    generation(false, [true, false]),
    [image, image],
    planImageDelivery([true, false], 2, false),
    1000,
  );
  expect(normal.files.map((f) => f.name)).toEqual(['kontext-AbCdEfGhIjKl-2.png']);
  expect(normal.content).toContain('1 of 2 images was withheld');
  expect(normal.embeds[0]?.image?.url).toBe('attachment://kontext-AbCdEfGhIjKl-2.png');

  const restricted = resultMessage(
    generation(true, [true]),
    [image],
    planImageDelivery([true], 1, true),
    1000,
  );
  expect(restricted.files.map((f) => f.name)).toEqual(['SPOILER_kontext-AbCdEfGhIjKl-1.png']);
  expect(restricted.embeds[0]?.image).toBeUndefined();
  expect(restricted.content).toBe('');
});
