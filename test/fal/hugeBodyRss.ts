// Measures this process's RSS while fal answers every submit with a 768 MiB 500 body (streamed by the
// emulator without holding it): `npm exec -- node test/fal/hugeBodyRss.ts`. A measurement, not a test.
import { createFalGateway } from '../../src/fal/falClient.ts';
import { startFalEmulator } from '../emulators/fal/index.ts';

const MiB = 1024 * 1024;
const emu = await startFalEmulator();
emu.failNext('submit', { status: 500, stream: { bytes: 768 * MiB } }, 5);
const fal = createFalGateway({
  key: emu.key,
  queueUrl: emu.url,
  retry: { baseDelayMs: 5, maxDelayMs: 20, attemptTimeoutMs: 120_000, deadlineMs: 600_000 },
});
const rss = () => Math.round(process.memoryUsage().rss / MiB);
const before = rss();
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, rss());
}, 20);
const startedAt = performance.now();
const outcome = await fal
  .submit({
    prompt: 'a fox',
    guidance_scale: 3.5,
    num_images: 1,
    output_format: 'jpeg',
    safety_tolerance: '2',
    enhance_prompt: false,
    aspect_ratio: '1:1',
  })
  .then(
    () => 'accepted?!',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
clearInterval(sampler);
peak = Math.max(peak, rss());
const sent = emu.requests.map((r) => Math.round((r.bytesSent ?? 0) / MiB));
console.log(
  JSON.stringify({
    rssBeforeMiB: before,
    rssPeakMiB: peak,
    rssAfterMiB: rss(),
    attempts: emu.requests.length,
    sentPerAttemptMiB: sent,
    ms: Math.round(performance.now() - startedAt),
    outcome: outcome.slice(0, 120),
  }),
);
await emu.close();
