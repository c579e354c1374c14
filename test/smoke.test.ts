import { DatabaseSync } from 'node:sqlite';
import { expect, test } from 'vitest';

test('node:sqlite is available on the runtime', () => {
  const db = new DatabaseSync(':memory:');
  expect(db.prepare('select 1 + 1 as v').get()).toEqual({ v: 2 });
});
