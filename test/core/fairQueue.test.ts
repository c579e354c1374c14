import { describe, expect, test } from 'vitest';
import { packAttachments } from '../../src/core/attachmentPacking.ts';
import { FairQueue } from '../../src/core/fairQueue.ts';

const job = (id: string, userId: string) => ({ id, userId });

describe('FairQueue', () => {
  test('members take turns: one member’s burst does not starve the others', () => {
    const queue = new FairQueue();
    for (const id of ['a1', 'a2', 'a3', 'a4']) queue.enqueue(job(id, 'alice'));
    queue.enqueue(job('b1', 'bob'));
    queue.enqueue(job('c1', 'carol'));
    queue.enqueue(job('b2', 'bob'));
    expect([...queue.positions()].sort((x, y) => x[1] - y[1]).map(([id]) => id)).toEqual([
      'a1',
      'b1',
      'c1',
      'a2',
      'b2',
      'a3',
      'a4',
    ]);
    const order: string[] = [];
    for (let item = queue.dequeue(); item; item = queue.dequeue()) order.push(item.id);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
    expect(queue.size).toBe(0);
  });

  test('remove takes a job out and the others move up', () => {
    const queue = new FairQueue();
    queue.enqueue(job('a1', 'alice'));
    queue.enqueue(job('b1', 'bob'));
    queue.enqueue(job('b2', 'bob'));
    expect(queue.remove('a1')?.id).toBe('a1');
    expect(queue.remove('zz')).toBeUndefined();
    expect(queue.positions()).toEqual(
      new Map([
        ['b1', 1],
        ['b2', 2],
      ]),
    );
    expect(queue.countFor('bob')).toBe(2);
    expect(queue.countFor('alice')).toBe(0);
    expect(queue.has('b2')).toBe(true);
  });
});

describe('packAttachments', () => {
  test('keeps files together while they fit, splits when they would pass the limit', () => {
    expect(packAttachments([3, 3, 3], 10)).toEqual([[0, 1, 2]]);
    expect(packAttachments([6, 6, 6, 2], 10)).toEqual([[0], [1], [2, 3]]);
    expect(packAttachments([12, 1], 10)).toEqual([[0], [1]]);
    expect(packAttachments([], 10)).toEqual([]);
  });
});
