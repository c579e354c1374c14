import { EventEmitter } from 'node:events';
import type { ByteBudget } from '../core/byteBudget.ts';
import type { Generation } from '../core/generation.ts';
import type { ChannelMessages } from '../discord/channelMessages.ts';
import { endsProgressEdits } from '../discord/discordErrors.ts';
import type { InteractionReplies } from '../discord/interactionWebhook.ts';
import type { MessageLookup } from '../discord/messageLookup.ts';
import { cancelButtonRow, progressContent } from '../discord/presentation/progress.ts';
import type { FalGateway } from '../fal/falClient.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryLog } from '../storage/deliveryLog.ts';
import type { UnfinishedRow } from '../storage/generationRow.ts';
import type { Store } from '../storage/store.ts';
import { Arrivals } from './arrivals.ts';
import { Delivery } from './delivery.ts';
import { FalSlots, type SlotGate } from './falSlots.ts';
import { CANCELED, LEASE_LOST, runGeneration, SHUTDOWN } from './generationJob.ts';
import { JobFailures } from './jobFailures.ts';
import type { JobObserver } from './jobObserver.ts';
import { ProgressReporter } from './progressReporter.ts';

export interface RunnerDeps {
  store: Store;
  fal: FalGateway;
  replies: InteractionReplies;
  channels: ChannelMessages;
  /** What was posted of each result, and what Discord has, so a resumed delivery posts only the rest. */
  deliveries: DeliveryLog;
  lookup: MessageLookup;
  logger: Logger;
  falTimeoutMs: number;
  concurrency: number;
  /** Bytes of images held at once by all jobs (and edit sources). */
  imageBudget: ByteBudget;
  progressIntervalMs?: number;
  now?: () => number;
  /** Slots shared through the database; in-process slots (FalSlots) unless given. */
  slots?: (reportPositions: (positions: Map<string, number>) => void) => SlotGate;
  observer?: JobObserver;
  /** After a job ended here (settled, left at shutdown, or taken over): a shared queue lets go of it. */
  jobEnded?: (generationId: string) => Promise<void>;
}

interface ActiveJob {
  controller: AbortController;
  progress: ProgressReporter;
  generation: Generation;
}

/**
 * Takes stored generations from fal to the member's Discord message, at most `concurrency` at fal at
 * once. Every step is written to the database first, so a restarted bot resumes where it stopped.
 */
export class GenerationRunner {
  /** `settled` fires once a generation is delivered, failed or cancelled, with its stored state. */
  readonly events = new EventEmitter<{ settled: [Generation]; unreadable: [string] }>();
  private readonly deps: RunnerDeps;
  private readonly slots: SlotGate;
  private readonly delivery: Delivery;
  private readonly failures: JobFailures;
  private readonly jobs = new Map<string, ActiveJob>();
  private readonly running = new Set<Promise<void>>();
  private readonly arriving = new Arrivals();

  constructor(deps: RunnerDeps) {
    this.deps = deps;
    this.delivery = new Delivery({
      replies: deps.replies,
      channels: deps.channels,
      lookup: deps.lookup,
      log: deps.deliveries,
      ...(deps.now ? { now: deps.now } : {}),
    });
    this.failures = new JobFailures({
      store: deps.store,
      replies: deps.replies,
      channels: deps.channels,
      delivery: this.delivery,
    });
    const reportPositions = (positions: Map<string, number>) => {
      for (const [id, position] of positions) this.jobs.get(id)?.progress.waiting(position);
    };
    this.slots = deps.slots ? deps.slots(reportPositions) : new FalSlots(deps.concurrency, reportPositions);
  }

  get inFlight(): number {
    return this.slots.inFlight;
  }

  /** Jobs here waiting for a slot (in-process queue only; a shared queue counts in the database). */
  get waiting(): number {
    return this.slots.waiting;
  }

  /** Jobs this member has waiting for a slot (not yet at fal). */
  waitingFor(userId: string): number {
    return this.slots.waitingFor(userId) + this.arriving.of(userId);
  }

