import type { HostModeration } from '../config.ts';
import type { Generation } from '../core/generation.ts';
import type { Logger } from '../logger.ts';
import type { QuotaStore } from '../storage/moderationStore.ts';
import { decideAdmission, dmSettings, interactionOnlySettings } from './admission.ts';
import type { GuildSettings } from './guildSettings.ts';
import type { Admission, AdmissionRequest, GenerationPolicy } from './policy.ts';
import { quotaRefusal, type Refusal, RefusalError } from './refusals.ts';
import type { SettingsService } from './settingsService.ts';

export const DM_SCOPE = 'dm';

/** Every place reached only through members' own installs counts as one scope, apart from servers and DMs. */
export const USER_INSTALL_SCOPE = 'user-install';

export function quotaScope(guildId: string | null, interactionOnly = false): string {
  if (interactionOnly) return USER_INSTALL_SCOPE;
  return guildId ?? DM_SCOPE;
}

export function quotaLimits(settings: GuildSettings) {
  const { cooldownSeconds, dailyPerUser, dailyServer, dailyBudgetUsd } = settings;
  return { cooldownSeconds, dailyPerUser, dailyServer, dailyBudgetUsd };
}

export interface PolicyDeps {
  settings: SettingsService;
  quotas: QuotaStore;
  host: HostModeration;
  logger: Logger;
  now?: () => number;
}

/** The rules moderators set, applied to every generation path through the one policy seam. */
export class ModerationPolicy implements GenerationPolicy {
  private readonly deps: PolicyDeps;

  constructor(deps: PolicyDeps) {
    this.deps = deps;
  }

  async settingsFor(guildId: string | null): Promise<GuildSettings> {
    return guildId === null ? dmSettings(this.deps.host) : this.deps.settings.get(guildId);
  }

  async admit(request: AdmissionRequest): Promise<Admission> {
    const { host, quotas } = this.deps;
    // Where only a member's own install reaches, a server's stored rules (the bot may have been there
    // once) are never read.
    const settings = request.interactionOnly
      ? interactionOnlySettings(host)
      : await this.settingsFor(request.guildId);
    const decision = decideAdmission(request, settings, host);
    if (!decision.ok) this.refuse(request, decision.rule, decision.message);
    const quota = await quotas.reserve({
      generationId: request.generationId,
      scope: quotaScope(request.guildId, request.interactionOnly),
      userId: request.userId,
      images: request.options.count,
      unitPriceUsd: request.unitPriceUsd,
      now: this.now(),
      limits: quotaLimits(settings),
    });
    if (!quota.ok) this.refuse(request, quota.rule, quotaRefusal(quota));
    return { safety: decision.safety };
  }

  /**
   * Counts what fal returned (billed, also when withheld as flagged or lost to a later timeout); nothing
   * if it never finished. The NSFW flags are no count: fal may omit them.
   */
  async settle(generation: Generation): Promise<void> {
    const generated =
      generation.completedAt === null ? 0 : (generation.imagesReturned ?? generation.options.count);
    await this.deps.quotas.settle(generation.id, generated, this.now());
  }

  async abandon(generationId: string): Promise<void> {
    await this.deps.quotas.settle(generationId, 0, this.now());
  }

  private refuse(request: AdmissionRequest, rule: string, message: Refusal): never {
    this.deps.logger.info(
      {
        generationId: request.generationId,
        guildId: request.guildId,
        userId: request.userId,
        action: request.action,
        rule,
      },
      'generation refused by server rules',
    );
    throw new RefusalError(message);
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
