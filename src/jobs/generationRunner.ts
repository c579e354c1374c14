import { EventEmitter } from 'node:events';
import type { Generation } from '../core/generation.ts';
import { toFalInput } from '../core/imagineOptions.ts';
import { cancelButtonRow, progressContent, resultMessage } from '../core/presentation.ts';
import type { ChannelMessages } from '../discord/channelMessages.ts';
import type { InteractionReplies } from '../discord/interactionWebhook.ts';
import type { MessageLookup } from '../discord/messageLookup.ts';
import type { FalGateway } from '../fal/falClient.ts';
import { FalError } from '../fal/falErrors.ts';
import { ImageTooLargeError } from '../fal/imageDownload.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryLog } from '../storage/deliveryLog.ts';
import type { Store } from '../storage/store.ts';
import { Delivery, endsProgressEdits } from './delivery.ts';
import { FalSlots } from './falSlots.ts';
import { JobFailures } from './jobFailures.ts';
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
  progressIntervalMs?: number;
  now?: () => number;
}

const CANCELED = 'canceled';
const SHUTDOWN = 'shutdown';

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
  private readonly slots: FalSlots;
  private readonly delivery: Delivery;
  private readonly failures: JobFailures;
  private readonly jobs = new Map<string, ActiveJob>();
  private readonly running = new Set<Promise<void>>();
  private readonly arriving = new Map<string, number>();

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
    this.slots = new FalSlots(deps.concurrency, (positions) => {
      for (const [id, position] of positions) this.jobs.get(id)?.progress.waiting(position);
    });
  }

  get inFlight(): number {
    return this.slots.inFlight;
  }

  /** Jobs this member has waiting for a slot (not yet at fal). */
  waitingFor(userId: string): number {
    return this.slots.waitingFor(userId) + (this.arriving.get(userId) ?? 0);
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
    this.arriving.set(userId, (this.arriving.get(userId) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.arriving.get(userId) ?? 1) - 1;
      if (left > 0) this.arriving.set(userId, left);
      else this.arriving.delete(userId);
    };
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
      render: (state) => progressContent(generation.options.prompt, state),
      edit: (content) =>
        this.deps.replies
          .editOriginal(generation.applicationId, generation.interactionToken, {
            content,
            components: [cancelButtonRow(generation.id)],
          })
          .then(() => undefined),
      tokenAlive: () => this.delivery.tokenAlive(generation),
      tokenGone: endsProgressEdits,
    });
    this.jobs.set(generation.id, { controller, progress, generation });
    const job = this.run(generation, controller.signal, progress).finally(() => {
      this.jobs.delete(generation.id);
      this.running.delete(job);
    });
    this.running.add(job);
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
        const log = this.deps.logger.child({ generationId: row.id });
        await this.failures
          .failUnreadable(row.id, row.reason, row.contact, log)
          .catch((error: unknown) => log.error({ err: error }, 'could not end an unreadable generation'));
        this.events.emit('unreadable', row.id);
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

  private async run(initial: Generation, signal: AbortSignal, progress: ProgressReporter): Promise<void> {
    const { store, fal } = this.deps;
    const log = this.deps.logger.child({ generationId: initial.id, action: initial.action });
    // FAL_TIMEOUT is fal's time: the clock starts once the job has a slot (at submit, or now for a job
    // resumed after a restart, already paid for), not while it waits in our own queue.
    let deadline = signal;
    const startClock = () => AbortSignal.any([signal, AbortSignal.timeout(this.deps.falTimeoutMs)]);
    let release: (() => void) | undefined;
    let generation = initial;
    try {
      let requestId = generation.falRequestId;
      if (requestId) {
        release = this.slots.occupy();
        deadline = startClock();
      } else {
        release = await this.slots.acquire({ id: generation.id, userId: generation.userId }, signal);
        deadline = startClock();
        const submitted = await fal.submit(toFalInput(generation.options, generation.safety));
        requestId = submitted.requestId;
        generation = await store.updateGeneration(generation.id, {
          status: 'submitted',
          falRequestId: requestId,
          submittedAt: Date.now(),
        });
        this.jobs.get(generation.id)!.generation = generation;
        progress.queued(submitted.queuePosition);
        log.info({ falRequestId: requestId }, 'submitted to fal');
      }
      const resumedAfterCompletion = generation.status === 'completed';
      if (!resumedAfterCompletion) {
        await fal.waitForCompletion(
          requestId,
          (status) =>
            status.status === 'IN_QUEUE' ? progress.queued(status.queuePosition) : progress.running(),
          deadline,
        );
      }
      deadline.throwIfAborted();
      const falCompletedAt = performance.now();
      const output = await fal.result(requestId);
      release();
      generation = await store.updateGeneration(generation.id, {
        status: 'completed',
        seed: output.seed ?? generation.options.seed ?? null,
        nsfwFlags: output.has_nsfw_concepts ?? null,
        imagesReturned: output.images.length,
        completedAt: generation.completedAt ?? Date.now(),
      });
      const earlier = resumedAfterCompletion ? await this.delivery.alreadyDelivered(generation) : undefined;
      const images = earlier
        ? []
        : await Promise.all(
            output.images.map((image) =>
              fal
                .download(image.url, deadline, generation.attachmentSizeLimit ?? undefined)
                .catch((error: unknown) => {
                  // It could not be posted here anyway: the others go out, with a notice.
                  if (!(error instanceof ImageTooLargeError)) throw error;
                  log.warn({ err: error }, 'image left out: larger than the channel accepts');
                  return null;
                }),
            ),
          );
      await progress.stop();
      const sent =
        earlier ??
        (await this.delivery.deliver(
          generation,
          resultMessage(generation, images, Date.now() - generation.createdAt),
          { resuming: resumedAfterCompletion, log },
        ));
      const delivered = await store.updateGeneration(generation.id, {
        status: 'delivered',
        messageId: sent.messageId,
        deliveredVia: sent.via,
        deliveredAt: Date.now(),
      });
      this.events.emit('settled', delivered);
      log.info(
        {
          seed: delivered.seed,
          images: images.length,
          via: sent.via,
          totalMs: Date.now() - generation.createdAt,
          deliveryMs: Math.round(performance.now() - falCompletedAt),
        },
        'delivered',
      );
    } catch (error) {
      release?.();
      await progress.stop();
      if (signal.reason === SHUTDOWN) {
        log.info({ status: generation.status }, 'left for the next start (shutting down)');
        return;
      }
      const canceled = signal.reason === CANCELED;
      // A run fal has not finished is still queued or running there: given up on, it is cancelled so
      // fal drops it (queued) or stops it (best effort) instead of billing it to the end.
      const timedOut =
        !canceled && deadline !== signal && deadline.aborted && generation.status === 'submitted';
      if ((canceled || timedOut) && generation.falRequestId) {
        if (timedOut) log.warn({ falRequestId: generation.falRequestId }, 'fal timed out: cancelling at fal');
        await fal
          .cancel(generation.falRequestId)
          .catch((cancelError: unknown) => log.warn({ err: cancelError }, 'fal cancel failed'));
      }
      const reason = canceled
        ? new FalError('canceled', 'cancelled by a member')
        : timeoutOr(error, deadline);
      this.events.emit('settled', await this.failures.fail(generation, reason, log));
    }
  }
}

function timeoutOr(error: unknown, deadline: AbortSignal): unknown {
  if (deadline.aborted && !(error instanceof FalError && error.kind !== 'canceled')) {
    return new FalError('timeout', 'fal did not finish in time');
  }
  return error;
}
