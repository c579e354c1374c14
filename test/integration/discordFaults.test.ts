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
  stack = await startStack({ fal: { imageLongSide: 256 } });
});
afterAll(() => stack.close());

const VIEW_AND_SEND = (1n << 10n) | (1n << 11n);

describe('GIVEN Discord refuses something the bot does', () => {
  test('WHEN the bot lacks Attach Files in the channel THEN the member is told which permission, and fal hears nothing', async () => {
    const before = stack.fal.requests.length;
    const sent = imagine(stack, { prompt: 'a fox' }, { appPermissions: VIEW_AND_SEND | (1n << 14n) });
    expect(contentOf(await ephemeralAnswer(stack, sent))).toContain('missing the Attach Files permission');
    expect(stack.fal.requests.length).toBe(before);
  });

  test('WHEN Discord answers 413 for the upload THEN the images are sent again in smaller messages', async () => {
    const sent = imagine(stack, { prompt: 'two images', count: 2 });
    const route = `/webhooks/${stack.discord.applicationId}/${sent.token}/messages/@original`;
    stack.discord.failNext((method, r) => method === 'PATCH' && r === route, {
      status: 413,
      body: { code: 40005, message: 'Request entity too large' },
    });
    const edit = await stack.discord.waitForRequest(
      (r) => r.route === route && r.files.length > 0 && r.status === 200,
    );
    expect(stack.discord.requests.some((r) => r.route === route && r.status === 413)).toBe(true);
    expect(edit.status).toBe(200);
    expect(edit.files).toHaveLength(1);
    await stack.discord.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.route === `/webhooks/${stack.discord.applicationId}/${sent.token}` &&
        r.files.length === 1,
    );
  });

  test('WHEN Discord refuses one image even alone THEN the others are posted with a notice', async () => {
    const sent = imagine(stack, { prompt: 'one huge image', count: 2 });
    const route = `/webhooks/${stack.discord.applicationId}/${sent.token}/messages/@original`;
    const tooLarge = { status: 413, body: { code: 40005, message: 'Request entity too large' } };
    // Both images together, then the first one alone.
    stack.discord.failNext((method, r) => method === 'PATCH' && r === route, tooLarge);
    stack.discord.failNext((method, r) => method === 'PATCH' && r === route, tooLarge);
    const edit = await stack.discord.waitForRequest(
      (r) => r.route === route && r.files.length > 0 && r.status === 200,
    );
    expect(edit.files).toHaveLength(1);
    expect(edit.files[0]!.filename).toMatch(/-2\.(png|jpeg)$/);
    expect(contentOf(edit)).toContain('1 image was larger than this channel accepts');
    const accepted = await stack.logs.waitFor(
      (e) => e.interactionId === sent.id && e.msg === 'generation accepted',
    );
    const delivered = await stack.logs.waitFor(
      (e) => e.generationId === accepted.generationId && e.msg === 'delivered',
    );
    expect(delivered.via).toBe('edit');
  });

  test('WHEN the defer itself is refused THEN the error is logged with the interaction id and the bot keeps serving', async () => {
    stack.discord.failNext((method, route) => method === 'POST' && route.endsWith('/callback'), {
      status: 400,
      body: { code: 40060, message: 'Interaction has already been acknowledged.' },
    });
    const sent = imagine(stack, { prompt: 'unlucky' });
    const logged = await stack.logs.waitFor((e) => e.interactionId === sent.id && e.level === 50);
    expect(logged.errorId).toBe(sent.id);
    await delivery(stack, imagine(stack, { prompt: 'still here' }));
    expectNoViolations(stack);
  });
});
