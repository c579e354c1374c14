import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { MAX_SEED } from '../../src/core/imagineOptions.ts';
import type { EmulatedMessage } from '../emulators/discord/index.ts';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  type Stack,
  settled,
  startStack,
} from './harness.ts';
import { buttonId } from './moderationDriver.ts';

// The seed fal reports when none is sent; a test sets it before the request it is about.
let nextDrawnSeed = 0;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fal: { drawSeed: () => nextDrawnSeed } });
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

function storedSeed(generationId: string): unknown {
  const db = new DatabaseSync(stack.dbPath, { readOnly: true });
  try {
    const statement = db.prepare('SELECT seed FROM generations WHERE id = ?');
    statement.setReadBigInts(true);
    return statement.get(generationId)?.seed;
  } finally {
    db.close();
  }
}

async function generate(options: Record<string, string | number | boolean>) {
  const sent = imagine(stack, options);
  const edit = await delivery(stack, sent);
  const message = stack.discord.originalMessage(sent.token);
  if (!message) throw new Error('no original message');
  const generationId = /v1:\w+:([\w-]+)/.exec(buttonId(message, 'Same seed'))?.[1] ?? '';
  return { sent, edit, message, generationId, job: stack.fal.jobs.at(-1)! };
}

const embedText = (message: EmulatedMessage) => JSON.stringify(message.embeds);

describe('GIVEN fal reports seeds over its whole range', () => {
  test('WHEN fal reports 4230836727 (above 2^31) THEN Same seed, Edit prompt and a restart all work with it', async () => {
    nextDrawnSeed = 4_230_836_727;
    const first = await generate({ prompt: 'a lighthouse at dusk' });
    expect(first.job.input.seed).toBeUndefined();
    expect(embedText(first.message)).toContain('4230836727');
    expect(storedSeed(first.generationId)).toBe(4_230_836_727n);

    await stack.restartBot();
    await stack.discord.waitForConnection();

    const same = stack.discord.button(buttonId(first.message, 'Same seed'), first.message);
    const sameEdit = await delivery(stack, same);
    expect(stack.fal.jobs.at(-1)!.input.seed).toBe(4_230_836_727);
    expect(sameEdit.files[0]!.data.equals(first.edit.files[0]!.data)).toBe(true);

    const edit = stack.discord.button(buttonId(first.message, 'Edit prompt'), first.message);
    await edit.callback();
    const modal = stack.discord.lastModal(edit.token) as { custom_id: string };
    await delivery(
      stack,
      stack.discord.modalSubmit(
        modal.custom_id,
        { prompt: 'a lighthouse at dawn' },
        { message: first.message },
      ),
    );
    expect(stack.fal.jobs.at(-1)!.input).toMatchObject({
      prompt: 'a lighthouse at dawn',
      seed: 4_230_836_727,
    });
  });

  test('WHEN fal reports 2^32-1 THEN it is stored, shown and reused exactly', async () => {
    nextDrawnSeed = 2 ** 32 - 1;
    const first = await generate({ prompt: 'an edge of the range' });
    expect(embedText(first.message)).toContain(String(2 ** 32 - 1));
    const same = stack.discord.button(buttonId(first.message, 'Same seed'), first.message);
    await delivery(stack, same);
    expect(stack.fal.jobs.at(-1)!.input.seed).toBe(2 ** 32 - 1);
  });

  test('WHEN a member sends any seed 0…2^53-1 THEN fal gets exactly that seed and the row and embed hold it', async () => {
    const seeds = fc.sample(fc.maxSafeNat(), { numRuns: 6 });
    for (const seed of [0, 2 ** 31 - 1, 2 ** 31, MAX_SEED, ...seeds]) {
      const result = await generate({ prompt: `seed ${seed}`, seed });
      expect(result.job.input.seed).toBe(seed);
      expect(storedSeed(result.generationId)).toBe(BigInt(seed));
      expect(embedText(result.message)).toContain(`\`${seed}\``);
    }
  });

  test.each([
    ['above 2^53-1', 2 ** 64],
    ['not an integer', 1.5],
    ['negative', -7],
  ])(
    'WHEN fal reports a seed %s THEN the member is told, the row is failed and the bot still starts',
    async (_label, seed) => {
      nextDrawnSeed = seed;
      const sent = imagine(stack, { prompt: `unrepresentable ${seed}` });
      const answer = await ephemeralAnswer(stack, sent);
      expect(contentOf(answer)).toContain('error id');
      const errorId = /error id `([^`]+)`/.exec(contentOf(answer))?.[1] ?? '';
      const failed = await settled(stack, errorId);
      expect(failed.status).toBe('failed');
      expect(failed.seed).toBeNull();
      expect(failed.error).toContain('seed');

      await stack.restartBot();
      await stack.discord.waitForConnection();
      nextDrawnSeed = 12;
      await generate({ prompt: 'still working' });
    },
  );
});
