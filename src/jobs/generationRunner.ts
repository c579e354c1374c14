import { EventEmitter } from 'node:events';
import type { Generation } from '../core/generation.ts';
import { toFalInput } from '../core/imagineOptions.ts';
import { type DeliveredImage, progressContent, resultMessage } from '../core/presentation.ts';
import type { InteractionReplies } from '../discord/interactionWebhook.ts';
import type { FalGateway } from '../fal/falClient.ts';
import { FalError } from '../fal/falErrors.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../storage/store.ts';
import { failureMessage } from './failureMessage.ts';
import { ProgressReporter } from './progressReporter.ts';

export interface RunnerDeps {
  store: Store;
  fal: FalGateway;
  replies: InteractionReplies;
  logger: Logger;
  falTimeoutMs: number;
  progressIntervalMs?: number;
}

/** Takes a stored generation from fal to the member's Discord message. Never throws. */
export class GenerationRunner {
  private readonly deps: RunnerDeps;
  private readonly running = new Set<Promise<void>>();
  /** `settled` fires once a generation is delivered or failed, with its stored state. */
  readonly events = new EventEmitter<{ settled: [Generation] }>();

  constructor(deps: RunnerDeps) {
    this.deps = deps;
  }

  /** Starts the job in the background; `idle()` waits for every started job. */
  start(generation: Generation): void {
    const job = this.run(generation).finally(() => this.running.delete(job));
    this.running.add(job);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async run(generation: Generation): Promise<void> {
    const { store, logger } = this.deps;
    const log = logger.child({ generationId: generation.id, action: generation.action });
    const progress = new ProgressReporter({
      intervalMs: this.deps.progressIntervalMs ?? 5000,
      edit: (state) =>
        this.deps.replies
          .editOriginal(generation.applicationId, generation.interactionToken, {
            content: progressContent(generation.options.prompt, state),
          })
          .then(() => undefined),
    });
    const signal = AbortSignal.timeout(this.deps.falTimeoutMs);
    try {
      const input = toFalInput(generation.options, generation.safety);
      const submitted = await this.deps.fal.submit(input);
      await store.updateGeneration(generation.id, {
        status: 'submitted',
        falRequestId: submitted.requestId,
        submittedAt: Date.now(),
      });
      progress.queued(submitted.queuePosition);
      log.info({ falRequestId: submitted.requestId }, 'submitted to fal');

      await this.deps.fal.waitForCompletion(
        submitted.requestId,
        (status) =>
          status.status === 'IN_QUEUE' ? progress.queued(status.queuePosition) : progress.running(),
        signal,
      );
      if (signal.aborted) throw new FalError('timeout', `no result within ${this.deps.falTimeoutMs} ms`);
      const falCompletedAt = performance.now();
      const output = await this.deps.fal.result(submitted.requestId);
      const completed = await store.updateGeneration(generation.id, {
        status: 'completed',
        seed: Number.isFinite(output.seed) ? output.seed : (generation.options.seed ?? null),
        nsfwFlags: output.has_nsfw_concepts ?? null,
        completedAt: Date.now(),
      });
      const images: DeliveredImage[] = await Promise.all(
        output.images.map((image) => this.deps.fal.download(image.url, signal)),
      );
      await progress.stop();
      const message = resultMessage(completed, images, Date.now() - generation.createdAt);
      const sent = await this.deps.replies.editOriginal(
        generation.applicationId,
        generation.interactionToken,
        message,
      );
      const delivered = await store.updateGeneration(generation.id, {
        status: 'delivered',
        messageId: sent.id,
        deliveredAt: Date.now(),
      });
      this.events.emit('settled', delivered);
      log.info(
        {
          seed: completed.seed,
          images: images.length,
          totalMs: Date.now() - generation.createdAt,
          deliveryMs: Math.round(performance.now() - falCompletedAt),
        },
        'delivered',
      );
    } catch (error) {
      await progress.stop();
      await this.fail(generation, error, log);
    }
  }

  private async fail(generation: Generation, error: unknown, log: Logger): Promise<void> {
    const classified = error;
    const reason = classified instanceof Error ? classified.message : String(classified);
    if (classified instanceof FalError && classified.kind === 'auth') {
      log.error({ err: classified }, 'fal rejected the FAL_KEY: set a valid key');
    } else if (
      classified instanceof FalError &&
      (classified.kind === 'invalid' || classified.kind === 'policy')
    ) {
      log.info({ errorId: generation.id, reason }, 'fal refused the request');
    } else {
      log.error({ errorId: generation.id, err: classified }, 'generation failed');
    }
    const failed = await this.deps.store
      .updateGeneration(generation.id, { status: 'failed', error: reason.slice(0, 500) })
      .catch((storeError: unknown) => {
        log.error({ err: storeError }, 'could not record the failure');
        return generation;
      });
    await this.tellMember(generation, failureMessage(classified, generation.id), log);
    this.events.emit('settled', failed);
  }

  /** The failure concerns only the member: say it ephemerally and remove the public "thinking…". */
  private async tellMember(generation: Generation, text: string, log: Logger): Promise<void> {
    const { replies } = this.deps;
    const { applicationId, interactionToken } = generation;
    try {
      await replies.followUp(applicationId, interactionToken, { content: text, ephemeral: true });
      await replies.deleteOriginal(applicationId, interactionToken);
    } catch (error) {
      log.warn({ err: error }, 'could not send the failure ephemerally; editing the reply instead');
      await replies
        .editOriginal(applicationId, interactionToken, { content: text, embeds: [], components: [] })
        .catch((editError: unknown) =>
          log.error({ err: editError }, 'could not tell the member about the failure'),
        );
    }
  }
}
