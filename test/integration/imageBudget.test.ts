// MAX_IMAGE_MEMORY_MB through the real bot: a burst of finished jobs downloads and posts its images in
// turn, each job's bytes given back once Discord has them, in the order the jobs finished; with room for
// all of them the same burst downloads at once (so this test can tell the two apart).
import { afterEach, describe, expect, test } from 'vitest';
import { delivery, expectNoViolations, imagine, type Stack, startStack } from './harness.ts';

let stack: Stack | undefined;
afterEach(async () => {
  if (stack) expectNoViolations(stack);
  await stack?.close();
  stack = undefined;
});

const MEMBERS = [1, 2, 3, 4, 5].map((n) => ({ id: `30000000000000010${n}`, username: `m${n}` }));

/** Five members' /imagine count 2, all finishing at fal in the same instant. */
async function burst(s: Stack, afterResume: () => Promise<void> = async () => {}) {
  s.fal.pause();
  const sent = MEMBERS.map((user, i) => imagine(s, { prompt: `burst ${i}`, count: 2 }, { user }));
  await Promise.all(sent.map((one) => one.callback()));
  for (let i = 0; i < sent.length; i++) await s.fal.waitForJob((job) => job.input.prompt === `burst ${i}`);
  s.fal.resume();
  await afterResume();
  const posted = await Promise.all(sent.map((one) => delivery(s, one)));
  const jobs = sent.map((_, i) => s.fal.jobs.find((job) => job.input.prompt === `burst ${i}`)!);
  const downloads = jobs.map((job) =>
    s.fal.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/files/${job.requestId}-`)),
  );
  // When the bot fetched each result (then it asks the budget for room): the queue's order.
  const fetched = jobs.map(
    (job) =>
      s.fal.requests.find(
        (r) => r.method === 'GET' && r.path === `/fal-ai/flux-pro/requests/${job.requestId}`,
      )!.receivedAt,
  );
  return { posted, downloads, fetched };
}

describe('GIVEN a burst of finished jobs', () => {
  test('WHEN the image budget fits one job THEN each job downloads only after the one before is on Discord, in order', async () => {
    stack = await startStack({ config: { imageMemoryBytes: 1, falConcurrency: 10 } });
    const { posted, downloads, fetched } = await burst(stack);
    expect(stack.fal.maxImagesInFlight).toBeLessThanOrEqual(2);
    // Served in turn: sorted by when each job's first download arrived, every job's downloads come after
    // the previous job's images reached Discord.
    const turns = posted
      .map((post, i) => ({
        post,
        fetched: fetched[i]!,
        first: Math.min(...downloads[i]!.map((d) => d.receivedAt)),
      }))
      .sort((a, b) => a.first - b.first);
    // Fair: whoever's result came back first downloads first, not whoever happens to download fastest.
    expect(turns.map((t) => t.fetched)).toEqual([...fetched].sort((a, b) => a - b));
    for (let i = 1; i < turns.length; i++) {
      expect(turns[i]!.first).toBeGreaterThanOrEqual(turns[i - 1]!.post.receivedAt);
    }
    for (const post of posted) expect(post.files).toHaveLength(2);
  });

  test('WHEN the budget has room for all THEN the same burst downloads side by side', async () => {
    stack = await startStack({ config: { falConcurrency: 10 } });
    const hold = stack.fal.holdImages();
    // Eight is the bot's download concurrency: every slot busy at once, from five different jobs.
    await burst(stack, async () => {
      await hold.waitForHeld(8);
      hold.release();
    });
    expect(stack.fal.maxImagesInFlight).toBe(8);
  });
});