  /**
   * Holds a place in line for a member from the moment their request is checked until the job is
   * started (acknowledging and storing take a while), so a burst of clicks cannot pass the limit.
   */
  claimPlace(
    userId: string,
    limit: number,
  ): { ok: true; release: () => void } | { ok: false; waiting: number } {
    const waiting = this.waitingFor(userId);
    if (waiting >= limit) return { ok: false, waiting };
    const release = this.arriving.hold(userId);
    return { ok: true, release };
  }

  isActive(generationId: string): boolean {
    return this.jobs.has(generationId);
  }

  start(generation: Generation): void {
    if (this.jobs.has(generation.id)) return;
    const controller = new AbortController();
    const progress = new ProgressReporter({
      intervalMs: this.deps.progressIntervalMs ?? 3000,
      render: (state) => progressContent(generation.options.prompt, state, generation.locale),
      edit: (content) =>
        this.deps.replies
          .editOriginal(generation.applicationId, generation.interactionToken, {
            content,
            components: [cancelButtonRow(generation.id, generation.locale)],
          })
          .then(() => undefined),
      tokenAlive: () => this.delivery.tokenAlive(generation),
      tokenGone: endsProgressEdits,
    });
    this.jobs.set(generation.id, { controller, progress, generation });
    const job = runGeneration(generation, controller.signal, progress, {
      ...this.deps,
      slots: this.slots,
      delivery: this.delivery,
      failures: this.failures,
      settled: (settled) => this.events.emit('settled', settled),
      updated: (updated) => {
        const active = this.jobs.get(updated.id);
        if (active) active.generation = updated;
      },
    })
      .then(() => this.deps.jobEnded?.(generation.id))
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, generationId: generation.id }, 'job end not recorded'),
      )
      .finally(() => {
        this.jobs.delete(generation.id);
        this.running.delete(job);
      });
    this.running.add(job);
  }

  /** Generations this process is running now. */
  activeIds(): string[] {
    return [...this.jobs.keys()];
  }

  /** Stops a job here without a word to the member: another worker holds it now. */
  abandon(generationId: string): void {
    this.jobs.get(generationId)?.controller.abort(LEASE_LOST);
  }

  /** Ends a claimed job whose row cannot be read (`unreadable` fires, so its quota is given back). */
  async failUnreadableRow(row: Extract<UnfinishedRow, { ok: false }>): Promise<void> {
    const log = this.deps.logger.child({ generationId: row.id });
    await this.failures
      .failUnreadable(row.id, row.reason, row.contact, log)
      .catch((error: unknown) => log.error({ err: error }, 'could not end an unreadable generation'));
    this.events.emit('unreadable', row.id);
  }

  /**
   * Picks up every generation a previous process accepted but did not finish. Each row stands alone: one
   * that cannot be read is failed with its reason (`unreadable` fires, so its quota is given back) and
   * the others still resume.
   */
  async resumeUnfinished(): Promise<Generation[]> {
    const rows = await this.deps.store.listUnfinishedRows();
    const resumed: Generation[] = [];
    for (const row of rows) {
      if (!row.ok) {
        await this.failUnreadableRow(row);
        continue;
      }
      const generation = row.generation;
      this.deps.logger.info(
        { generationId: generation.id, status: generation.status },
        'resuming generation',
      );
      this.start(generation);
      resumed.push(generation);
    }
    return resumed;
  }

  /** Cancels a waiting or running generation (and asks fal to cancel it); false if none is active. */
  cancel(generationId: string): boolean {
    const job = this.jobs.get(generationId);
    if (!job) return false;
    job.controller.abort(CANCELED);
    return true;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Stops starting work, lets running jobs finish for up to `graceMs`, leaves the rest for the next start. */
  async shutdown(graceMs: number): Promise<void> {
    this.slots.pause();
    for (const job of this.jobs.values()) if (!job.generation.falRequestId) job.controller.abort(SHUTDOWN);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([this.idle(), grace]);
    clearTimeout(timer);
    for (const job of this.jobs.values()) job.controller.abort(SHUTDOWN);
    await this.idle();
  }
}
