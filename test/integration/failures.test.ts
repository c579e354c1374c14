import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  contentOf,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  type Stack,
  startStack,
} from './harness.ts';

describe('GIVEN fal refuses or fails', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  async function expectThinkingRemoved(token: string) {
    const route = `/webhooks/${stack.discord.applicationId}/${token}/messages/@original`;
    await stack.discord.waitForRequest((r) => r.method === 'DELETE' && r.route === route);
    expect(stack.discord.originalMessage(token)).toBeUndefined();
  }

  test('WHEN fal answers 422 at submit THEN the member is told what was rejected and the row is failed', async () => {
    stack.fal.failNext('submit', {
      status: 422,
      body: {
        detail: [{ loc: ['body', 'prompt'], msg: 'prompt is too long for this model', type: 'value_error' }],
      },
    });
    const sent = imagine(stack, { prompt: 'a very long prompt' });
    const answer = await ephemeralAnswer(stack, sent);
    expect(contentOf(answer)).toContain('prompt: prompt is too long for this model');
    await expectThinkingRemoved(sent.token);
    const rows = await stack.bot.ctx.store.listUnfinishedGenerations();
    expect(rows).toEqual([]);
    expectNoViolations(stack);
  });

  test('WHEN the run fails with a content policy 422 THEN the member is asked to reword', async () => {
    stack.fal.failNextRun({
      status: 422,
      body: { detail: [{ loc: ['body', 'prompt'], msg: 'flagged', type: 'content_policy_violation' }] },
    });
    const sent = imagine(stack, { prompt: 'something fal will refuse' });
    expect(contentOf(await ephemeralAnswer(stack, sent))).toContain('content policy');
    await expectThinkingRemoved(sent.token);
  });

  test('WHEN fal fails with 500 THEN the member sees an error id that matches a log line', async () => {
    stack.fal.failNext('submit', { status: 500, body: { detail: 'boom' } }, 5);
    const sent = imagine(stack, { prompt: 'an unlucky prompt' });
    const text = contentOf(await ephemeralAnswer(stack, sent));
    const errorId = /error id `([^`]+)`/.exec(text)?.[1];
    expect(errorId).toBeDefined();
    expect(stack.logs.entries().some((entry) => entry.errorId === errorId && entry.level === 50)).toBe(true);
    await expectThinkingRemoved(sent.token);
  });
});

describe('GIVEN the bot runs with an invalid fal key', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ config: { falKey: 'not-the-right-key' } });
  });
  afterAll(() => stack.close());

  test('WHEN a member uses /imagine THEN they are told to tell the server owner, and the host gets an error log', async () => {
    const sent = imagine(stack, { prompt: 'a fox' });
    expect(contentOf(await ephemeralAnswer(stack, sent))).toContain(
      'fal key is invalid — tell the server owner',
    );
    expect(stack.fal.jobs).toHaveLength(0);
    expect(stack.logs.entries().some((e) => e.level === 50 && String(e.msg).includes('FAL_KEY'))).toBe(true);
    expect(stack.logs.lines.join('\n')).not.toContain('not-the-right-key');
  });
});

describe('GIVEN no configuration', () => {
  test('WHEN the bot starts THEN it names the missing variable in one line and exits non-zero', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kontext-noenv-'));
    const env = { PATH: process.env.PATH ?? '' };
    const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
    const missingToken = spawnSync(process.execPath, [main], { cwd, env, encoding: 'utf8', timeout: 20_000 });
    expect(missingToken.status).toBe(1);
    expect(missingToken.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('DISCORD_TOKEN: required'),
    ]);
    const missingKey = spawnSync(process.execPath, [main], {
      cwd,
      env: { ...env, DISCORD_TOKEN: 'x' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(missingKey.status).toBe(1);
    expect(missingKey.stderr).toContain('FAL_KEY: required');
    expect(missingKey.stderr).not.toContain('at ');
  });
});
