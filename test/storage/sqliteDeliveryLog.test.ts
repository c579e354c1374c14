import { expect, test } from 'vitest';
import { sqliteDeliveryLog } from '../../src/storage/sqliteDeliveryLog.ts';
import { openSqliteDatabase, openSqliteStore } from '../../src/storage/sqliteStore.ts';
import { completedGeneration } from '../fixtures/generation.ts';

test('GIVEN parts recorded out of order THEN partsOf returns them by part, as written, and a part is recorded once', async () => {
  const db = openSqliteDatabase(':memory:');
  const store = openSqliteStore(db);
  const g = completedGeneration();
  await store.createGeneration({ ...g, attachmentSizeLimit: null });
  const log = sqliteDeliveryLog(db);
  const base = { generationId: g.id, channelId: '2', postedAt: 5 };
  await log.recordPart({
    ...base,
    part: 1,
    route: 'channel',
    messageId: 'b',
    files: ['x-2.png'],
    last: true,
  });
  await log.recordPart({
    ...base,
    part: 0,
    route: 'edit',
    messageId: 'a',
    files: [],
    last: false,
    channelId: null,
  });
  expect(await log.partsOf(g.id)).toEqual([
    { ...base, part: 0, route: 'edit', messageId: 'a', files: [], last: false, channelId: null },
    { ...base, part: 1, route: 'channel', messageId: 'b', files: ['x-2.png'], last: true },
  ]);
  expect(await log.partsOf('other')).toEqual([]);
  await expect(
    log.recordPart({ ...base, part: 1, route: 'dm', messageId: 'c', files: [], last: false }),
  ).rejects.toThrow(/UNIQUE|PRIMARY/);
  db.close();
});
