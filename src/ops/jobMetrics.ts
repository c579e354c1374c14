import type { HostModeration } from '../config.ts';
import { endpointById } from '../core/endpoints/index.ts';
import type { JobObserver } from '../jobs/jobObserver.ts';
import { unitPriceUsd } from '../moderation/pricing.ts';
import type { Metrics } from './metrics.ts';

/** Job events as Prometheus figures: seconds, and the spend fal billed at the host's prices. */
export function jobMetrics(metrics: Metrics, host: HostModeration): JobObserver {
  return {
    slotGranted: (generation, ms) => metrics.observeQueueWait(generation.action, ms / 1000),
    falFinished: (generation, ms) => metrics.observeFal(generation.action, ms / 1000),
    delivered: (generation, ms) => metrics.observeDelivery(generation.action, ms / 1000),
    ended(generation, outcome) {
      const images = generation.imagesReturned ?? 0;
      const tier = endpointById(generation.model)?.tier ?? 'pro';
      metrics.jobEnded(generation.action, outcome, images, images * unitPriceUsd(tier, host));
    },
  };
}
