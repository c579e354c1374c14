import type { ImageDelivery } from '../core/generation.ts';

/** What happens to each image fal returned, given its has_nsfw_concepts flag and where it was asked. */
export function planImageDelivery(
  flags: readonly boolean[] | null,
  imageCount: number,
  channelNsfw: boolean,
): ImageDelivery[] {
  return Array.from({ length: imageCount }, (_, index) => {
    if (flags?.[index] !== true) return 'post';
    // Discord blurs a file whose name starts with SPOILER_ until it is clicked.
    return channelNsfw ? 'spoiler' : 'withhold';
  });
}
