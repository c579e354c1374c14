import fc from 'fast-check';
import { expect, test } from 'vitest';
import { fairOrder, type WaitingJob } from '../../src/core/fairOrder.ts';
import { FairQueue } from '../../src/core/fairQueue.ts';

let seq = 0;
const job = (id: string, userId: string, createdAt: number): WaitingJob => ({
  id,
  userId,
  createdAt,
  seq: seq++,
});

test('members take turns in the order they joined the line, each oldest first', () => {
  const waiting = [
    job('a1', 'a', 1),
    job('a2', 'a', 2),
    job('a3', 'a', 3),
    job('b1', 'b', 4),
    job('c1', 'c', 5),
  ];
  expect(fairOrder(waiting, new Map())).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
  // a was just given a slot (at 10): a's next turn comes after b's and c's.
  expect(fairOrder(waiting, new Map([['a', 10]]))).toEqual(['b1', 'c1', 'a1', 'a2', 'a3']);
});

test('with nobody served yet, the shared order is the in-process FairQueue order (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 40 }), (members) => {
      const waiting = members.map((userId, index) => job(`j${index}`, userId, 1000 + index));
      const queue = new FairQueue<WaitingJob>();
      for (const item of waiting) queue.enqueue(item);
      const expected = [...queue.positions().entries()].sort((x, y) => x[1] - y[1]).map(([id]) => id);
      expect(fairOrder(waiting, new Map())).toEqual(expected);
    }),
  );
});

test('claiming the head of the order again and again hands out exactly that order (fast-check)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 50 })), {
        maxLength: 30,
      }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 60 })),
      (arrivals, served) => {
        const waiting = arrivals.map(([userId, at], index) => job(`j${index}`, userId, at));
        const lastClaimed = new Map(Object.entries(served));
        const planned = fairOrder(waiting, lastClaimed);
        // What the database does: take the head, record that member's turn as now, look again.
        const left = [...waiting];
        const taken: string[] = [];
        for (let now = 1000; left.length > 0; now++) {
          const head = fairOrder(left, lastClaimed)[0]!;
          const index = left.findIndex((item) => item.id === head);
          lastClaimed.set(left[index]!.userId, now);
          left.splice(index, 1);
          taken.push(head);
        }
        expect(taken).toEqual(planned);
      },
    ),
  );
});
