import type { HostModeration } from '../config.ts';
import type { ModelTier } from '../core/endpoints/index.ts';

/** What one image of a tier costs, as the host set it (fal's list prices by default). */
export function unitPriceUsd(tier: ModelTier, host: HostModeration): number {
  return tier === 'max' ? host.maxPricePerImageUsd : host.pricePerImageUsd;
}
