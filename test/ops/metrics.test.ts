import { register as globalRegistry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { createMetrics, JOB_KINDS, JOB_OUTCOMES } from '../../src/ops/metrics.ts';
import { parseExposition, sampleValue } from './exposition.ts';

async function scrape(metrics: ReturnType<typeof createMetrics>) {
  const body = await metrics.metrics();
  return { body, ...parseExposition(body) };
}

describe('createMetrics', () => {
  it('counts an ended job, its images and its estimated spend', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.jobEnded('imagine', 'delivered', 4, 0.16);
    const { body, samples } = await scrape(metrics);
    expect(body.split('\n')).toContain('kontext_jobs_total{kind="imagine",outcome="delivered"} 1');
    expect(body.split('\n')).toContain('kontext_images_total{kind="imagine"} 4');
    expect(body.split('\n')).toContain('kontext_estimated_spend_usd_total{kind="imagine"} 0.16');

    metrics.jobEnded('imagine', 'delivered', 1, 0.04);
    metrics.jobEnded('edit', 'failed', 0, 0);
    metrics.jobEnded('reroll', 'canceled', 0, 0);
    const after = (await scrape(metrics)).samples;
    expect(sampleValue(after, 'kontext_jobs_total', { kind: 'imagine', outcome: 'delivered' })).toBe(2);
    expect(sampleValue(after, 'kontext_images_total', { kind: 'imagine' })).toBe(5);
    expect(sampleValue(after, 'kontext_estimated_spend_usd_total', { kind: 'imagine' })).toBeCloseTo(0.2, 10);
    expect(sampleValue(after, 'kontext_jobs_total', { kind: 'edit', outcome: 'failed' })).toBe(1);
    expect(sampleValue(after, 'kontext_jobs_total', { kind: 'reroll', outcome: 'canceled' })).toBe(1);
    expect(sampleValue(samples, 'kontext_jobs_total', { kind: 'edit', outcome: 'failed' })).toBe(0);
  });

  it('has every kind and outcome series at 0 from the start', async () => {
    const { samples, types } = await scrape(createMetrics({ defaultMetrics: false }));
    for (const kind of JOB_KINDS) {
      for (const outcome of JOB_OUTCOMES) {
        expect(sampleValue(samples, 'kontext_jobs_total', { kind, outcome })).toBe(0);
      }
      expect(sampleValue(samples, 'kontext_images_total', { kind })).toBe(0);
      expect(sampleValue(samples, 'kontext_estimated_spend_usd_total', { kind })).toBe(0);
      expect(sampleValue(samples, 'kontext_fal_seconds_count', { kind })).toBe(0);
      expect(sampleValue(samples, 'kontext_queue_wait_seconds_count', { kind })).toBe(0);
      expect(sampleValue(samples, 'kontext_delivery_seconds_count', { kind })).toBe(0);
    }
    expect(Object.fromEntries(types)).toEqual({
      kontext_queue_wait_seconds: 'histogram',
      kontext_fal_seconds: 'histogram',
      kontext_delivery_seconds: 'histogram',
      kontext_ack_seconds: 'histogram',
      kontext_jobs_total: 'counter',
      kontext_images_total: 'counter',
      kontext_estimated_spend_usd_total: 'counter',
      kontext_metrics_collect_errors_total: 'counter',
      kontext_queue_depth: 'gauge',
      kontext_jobs_in_flight: 'gauge',
    });
  });

  it('records job durations per kind in histograms with _count, _sum and cumulative buckets', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeFal('edit', 3.2);
    metrics.observeFal('edit', 12);
    metrics.observeQueueWait('same_seed', 0.3);
    metrics.observeDelivery('reprompt', 1.5);
    const { samples } = await scrape(metrics);

    expect(sampleValue(samples, 'kontext_fal_seconds_count', { kind: 'edit' })).toBe(2);
    expect(sampleValue(samples, 'kontext_fal_seconds_sum', { kind: 'edit' })).toBeCloseTo(15.2, 10);
    expect(sampleValue(samples, 'kontext_fal_seconds_bucket', { kind: 'edit', le: '3' })).toBe(0);
    expect(sampleValue(samples, 'kontext_fal_seconds_bucket', { kind: 'edit', le: '5' })).toBe(1);
    expect(sampleValue(samples, 'kontext_fal_seconds_bucket', { kind: 'edit', le: '15' })).toBe(2);
    expect(sampleValue(samples, 'kontext_fal_seconds_bucket', { kind: 'edit', le: '+Inf' })).toBe(2);
    expect(sampleValue(samples, 'kontext_fal_seconds_bucket', { kind: 'edit', le: '300' })).toBe(2);
    expect(sampleValue(samples, 'kontext_fal_seconds_count', { kind: 'imagine' })).toBe(0);

    expect(sampleValue(samples, 'kontext_queue_wait_seconds_count', { kind: 'same_seed' })).toBe(1);
    expect(sampleValue(samples, 'kontext_queue_wait_seconds_sum', { kind: 'same_seed' })).toBeCloseTo(
      0.3,
      10,
    );
    expect(sampleValue(samples, 'kontext_queue_wait_seconds_bucket', { kind: 'same_seed', le: '0.5' })).toBe(
      1,
    );
    expect(sampleValue(samples, 'kontext_delivery_seconds_count', { kind: 'reprompt' })).toBe(1);
    expect(sampleValue(samples, 'kontext_delivery_seconds_bucket', { kind: 'reprompt', le: '1' })).toBe(0);
    expect(sampleValue(samples, 'kontext_delivery_seconds_bucket', { kind: 'reprompt', le: '2' })).toBe(1);
  });

  it('records acknowledgement time without labels, with buckets up to the 3 s deadline', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeAck(0.2);
    metrics.observeAck(2.9);
    metrics.observeAck(4);
    const { samples } = await scrape(metrics);
    expect(sampleValue(samples, 'kontext_ack_seconds_count')).toBe(3);
    expect(sampleValue(samples, 'kontext_ack_seconds_sum')).toBeCloseTo(7.1, 10);
    expect(sampleValue(samples, 'kontext_ack_seconds_bucket', { le: '0.05' })).toBe(0);
    expect(sampleValue(samples, 'kontext_ack_seconds_bucket', { le: '0.25' })).toBe(1);
    expect(sampleValue(samples, 'kontext_ack_seconds_bucket', { le: '3' })).toBe(2);
    expect(sampleValue(samples, 'kontext_ack_seconds_bucket', { le: '+Inf' })).toBe(3);
    const ackLabels = samples
      .filter((s) => s.name.startsWith('kontext_ack_'))
      .map((s) => Object.keys(s.labels));
    for (const names of ackLabels) expect(names.filter((n) => n !== 'le')).toEqual([]);
  });

  it('counts a negative duration (clock skew) as 0, drops NaN, and never decreases a counter', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeQueueWait('imagine', -2);
    metrics.observeQueueWait('imagine', Number.NaN);
    metrics.observeAck(Number.POSITIVE_INFINITY);
    metrics.jobEnded('imagine', 'failed', -1, Number.NaN);
    const { samples } = await scrape(metrics);
    expect(sampleValue(samples, 'kontext_queue_wait_seconds_count', { kind: 'imagine' })).toBe(1);
    expect(sampleValue(samples, 'kontext_queue_wait_seconds_sum', { kind: 'imagine' })).toBe(0);
    expect(sampleValue(samples, 'kontext_ack_seconds_count')).toBe(0);
    expect(sampleValue(samples, 'kontext_jobs_total', { kind: 'imagine', outcome: 'failed' })).toBe(1);
    expect(sampleValue(samples, 'kontext_images_total', { kind: 'imagine' })).toBe(0);
    expect(sampleValue(samples, 'kontext_estimated_spend_usd_total', { kind: 'imagine' })).toBe(0);
  });

  it('reads gauges from their sources on every scrape (async or not)', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let depth = 7;
    metrics.onQueueDepth(async () => depth);
    metrics.onJobsInFlight(() => 2);
    let body = (await scrape(metrics)).body.split('\n');
    expect(body).toContain('kontext_queue_depth 7');
    expect(body).toContain('kontext_jobs_in_flight 2');

    depth = 11;
    metrics.onJobsInFlight(null);
    metrics.setJobsInFlight(5);
    body = (await scrape(metrics)).body.split('\n');
    expect(body).toContain('kontext_queue_depth 11');
    expect(body).toContain('kontext_jobs_in_flight 5');
  });

  it('keeps a gauge at its last value when its source throws, hangs or returns no number', async () => {
    const onCollectError = vi.fn();
    const metrics = createMetrics({ defaultMetrics: false, collectTimeoutMs: 20, onCollectError });
    metrics.onQueueDepth(() => 3);
    metrics.onJobsInFlight(() => 1);
    await scrape(metrics);

    metrics.onQueueDepth(async () => {
      throw new Error('database is gone');
    });
    metrics.onJobsInFlight(() => new Promise<number>(() => {}));
    let { samples } = await scrape(metrics);
    expect(sampleValue(samples, 'kontext_queue_depth')).toBe(3);
    expect(sampleValue(samples, 'kontext_jobs_in_flight')).toBe(1);
    expect(
      sampleValue(samples, 'kontext_metrics_collect_errors_total', { gauge: 'kontext_queue_depth' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'kontext_metrics_collect_errors_total', { gauge: 'kontext_jobs_in_flight' }),
    ).toBe(1);
    expect(onCollectError).toHaveBeenCalledWith('kontext_queue_depth', expect.any(Error));
    expect(onCollectError).toHaveBeenCalledWith('kontext_jobs_in_flight', expect.any(Error));

    metrics.onQueueDepth(() => Number.NaN);
    ({ samples } = await scrape(metrics));
    expect(sampleValue(samples, 'kontext_queue_depth')).toBe(3);
    expect(
      sampleValue(samples, 'kontext_metrics_collect_errors_total', { gauge: 'kontext_queue_depth' }),
    ).toBe(2);
  });

  it('uses its own registry: instances do not collide and the global registry stays empty', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.jobEnded('edit', 'delivered', 1, 0.04);
    expect(
      sampleValue((await scrape(a)).samples, 'kontext_jobs_total', { kind: 'edit', outcome: 'delivered' }),
    ).toBe(1);
    expect(
      sampleValue((await scrape(b)).samples, 'kontext_jobs_total', { kind: 'edit', outcome: 'delivered' }),
    ).toBe(0);
    expect(a.registry).not.toBe(b.registry);
    expect(globalRegistry.getMetricsAsArray().filter((m) => m.name.startsWith('kontext_'))).toEqual([]);
  });

  it('adds prefixed process metrics and default labels, and refuses labels that identify people', async () => {
    const metrics = createMetrics({ defaultLabels: { role: 'worker' } });
    const { samples, types } = await scrape(metrics);
    expect(types.get('kontext_process_cpu_user_seconds_total')).toBe('counter');
    expect(types.get('kontext_nodejs_heap_size_used_bytes')).toBe('gauge');
    expect([...types.keys()].filter((name) => !name.startsWith('kontext_'))).toEqual([]);
    expect(
      sampleValue(samples, 'kontext_jobs_total', { kind: 'imagine', outcome: 'delivered', role: 'worker' }),
    ).toBe(0);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);

    expect(() => createMetrics({ defaultMetrics: false, defaultLabels: { guild: 'x' } })).toThrow(/identify/);
    expect(() => createMetrics({ defaultMetrics: false, defaultLabels: { userId: 'x' } })).toThrow(
      /identify/,
    );
  });

  it('never labels a series with a user, member or guild', async () => {
    const metrics = createMetrics();
    for (const kind of JOB_KINDS) {
      metrics.observeQueueWait(kind, 1);
      metrics.observeFal(kind, 5);
      metrics.observeDelivery(kind, 2);
      metrics.jobEnded(kind, 'delivered', 2, 0.08);
    }
    metrics.observeAck(0.1);
    metrics.onQueueDepth(() => 1);
    const { samples } = await scrape(metrics);
    const labelNames = new Set(samples.flatMap((s) => Object.keys(s.labels)));
    expect(labelNames.size).toBeGreaterThan(0);
    for (const name of labelNames) expect(name).not.toMatch(/user|member|guild/i);
    const ours = new Set(
      samples.filter((s) => !/^kontext_(process|nodejs)_/.test(s.name)).flatMap((s) => Object.keys(s.labels)),
    );
    expect([...ours].sort()).toEqual(['gauge', 'kind', 'le', 'outcome']);
  });
});
