/**
 * Splits files into messages that each stay under the channel's upload limit (Discord answers 413
 * otherwise), keeping their order. A single file over the limit gets a message of its own: the caller
 * reports it when Discord still refuses it.
 */
export function packAttachments(
  sizes: readonly number[],
  limitBytes: number,
  maxPerMessage = 10,
): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let currentBytes = 0;
  sizes.forEach((size, index) => {
    if (current.length > 0 && (currentBytes + size > limitBytes || current.length >= maxPerMessage)) {
      groups.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(index);
    currentBytes += size;
  });
  if (current.length > 0) groups.push(current);
  return groups;
}
