import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  type Stack,
  startStack,
} from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const submits = () => stack.fal.requests.filter((r) => r.method === 'POST');

describe('GIVEN fal or its image host misbehaves once', () => {
  test('WHEN submit answers 500 once THEN the bot retries and the member still gets the images', async () => {
    const before = submits().length;
    stack.fal.failNext('submit', { status: 500, body: { detail: 'hiccup' } });
    await delivery(stack, imagine(stack, { prompt: 'after a hiccup' }));
    expect(submits().length - before).toBe(2);
  });

  test('WHEN submit answers 429 with Retry-After THEN the bot waits at least that long before trying again', async () => {
    stack.fal.failNext('submit', {
      status: 429,
      body: { detail: 'slow down' },
      headers: { 'retry-after': '1' },
    });
    const before = submits().length;
    await delivery(stack, imagine(stack, { prompt: 'patiently' }));
    const [refused, accepted] = submits().slice(before);
    expect(refused?.status).toBe(429);
    expect(accepted!.receivedAt - refused!.receivedAt).toBeGreaterThanOrEqual(1000);
  });

  test('WHEN the result request has its connection reset THEN the bot asks again', async () => {
    stack.fal.failNext('result', 'reset');
    await delivery(stack, imagine(stack, { prompt: 'through a reset' }));
    expect(stack.fal.requests.some((r) => r.status === 0)).toBe(true);
  });

  test('WHEN an image URL answers 404 THEN the member is told in one sentence with an error id', async () => {
    stack.fal.failNext('image', { status: 404, body: { detail: 'gone' } });
    const text = contentOf(await ephemeralAnswer(stack, imagine(stack, { prompt: 'a vanished image' })));
    expect(text).toMatch(/error id `[\w-]+`/);
    expect(text.split('. ').length).toBeLessThanOrEqual(3);
    expectNoViolations(stack);
  });

  test('WHEN an image answers with a non-image content type THEN the member is told with an error id and the log says why', async () => {
    stack.fal.failNext('image', { status: 200, body: { detail: 'not an image' } });
    const text = contentOf(await ephemeralAnswer(stack, imagine(stack, { prompt: 'a page, not a picture' })));
    expect(text).toMatch(/error id `[\w-]+`/);
    const line = await stack.logs.waitFor((entry) => JSON.stringify(entry).includes('is not an image'));
    expect(line.msg).toBe('generation failed');
  });

  test("WHEN every image is larger than the channel's upload limit THEN none is downloaded past it and the reply says so", async () => {
    const sent = imagine(stack, { prompt: 'too big to post' }, { attachmentSizeLimit: 200 });
    const route = `/webhooks/${stack.discord.applicationId}/${sent.token}/messages/@original`;
    const edit = await stack.discord.waitForRequest(
      (r) => r.method === 'PATCH' && r.route === route && contentOf(r).includes('larger than this channel'),
    );
    expect(edit.files).toHaveLength(0);
    expect(contentOf(edit)).toContain('1 image was larger than this channel accepts');
    await stack.logs.waitFor(
      (entry) =>
        entry.msg === 'image left out: larger than the channel accepts' &&
        JSON.stringify(entry).includes("larger than the channel's upload limit"),
    );
    expectNoViolations(stack);
  });

  test('WHEN one image of two is over the limit THEN the other is posted with a notice', async () => {
    stack.fal.failNext('image', {
      status: 200,
      stream: { bytes: 300_000, contentType: 'image/jpeg' },
    });
    const sent = imagine(stack, { prompt: 'one too big', count: 2 }, { attachmentSizeLimit: 100_000 });
    const edit = await delivery(stack, sent);
    expect(edit.files).toHaveLength(1);
    expect(contentOf(edit)).toContain('1 image was larger than this channel accepts');
    expectNoViolations(stack);
  });
});
