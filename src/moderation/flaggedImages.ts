/** What happens to each image fal returned, given its has_nsfw_concepts flag and where it was asked. */
export type ImageDelivery = 'post' | 'spoiler' | 'withhold';

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

export function withheldNotice(withheld: number, total: number): string {
  if (withheld === 0) return '';
  const which =
    total === 1
      ? 'The image was'
      : withheld === 1
        ? `1 of ${total} images was`
        : `${withheld} of ${total} images were`;
  return `🙈 ${which} withheld: fal flagged it as possibly not safe for work, and this channel is not age-restricted.`;
}
