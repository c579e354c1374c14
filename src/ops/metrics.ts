import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { GenerationAction } from '../core/generation.ts';
import { GENERATION_ACTIONS } from '../core/generation.ts';
import { timeBox } from './timeBox.ts';

/**
 * Prometheus metrics of one bot process, on a registry of its own (never prom-client's global one), so
 * tests and several instances in one process never collide.
 *
 * Labels are only ever small closed sets (`kind`, `outcome`, `gauge`): never a member, user, guild, channel
 * or generation id. Ids would make one time series per member (unbounded cardinality) and put who-did-what
 * into a system that is usually far less protected than the bot's database.
 */

/** What started a job: the five generation actions. */
export type JobKind = GenerationAction;
export const JOB_KINDS: readonly JobKind[] = GENERATION_ACTIONS;

export type JobOutcome = 'delivered' | 'failed' | 'canceled';
export const JOB_OUTCOMES: readonly JobOutcome[] = ['delivered', 'failed', 'canceled'];

/** A value read when Prometheus scrapes, e.g. a database count. */
export type GaugeSource = () => Promise<number> | number;

export interface MetricsOptions {
  /** Node.js process metrics (`kontext_process_*`, `kontext_nodejs_*`). Default true. */
  defaultMetrics?: boolean;
  /**
   * Labels added to every series of this process, e.g. `{ role: 'worker' }`. Must not identify a member,
   * user or guild (refused).
   */
  defaultLabels?: Record<string, string>;
  /** Time box of each scrape-time gauge source; on expiry the gauge keeps its last value. Default 1000 ms. */
  collectTimeoutMs?: number;
  /** Called when a gauge source throws, hangs or returns no finite number (e.g. to log it). */
  onCollectError?: (gauge: string, error: unknown) => void;
}

export interface Metrics {
  /** This instance's registry (for `/metrics`: `registry.metrics()`, `registry.contentType`). */
  readonly registry: Registry;
  /** The exposition text, running the scrape-time gauge sources. */
  metrics(): Promise<string>;
  /** `Content-Type` of {@link Metrics.metrics}' text. */
  readonly contentType: string;

  /** Job accepted (written to the database) → it got a fal slot. */
  observeQueueWait(kind: JobKind, seconds: number): void;
  /** Submitted to fal → fal's result fetched. */
  observeFal(kind: JobKind, seconds: number): void;
  /** fal's result fetched → the images reached Discord. */
  observeDelivery(kind: JobKind, seconds: number): void;
  /** Interaction received → acknowledged (deferred, replied or modal shown). */
  observeAck(seconds: number): void;
  /**
   * A job ended: counts it under its outcome, adds its images and estimated spend (both only what was
   * actually produced/charged; 0 for a job that never reached fal). Call exactly once per job.
   */
  jobEnded(kind: JobKind, outcome: JobOutcome, images: number, spendUsd: number): void;

  /** Jobs waiting for a fal slot, all processes (read on scrape; replaces any earlier source; null removes). */
  onQueueDepth(source: GaugeSource | null): void;
  /** Sets the queue depth directly (used when no source is registered). */
  setQueueDepth(value: number): void;
  /** Jobs at fal held by this process (read on scrape; replaces any earlier source; null removes). */
  onJobsInFlight(source: GaugeSource | null): void;
  /** Sets the in-flight count directly (used when no source is registered). */
  setJobsInFlight(value: number): void;
}

const PREFIX = 'kontext_';
const FORBIDDEN_LABEL = /user|member|guild/i;

// Discord's deadline to acknowledge is 3 s; the buckets are dense below it.
const ACK_BUCKETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3];
// From "a slot was free" to "waited behind a busy hour".
const QUEUE_WAIT_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];
// Kontext usually answers in 3–15 s; fal's queue can add minutes.
const FAL_BUCKETS = [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300];
// Download from fal + upload to Discord, possibly several messages.
const DELIVERY_BUCKETS = [0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120];

/** A duration in seconds fit to observe: negative (clock skew between hosts) counts as 0, NaN is dropped. */
function seconds(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Math.max(0, value);
}

