import { type ByteBudget, type ByteLease, estimateImageBytes } from '../core/byteBudget.ts';
import { endpointById, falInputOf } from '../core/endpoints/index.ts';
import type { Generation } from '../core/generation.ts';
import { type DeliveredImage, fileSize, resultMessage } from '../discord/presentation/resultMessage.ts';
import type { FalGateway, FalKontextOutput } from '../fal/falClient.ts';
import { FalError } from '../fal/falErrors.ts';
import { ImageTooLargeError } from '../fal/imageDownload.ts';
import type { Logger } from '../logger.ts';
import { planImageDelivery } from '../moderation/flaggedImages.ts';
import type { Store } from '../storage/store.ts';
import type { Delivery } from './delivery.ts';
import type { SlotGate } from './falSlots.ts';
import type { JobFailures } from './jobFailures.ts';
import type { JobObserver } from './jobObserver.ts';
import type { ProgressReporter } from './progressReporter.ts';

export const CANCELED = 'canceled';
export const SHUTDOWN = 'shutdown';
/** Another worker took the job over (this one's lease ran out): it carries on from the database. */
export const LEASE_LOST = 'lease lost';

export interface JobDeps {
  store: Store;
  fal: FalGateway;
  logger: Logger;
  falTimeoutMs: number;
  slots: SlotGate;
  delivery: Delivery;
  failures: JobFailures;
  /** Bytes of images held at once across all jobs (MAX_IMAGE_MEMORY_MB). */
  imageBudget: ByteBudget;
  settled(generation: Generation): void;
  /** The stored generation changed (the runner keeps the latest for shutdown decisions). */
  updated(generation: Generation): void;
  observer?: JobObserver;
}

/**
 * One generation from its stored row to the member's Discord message. Every step is written first, so
 * a restarted bot resumes where this one stopped: by fal request id once submitted (never paid twice).
 */
export async function runGeneration(
  initial: Generation,
  signal: AbortSignal,
  progress: ProgressReporter,
  deps: JobDeps,
): Promise<void> {
  const { store, fal, slots } = deps;
  const log = deps.logger.child({ generationId: initial.id, action: initial.action });
  // FAL_TIMEOUT is fal's time: the clock starts once the job has a slot (at submit, or now for a job
  // resumed after a restart, already paid for), not while it waits in our own queue.
  let deadline = signal;
  const startClock = () => AbortSignal.any([signal, AbortSignal.timeout(deps.falTimeoutMs)]);
  let release: (() => void) | undefined;
  let lease: ByteLease | undefined;
  let generation = initial;
  let submittedAt: number | undefined;
  const save = async (patch: Parameters<Store['updateGeneration']>[1]) => {
    generation = await store.updateGeneration(generation.id, patch);
    deps.updated(generation);
    return generation;
  };
  try {
    let requestId = generation.falRequestId;
    if (requestId) {
      release = slots.occupy(generation.id);
      deadline = startClock();
    } else {
      release = await slots.acquire({ id: generation.id, userId: generation.userId }, signal);
      // A cancel that came while the slot was being handed over must still keep it from fal.
      signal.throwIfAborted();
      deps.observer?.slotGranted(generation, Date.now() - generation.createdAt);
      submittedAt = performance.now();
      deadline = startClock();
      const endpoint = endpointById(generation.model);
      if (!endpoint) throw new FalError('invalid', `unknown model ${generation.model}`);
      const submitted = await fal.submit(
        falInputOf(endpoint, generation.options, generation.safety),
        endpoint.id,
      );
      const answeredAt = performance.now();
      requestId = submitted.requestId;
      await save({ status: 'submitted', falRequestId: requestId, submittedAt: Date.now() });
      progress.queued(submitted.queuePosition);
      // The one window in which a kill makes a resume submit (and pay) again: fal has the request, the
      // database does not have its id yet.
      const unrecordedMs = Math.round((performance.now() - answeredAt) * 10) / 10;
      log.info({ falRequestId: requestId, model: endpoint.id, unrecordedMs }, 'submitted to fal');
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
    const output = await fal.result(requestId);
    const falCompletedAt = performance.now();
    if (submittedAt !== undefined) deps.observer?.falFinished(generation, falCompletedAt - submittedAt);
    release();
    await save({
      status: 'completed',
      seed: output.seed ?? generation.options.seed ?? null,
      nsfwFlags: output.has_nsfw_concepts ?? null,
      imagesReturned: output.images.length,
      outputUrls: output.images.map((image) => image.url),
      completedAt: generation.completedAt ?? Date.now(),
    });
    const earlier = resumedAfterCompletion ? await deps.delivery.alreadyDelivered(generation) : undefined;
    if (!earlier) {
      // Held from before the download until Discord has the images: a burst waits here, in order,
      // instead of holding every job's images at once.
      const estimate = output.images.reduce((sum, image) => sum + estimateImageBytes(image), 0);
      lease = await deps.imageBudget.acquire(estimate, deadline);
    }
    const images = earlier ? [] : await downloadAll(output, generation, deadline, deps.fal, log);
    lease?.resize(images.reduce((sum, image) => sum + (image ? fileSize(image) : 0), 0));
    await progress.stop();
    const plan = planImageDelivery(generation.nsfwFlags, images.length, generation.channelNsfw);
    const sent =
      earlier ??
      (await deps.delivery.deliver(
        generation,
        resultMessage(generation, images, plan, Date.now() - generation.createdAt),
        { resuming: resumedAfterCompletion, log },
      ));
    lease?.release();
    const delivered = await save({
      status: 'delivered',
      messageId: sent.messageId,
      deliveredVia: sent.via,
      deliveredAt: Date.now(),
    });
    deps.settled(delivered);
    deps.observer?.delivered(delivered, performance.now() - falCompletedAt);
    deps.observer?.ended(delivered, 'delivered');
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
    lease?.release();
    await progress.stop();
    if (signal.reason === SHUTDOWN) {
      log.info({ status: generation.status }, 'left for the next start (shutting down)');
      return;
    }
    if (signal.reason === LEASE_LOST) {
      log.warn({ status: generation.status }, 'lease lost: another worker carries on with the job');
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
    const reason = canceled ? new FalError('canceled', 'cancelled by a member') : timeoutOr(error, deadline);
    const failed = await deps.failures.fail(generation, reason, log);
    deps.settled(failed);
    deps.observer?.ended(failed, canceled ? 'canceled' : 'failed');
  }
}

function downloadAll(
  output: FalKontextOutput,
  generation: Generation,
  deadline: AbortSignal,
  fal: FalGateway,
  log: Logger,
): Promise<(DeliveredImage | null)[]> {
  return Promise.all(
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
}

function timeoutOr(error: unknown, deadline: AbortSignal): unknown {
  if (deadline.aborted && !(error instanceof FalError && error.kind !== 'canceled')) {
    return new FalError('timeout', 'fal did not finish in time');
  }
  return error;
}
