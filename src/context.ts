import type { Config } from './config.ts';
import type { SourcePreparer } from './jobs/editSources.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { Logger } from './logger.ts';
import type { GenerationPolicy } from './moderation/policy.ts';
import type { SettingsService } from './moderation/settingsService.ts';
import type { Metrics } from './ops/metrics.ts';
import type { QuotaStore } from './storage/moderationStore.ts';
import type { Store } from './storage/store.ts';
import type { StudioStore } from './storage/studioStore.ts';

/** What every command and button handler receives: built once in the composition root. */
export interface BotContext {
  config: Config;
  logger: Logger;
  store: Store;
  /** Where jobs go: this process's runner, or the queue every process shares. */
  jobs: Jobs;
  policy: GenerationPolicy;
  /** Makes an edit's source images fetchable by fal (fal storage uploads). */
  sources: SourcePreparer;
  /** Prometheus figures of this process (served on METRICS_PORT when set). */
  metrics: Metrics;
  /** What /settings and /usage read and change. */
  moderation: { settings: SettingsService; quotas: QuotaStore };
  /** A member's own history, favourites, defaults and presets. */
  studio: StudioStore;
}