/** A non-negative finite amount to add to a counter (counters may not decrease). */
function amount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const collectTimeoutMs = options.collectTimeoutMs ?? 1000;
  const registers = [registry];

  if (options.defaultLabels) {
    for (const name of Object.keys(options.defaultLabels)) {
      if (FORBIDDEN_LABEL.test(name)) throw new Error(`metrics label "${name}" would identify people`);
    }
    registry.setDefaultLabels(options.defaultLabels);
  }
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: PREFIX });

  const jobHistogram = (name: string, help: string, buckets: number[]) =>
    new Histogram({ name: `${PREFIX}${name}`, help, labelNames: ['kind'] as const, buckets, registers });

  const queueWait = jobHistogram(
    'queue_wait_seconds',
    'Time from a job being accepted to it getting a fal slot.',
    QUEUE_WAIT_BUCKETS,
  );
  const fal = jobHistogram(
    'fal_seconds',
    'Time from submitting a job to fal to its result fetched.',
    FAL_BUCKETS,
  );
  const delivery = jobHistogram(
    'delivery_seconds',
    "Time from fal's result to the images reaching Discord.",
    DELIVERY_BUCKETS,
  );
  const ack = new Histogram({
    name: `${PREFIX}ack_seconds`,
    help: 'Time from an interaction received to it being acknowledged (deferred, replied or modal shown).',
    buckets: ACK_BUCKETS,
    registers,
  });

  const jobs = new Counter({
    name: `${PREFIX}jobs_total`,
    help: 'Jobs ended, by kind and outcome (delivered, failed, canceled).',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const images = new Counter({
    name: `${PREFIX}images_total`,
    help: 'Images produced by fal for ended jobs.',
    labelNames: ['kind'] as const,
    registers,
  });
  const spend = new Counter({
    name: `${PREFIX}estimated_spend_usd_total`,
    help: 'Estimated fal spend in US dollars (price per image times images).',
    labelNames: ['kind'] as const,
    registers,
  });
  const collectErrors = new Counter({
    name: `${PREFIX}metrics_collect_errors_total`,
    help: 'Scrape-time gauge sources that threw, timed out or returned no number (the gauge kept its last value).',
    labelNames: ['gauge'] as const,
    // Registered after the gauges (below): a scrape then reads it after their sources ran.
    registers: [],
    async collect() {
      await Promise.all(pendingCollects);
    },
  });
  const pendingCollects = new Set<Promise<void>>();

  // Every series exists from the start at 0, so rate() and increase() see the first event.
  for (const kind of JOB_KINDS) {
    for (const outcome of JOB_OUTCOMES) jobs.labels(kind, outcome).inc(0);
    images.labels(kind).inc(0);
    spend.labels(kind).inc(0);
    for (const histogram of [queueWait, fal, delivery]) histogram.zero({ kind });
  }

  const scrapedGauge = (name: string, help: string) => {
    const fullName = `${PREFIX}${name}`;
    let source: GaugeSource | null = null;
    collectErrors.labels(fullName).inc(0);
    const gauge = new Gauge({
      name: fullName,
      help,
      registers,
      collect() {
        const current = source;
        if (!current) return;
        const run = (async () => {
          try {
            const value = await timeBox(current, collectTimeoutMs, fullName);
            if (typeof value !== 'number' || !Number.isFinite(value)) {
              throw new TypeError(`${fullName} source returned ${String(value)}`);
            }
            this.set(value);
          } catch (error) {
            collectErrors.labels(fullName).inc();
            try {
              options.onCollectError?.(fullName, error);
            } catch {
              // A failing error hook must not fail the scrape.
            }
          }
        })();
        pendingCollects.add(run);
        return run.finally(() => pendingCollects.delete(run));
      },
    });
    return {
      setSource: (next: GaugeSource | null) => {
        source = next;
      },
      set: (value: number) => {
        if (Number.isFinite(value)) gauge.set(value);
      },
    };
  };

  const queueDepth = scrapedGauge('queue_depth', 'Jobs waiting for a fal slot (all processes).');
  const inFlight = scrapedGauge('jobs_in_flight', 'Jobs at fal held by this process.');
  registry.registerMetric(collectErrors);

  return {
    registry,
    metrics: () => registry.metrics(),
    contentType: registry.contentType,
    observeQueueWait(kind, value) {
      const s = seconds(value);
      if (s !== null) queueWait.observe({ kind }, s);
    },
    observeFal(kind, value) {
      const s = seconds(value);
      if (s !== null) fal.observe({ kind }, s);
    },
    observeDelivery(kind, value) {
      const s = seconds(value);
      if (s !== null) delivery.observe({ kind }, s);
    },
    observeAck(value) {
      const s = seconds(value);
      if (s !== null) ack.observe(s);
    },
    jobEnded(kind, outcome, imageCount, spendUsd) {
      jobs.labels(kind, outcome).inc();
      images.labels(kind).inc(amount(imageCount));
      spend.labels(kind).inc(amount(spendUsd));
    },
    onQueueDepth: queueDepth.setSource,
    setQueueDepth: queueDepth.set,
    onJobsInFlight: inFlight.setSource,
    setJobsInFlight: inFlight.set,
  };
}
