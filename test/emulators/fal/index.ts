// Loopback emulator of fal's queue API for the Kontext [pro]/[max] endpoints (text-to-image, edit,
// multi) and of its storage upload API. See README.md.
import type { AddressInfo } from 'node:net';
import { ENDPOINTS } from './endpoints.ts';
import { createImageGate } from './imageGate.ts';
import { contentType, createImageFactory, type ImageSpec } from './images.ts';
import { fetchInputs, type OwnFiles } from './inputs.ts';
import { createJobQueue, type JobState } from './jobs.ts';
import { buildOutput, type OutputContext } from './output.ts';
import { createFalServer } from './server.ts';
import { createStorage, REST_PATH } from './storage.ts';
import { createStreamHub } from './stream.ts';
import type {
  FalEmulator,
  FalEmulatorOptions,
  FalFault,
  FalInjectedResponse,
  FalJob,
  FalRoute,
} from './types.ts';

export { ENDPOINTS, type EndpointId, type EndpointKind } from './endpoints.ts';
export { type DecodedImage, decodeImage, imageDimensions } from './images.ts';
export { MAX_INPUT_BYTES } from './inputs.ts';
export { decodePng } from './png.ts';
export { APP_PATH, ENDPOINT_PATH } from './status.ts';
export { MAX_UPLOAD_BYTES } from './storage.ts';
export type * from './types.ts';
export { ASPECT_RATIOS } from './validate.ts';

export const DEFAULT_FAL_KEY = 'emulator-fal-key';

export async function startFalEmulator(options: FalEmulatorOptions = {}): Promise<FalEmulator> {
  const key = options.key ?? DEFAULT_FAL_KEY;
  const generationMs = options.generationMs ?? 20;
  let baseUrl = '';
  const files = new Map<string, ImageSpec>();
  const outputContext: OutputContext = {
    baseUrl: () => baseUrl,
    longSide: options.imageLongSide ?? 128,
    generationMs,
    nsfw: options.nsfw ?? ((input) => input.prompt.includes('nsfw-test')),
    factory: createImageFactory(),
    files,
    omitNsfwFlags: options.omitNsfwFlags ?? false,
  };
  const storage = createStorage(() => baseUrl);
  const ownFiles: OwnFiles = (path) => {
    const spec = files.get(path.replace(/^\/files\//, ''));
    if (spec) return { data: outputContext.factory.render(spec), contentType: contentType(spec.format) };
    return storage.file(path);
  };
  const prepare = (state: JobState): Promise<void> | undefined => {
    const { job } = state;
    const kind = ENDPOINTS[job.endpoint as keyof typeof ENDPOINTS];
    if (kind === 'text' || kind === undefined) return undefined;
    const urls = kind === 'edit' ? [job.input.image_url!] : job.input.image_urls!;
    const field = kind === 'edit' ? 'image_url' : 'image_urls';
    return fetchInputs(urls, field, baseUrl, ownFiles).then(
      (fetched) => {
        if (!fetched.ok) {
          state.failRun ??= fetched.error;
          return;
        }
        state.inputs = fetched.images;
        job.inputImages = fetched.images.map(({ url, sha256, bytes, contentType: type }) => ({
          url,
          sha256,
          bytes,
          contentType: type,
        }));
      },
      (error: unknown) => {
        state.failRun ??= { status: 500, body: { detail: `emulator input fetch failed: ${String(error)}` } };
      },
    );
  };
  const queue = createJobQueue({
    queueMs: options.queueMs ?? 0,
    generationMs,
    concurrency: options.concurrency ?? Number.POSITIVE_INFINITY,
    finish: (state) => buildOutput(state, outputContext),
    prepare,
    ...(options.drawSeed ? { drawSeed: options.drawSeed } : {}),
  });
  const streams = createStreamHub(queue, () => baseUrl);
  const failures = new Map<FalRoute, (FalInjectedResponse | FalFault)[]>();
  const images = createImageGate();
  const failRuns: { status: number; body: unknown }[] = [];
  const requests: FalEmulator['requests'] = [];
  const waiters = new Set<() => void>();

  const server = createFalServer({
    key,
    queue,
    streams,
    factory: outputContext.factory,
    files,
    requests,
    baseUrl: () => baseUrl,
    takeFailure: (route) => failures.get(route)?.shift(),
    takeFailRun: () => failRuns.shift(),
    images,
    storage,
  });
  // Many SSE clients connect at once in the benchmark; the default backlog (511) is just enough.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', backlog: 2048 }, () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    restUrl: `${baseUrl}${REST_PATH}`,
    uploads: storage.uploads,
    key,
    requests,
    jobs: queue.jobs,
    inFlight: () => queue.inFlight(),
    get maxInFlight() {
      return queue.maxInFlight;
    },
    get maxImagesInFlight() {
      return images.maxInFlight;
    },
    holdImages: () => images.hold(),
    expireFiles: () => files.clear(),
    pause: () => queue.pause(),
    resume: () => queue.resume(),
    failNext(route, response, times = 1) {
      const list = failures.get(route) ?? [];
      for (let i = 0; i < times; i++) list.push(response);
      failures.set(route, list);
    },
    failNextRun(error) {
      failRuns.push(error);
    },
    waitForJob(predicate, timeoutMs = 10_000) {
      // Past states count too: a test may ask for "reached IN_PROGRESS" after the job already finished.
      const past = queue.jobs.find(predicate) ?? queue.history.find(predicate);
      if (past) return Promise.resolve(queue.get(past.requestId)!.job);
      return new Promise<FalJob>((resolve, reject) => {
        const stop = (): void => {
          clearTimeout(timer);
          unwatch();
          waiters.delete(abort);
        };
        const abort = (): void => {
          stop();
          reject(new Error('fal emulator closed while waiting for a job'));
        };
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`no fal job matched within ${timeoutMs} ms`));
        }, timeoutMs);
        const unwatch = queue.watch((job) => {
          if (!predicate(job)) return;
          stop();
          resolve(job);
        });
        waiters.add(abort);
      });
    },
    async close() {
      queue.close();
      for (const abort of [...waiters]) abort();
      streams.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
