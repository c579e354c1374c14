// fal bills every request it queued: the bot sends each generation to fal once, gives fal its full
// timeout from submit, cancels at fal what it gave up on, and counts quotas by the images fal returned.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_HOST_MODERATION } from '../../src/config.ts';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  type Stack,
  startStack,
} from './harness.ts';
import { asMember, guilds, queryDb } from './moderationDriver.ts';

const submitsTo = (stack: Stack) => stack.fal.requests.filter((r) => r.method === 'POST').length;
const cancels = (stack: Stack) => stack.fal.requests.filter((r) => r.method === 'PUT');

describe('GIVEN one fal slot and a 1.5 s fal timeout', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      config: { falConcurrency: 1, falTimeoutMs: 1500 },
      fal: { generationMs: 700 },
    });
  });
  afterAll(() => stack.close());

  test('WHEN three jobs wait in turn for the slot, over 2 s in all THEN each gets its full time at fal and is delivered', async () => {
    const sent = ['first in line', 'second in line', 'third in line'].map((prompt) =>
      imagine(stack, { prompt }),
    );
    for (const one of sent) await delivery(stack, one);
    expect(stack.fal.jobs.filter((job) => job.error)).toEqual([]);
    expectNoViolations(stack);
  });

  test('WHEN fal does not finish in time THEN the member hears so and the request is cancelled at fal', async () => {
    stack.fal.pause();
    const before = cancels(stack).length;
    const submits = submitsTo(stack);
    const text = contentOf(await ephemeralAnswer(stack, imagine(stack, { prompt: 'stuck at fal' })));
    stack.fal.resume();
    expect(text).toContain('fal took too long');
    const [cancel] = cancels(stack).slice(before);
    expect(cancel?.path).toMatch(/\/requests\/[\w-]+\/cancel$/);
    expect(stack.fal.jobs.at(-1)).toMatchObject({ canceled: true });
    expect(submitsTo(stack) - submits).toBe(1);
    await stack.logs.waitFor((entry) => entry.msg === 'fal timed out: cancelling at fal');
  });
});

describe('GIVEN fal takes a submit but the answer is lost', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('WHEN the connection is reset after fal queued the job THEN it is not sent again and the member is told why', async () => {
    const jobs = stack.fal.jobs.length;
    stack.fal.failNext('submit', 'queue-then-reset');
    const text = contentOf(await ephemeralAnswer(stack, imagine(stack, { prompt: 'answer lost' })));
    expect(text).toContain('did not send it again');
    expect(text).toMatch(/error id `[\w-]+`/);
    // One submit reached fal and one job was queued (billed): none was added by a silent retry.
    expect(stack.fal.jobs.length - jobs).toBe(1);
    const line = await stack.logs.waitFor((entry) => entry.msg === 'generation failed');
    expect(JSON.stringify(line)).toContain('outcome unknown');
    expect(JSON.stringify(line)).toContain('may bill it');
    expectNoViolations(stack);
  });

  test('WHEN submit answers 503 once THEN it is sent again (not taken) and delivered', async () => {
    const before = submitsTo(stack);
    stack.fal.failNext('submit', { status: 503, body: { detail: 'unavailable' } });
    await delivery(stack, imagine(stack, { prompt: 'after a 503' }));
    expect(submitsTo(stack) - before).toBe(2);
  });
});

describe('GIVEN a daily limit of 2 images and fal leaving out has_nsfw_concepts', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      discord: { guilds: guilds(2) },
      fal: { omitNsfwFlags: true },
      config: {
        moderation: {
          ...DEFAULT_HOST_MODERATION,
          defaults: { ...DEFAULT_HOST_MODERATION.defaults, dailyPerUser: 2 },
        },
      },
    });
  });
  afterAll(() => stack.close());

  test('WHEN a member asks for 2 images twice THEN the second is refused and the row says 2 returned', async () => {
    const first = imagine(stack, { prompt: 'two foxes', count: 2 }, asMember(1));
    await delivery(stack, first);
    const submits = submitsTo(stack);
    const refusal = contentOf(
      await ephemeralAnswer(stack, imagine(stack, { prompt: 'two more', count: 2 }, asMember(1))),
    );
    expect(refusal).toContain('used your 2 images for today');
    expect(submitsTo(stack)).toBe(submits);
    const [row] = queryDb(
      stack,
      'SELECT images_returned FROM generations WHERE interaction_id = ?',
      first.id,
    );
    expect(Number(row!.images_returned)).toBe(2);
  });

  test('WHEN fal completed but the images could not be fetched THEN they still count', async () => {
    stack.fal.failNext('image', { status: 404, body: { detail: 'gone' } });
    await ephemeralAnswer(stack, imagine(stack, { prompt: 'billed, lost', count: 2 }, asMember(2)));
    const refusal = contentOf(
      await ephemeralAnswer(stack, imagine(stack, { prompt: 'again', count: 1 }, asMember(2))),
    );
    expect(refusal).toContain('used your 2 images for today');
  });
});
