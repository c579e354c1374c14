import { afterEach, describe, expect, test } from 'vitest';
import type { SentInteraction } from '../emulators/discord/index.ts';
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

let stack: Stack;
afterEach(async () => {
  expectNoViolations(stack);
  await stack.close();
});

const member = (n: number) => ({ id: `3000000000000001${String(n).padStart(2, '0')}` });
const MANAGE_MESSAGES = 1n << 13n;
const BASIC = (1n << 10n) | (1n << 11n) | (1n << 31n);

function findCustomId(components: unknown, label: string): string | undefined {
  const rows = (components ?? []) as { components: { label?: string; custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components).find((b) => b.label === label)?.custom_id;
}

function customIdOf(components: unknown, label: string): string {
  const id = findCustomId(components, label);
  if (!id) throw new Error(`no ${label} button`);
  return id;
}

// The same behaviour from the in-process queue (SQLite) and the queue every process shares (PostgreSQL).
describe.each(['sqlite', 'postgres'] as const)('on %s', (database) => {
  describe('GIVEN FAL_CONCURRENCY=4', () => {
    test('WHEN 10 members send 30 /imagine at once THEN fal never has more than 4 in flight, members take turns and all are delivered', async () => {
      stack = await startStack({ database, config: { falConcurrency: 4 }, fal: { generationMs: 40 } });
      // Four jobs hold every slot until all thirty are stored, so the order they reach fal in is the
      // queue's choice alone, not the order their requests happened to be stored in.
      stack.fal.pause();
      const blockers = [0, 1, 2, 3].map((n) =>
        imagine(stack, { prompt: `blocker ${n}` }, { user: { id: `30000000000000099${n}` } }),
      );
      for (const n of [0, 1, 2, 3]) await stack.fal.waitForJob((job) => job.input.prompt === `blocker ${n}`);
      const sent: { interaction: SentInteraction; user: string }[] = [];
      for (let round = 0; round < 3; round++) {
        for (let n = 0; n < 10; n++) {
          const user = member(n);
          const interaction = imagine(stack, { prompt: `job ${round} of member ${n}` }, { user });
          sent.push({ interaction, user: user.id });
          // Each member's own jobs are stored in the order sent (concurrent ones have no order).
          await stack.logs.waitFor(
            (e) => e.msg === 'generation accepted' && e.interactionId === interaction.id,
          );
        }
      }
      // The last one waits behind all the others: it is shown its place before anything moves on.
      const last = sent.at(-1)!.interaction;
      await stack.discord.waitForRequest(
        (r) => r.route.includes(last.token) && contentOf(r).includes('position 30 in line'),
      );
      stack.fal.resume();
      await Promise.all(blockers.map((interaction) => delivery(stack, interaction)));
      await Promise.all(sent.map(({ interaction }) => delivery(stack, interaction)));
      expect(stack.fal.maxInFlight).toBeLessThanOrEqual(4);
      expect(stack.fal.jobs).toHaveLength(34);
      // Round-robin: every member's first job reaches fal before any member's second, and so on.
      const order = stack.fal.jobs.map((job) => job.input.prompt).filter((p) => p.startsWith('job'));
      expect(order.slice(0, 10).every((p) => p.startsWith('job 0'))).toBe(true);
      expect(order.slice(10, 20).every((p) => p.startsWith('job 1'))).toBe(true);
      const lastFirst = Math.max(...order.map((p, i) => (p.startsWith('job 0') ? i : -1)));
      const firstThird = Math.min(...order.map((p, i) => (p.startsWith('job 2') ? i : 99)));
      expect(lastFirst).toBeLessThan(firstThird);
      // Waiting members were shown their place in line.
      const shown = stack.discord.requests.filter((r) => contentOf(r).includes('in line'));
      expect(shown.length).toBeGreaterThan(0);
      for (const request of shown) {
        const position = Number(/position (\d+) in line/.exec(contentOf(request))?.[1]);
        expect(position).toBeGreaterThanOrEqual(1);
        expect(position).toBeLessThanOrEqual(30);
      }
    });

    test('WHEN one member has 3 waiting THEN a 4th is refused with a clear message and fal hears nothing of it', async () => {
      stack = await startStack({ database, config: { falConcurrency: 1, queuePerMember: 3 } });
      stack.fal.pause();
      const user = member(1);
      imagine(stack, { prompt: 'running' }, { user });
      await stack.fal.waitForJob((job) => job.input.prompt === 'running');
      const waiting: SentInteraction[] = [];
      for (const n of [1, 2, 3]) {
        const sent = imagine(stack, { prompt: `waiting ${n}` }, { user });
        waiting.push(sent);
        await stack.logs.waitFor((e) => e.msg === 'generation accepted' && e.interactionId === sent.id);
      }
      const refused = imagine(stack, { prompt: 'one too many' }, { user });
      expect(contentOf(await ephemeralAnswer(stack, refused))).toContain('3 generations waiting');
      stack.fal.resume();
      await Promise.all(waiting.map((sent) => delivery(stack, sent)));
      expect(stack.fal.jobs.map((job) => job.input.prompt)).toEqual([
        'running',
        'waiting 1',
        'waiting 2',
        'waiting 3',
      ]);
    });
  });

  describe('GIVEN a generation that is waiting or running', () => {
    test('WHEN the requester presses Cancel while it waits THEN it never reaches fal and the reply says so', async () => {
      stack = await startStack({ database, config: { falConcurrency: 1 } });
      stack.fal.pause();
      const first = imagine(stack, { prompt: 'occupies the slot' }, { user: member(1) });
      await stack.fal.waitForJob(() => true);
      const waiting = imagine(stack, { prompt: 'changed my mind' }, { user: member(2) });
      const progress = await stack.discord.waitForRequest(
        (r) => r.route.includes(waiting.token) && contentOf(r).includes('in line'),
      );
      const message = stack.discord.originalMessage(waiting.token)!;
      const generationId = customIdOf((progress.json as { components: unknown }).components, 'Cancel').split(
        ':',
      )[2]!;
      stack.discord.button(customIdOf(message.components, 'Cancel'), message, { user: member(2) });
      const ended = await settled(stack, generationId);
      expect(ended.status).toBe('failed');
      expect(ended.error).toContain('cancel');
      await stack.discord.waitForRequest(
        (r) => r.route.includes(waiting.token) && contentOf(r).includes('cancelled'),
      );
      stack.fal.resume();
      await delivery(stack, first);
      expect(stack.fal.jobs.map((job) => job.input.prompt)).toEqual(['occupies the slot']);
    });

    test('WHEN a moderator cancels a running one THEN fal is asked to cancel it; a stranger is refused', async () => {
      stack = await startStack({ database, progressIntervalMs: 50 });
      stack.fal.pause();
      const sent = imagine(stack, { prompt: 'a long render' }, { user: member(1) });
      const job = await stack.fal.waitForJob(() => true);
      const progress = await stack.discord.waitForRequest(
        (r) =>
          r.route.includes(sent.token) &&
          findCustomId((r.json as { components?: unknown }).components, 'Cancel') !== undefined,
      );
      const cancelId = customIdOf((progress.json as { components: unknown }).components, 'Cancel');
      const message = stack.discord.originalMessage(sent.token)!;
      const stranger = stack.discord.button(cancelId, message, { user: member(5), memberPermissions: BASIC });
      expect(contentOf(await ephemeralAnswer(stack, stranger))).toContain('Only the member who asked');
      stack.discord.button(cancelId, message, {
        user: member(9),
        memberPermissions: BASIC | MANAGE_MESSAGES,
      });
      const ended = await settled(stack, cancelId.split(':')[2]!);
      expect(ended.status).toBe('failed');
      expect(
        stack.fal.requests.some((r) => r.method === 'PUT' && r.path.endsWith(`${job.requestId}/cancel`)),
      ).toBe(true);
      stack.fal.resume();
    });
  });
});
