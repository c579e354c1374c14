// The shared queue on a real PostgreSQL: several boards on separate pools stand for several processes.
import { afterEach, expect, test } from 'vitest';
import { fairOrder } from '../../src/core/fairOrder.ts';
import type { ClaimedJob, ClaimRequest, JobBoard } from '../../src/jobs/jobBoard.ts';
import { createLogger } from '../../src/logger.ts';
import { openPgStores } from '../../src/storage/pg/openPgStores.ts';
import { PgJobBoard } from '../../src/storage/pg/pgJobBoard.ts';
import type { Store } from '../../src/storage/store.ts';
import { newGeneration } from '../storage/contract/storeContract.ts';
import { freshDatabase } from '../storage/testPostgres.ts';

const logger = createLogger({ level: 'silent', secrets: [] });
const LEASE = 15_000;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** One job at a time (max 1), as the first claims of a burst are. */
async function claimOne(
  board: JobBoard,
  request: Omit<ClaimRequest, 'max'>,
): Promise<ClaimedJob | undefined> {
  return (await board.claim({ ...request, max: 1 }))[0];
}

/** `processes` boards, each on its own pool, and a store to write generations with. */
async function setUp(processes: number): Promise<{ store: Store; boards: JobBoard[] }> {
  const db = await freshDatabase();
  cleanup.push(db.drop);
  const opened: Awaited<ReturnType<typeof openPgStores>>[] = [];
  for (let i = 0; i < processes; i++) opened.push(await openPgStores(db.url, { max: 4 }));
  const boards = opened.map((stores) => new PgJobBoard(stores.pool, db.url, logger));
  cleanup.push(async () => {
    for (const board of boards) await board.close();
    for (const stores of opened) await stores.store.close();
  });
  return { store: opened[0]!.store, boards };
}

test('claims from several processes at once never hold more than FAL_CONCURRENCY slots', async () => {
  const { store, boards } = await setUp(3);
  const base = Date.now();
  for (let i = 0; i < 20; i++)
    await store.createGeneration(
      newGeneration(`g${String(i).padStart(2, '0')}`, { userId: `u${i % 5}`, createdAt: base - 1000 + i }),
    );
  const claimAll = (workerId: string, board: JobBoard) =>
    Promise.all(
      Array.from({ length: 5 }, () =>
        claimOne(board, { workerId, concurrency: 4, leaseMs: LEASE, now: Date.now() }),
      ),
    );
  const results = (await Promise.all(boards.map((board, i) => claimAll(`w${i}`, board)))).flat();
  const claimed = results.filter((job) => job !== undefined);
  expect(claimed).toHaveLength(4);
  expect(claimed.every((job) => job.slot)).toBe(true);
  expect(await boards[0]!.inFlight(Date.now())).toBe(4);
  expect(await boards[1]!.depth()).toBe(16);

  const first = claimed[0]!;
  const owner = results.indexOf(first) < 5 ? 'w0' : results.indexOf(first) < 10 ? 'w1' : 'w2';
  // Only its owner can give the slot back.
  await boards[2]!.releaseSlot(first.row.ok ? first.row.generation.id : '', 'somebody-else');
  expect(
    await claimOne(boards[0]!, { workerId: 'w9', concurrency: 4, leaseMs: LEASE, now: Date.now() }),
  ).toBeUndefined();
  await boards[0]!.releaseSlot(first.row.ok ? first.row.generation.id : '', owner);
  const next = await claimOne(boards[1]!, {
    workerId: 'w9',
    concurrency: 4,
    leaseMs: LEASE,
    now: Date.now(),
  });
  expect(next?.slot).toBe(true);
});

test('a batch claim hands out the fair order at once, never past the free slots, and the next batch goes on from it', async () => {
  const { store, boards } = await setUp(2);
  const base = Date.now() - 10_000;
  const arrivals = ['a', 'a', 'a', 'b', 'a', 'c', 'b', 'c', 'd', 'a', 'b'];
  for (const [i, userId] of arrivals.entries())
    await store.createGeneration(newGeneration(`g${i}`, { userId, createdAt: base + i }));
  const { jobs, lastClaimedAt } = await boards[0]!.waiting();
  const shown = fairOrder(jobs, lastClaimedAt);
  const ids = (claimed: ClaimedJob[]) => claimed.map((job) => (job.row.ok ? job.row.generation.id : '?'));
  const [first, second] = await Promise.all(
    boards.map((board, i) =>
      board.claim({ workerId: `w${i}`, concurrency: 7, leaseMs: LEASE, now: Date.now(), max: 5 }),
    ),
  );
  const both = [...ids(first!), ...ids(second!)];
  // Five from one claim, two from the other (7 slots): together the first seven of the fair order.
  expect(both).toHaveLength(7);
  expect(both.slice().sort()).toEqual(shown.slice(0, 7).sort());
  const firstBatch = first!.length === 5 ? ids(first!) : ids(second!);
  expect(shown.slice(0, 5)).toEqual(firstBatch);
  expect(
    await boards[0]!.claim({ workerId: 'w0', concurrency: 7, leaseMs: LEASE, now: Date.now(), max: 5 }),
  ).toEqual([]);
  const after = await boards[1]!.claim({
    workerId: 'w1',
    concurrency: 100,
    leaseMs: LEASE,
    now: Date.now() + 100,
    max: 16,
  });
  expect(ids(after)).toEqual(shown.slice(7));
});

test('the claim order is round-robin by member across processes, the order positions are shown in', async () => {
  const { store, boards } = await setUp(2);
  const base = Date.now() - 10_000;
  const arrivals = ['a', 'a', 'a', 'b', 'a', 'c', 'b', 'c', 'd'];
  for (const [i, userId] of arrivals.entries())
    await store.createGeneration(newGeneration(`g${i}`, { userId, createdAt: base + i }));
  const { jobs, lastClaimedAt } = await boards[0]!.waiting();
  const shown = fairOrder(jobs, lastClaimedAt);
  expect(shown).toEqual(['g0', 'g3', 'g5', 'g8', 'g1', 'g6', 'g7', 'g2', 'g4']);
  const taken: string[] = [];
  for (let i = 0; i < arrivals.length; i++) {
    const job = await claimOne(boards[i % 2]!, {
      workerId: `w${i % 2}`,
      concurrency: 100,
      leaseMs: LEASE,
      now: Date.now() + i,
    });
    taken.push(job?.row.ok ? job.row.generation.id : 'none');
  }
  expect(taken).toEqual(shown);
  expect(await boards[0]!.waitingFor('a')).toBe(0);
});

test('a dead worker loses its job at fal to another once its lease runs out, and only then', async () => {
  const { store, boards } = await setUp(2);
  const now = Date.now();
  await store.createGeneration(newGeneration('g1', { createdAt: now - 100 }));
  const claimed = await claimOne(boards[0]!, { workerId: 'dead', concurrency: 1, leaseMs: LEASE, now });
  expect(claimed?.slot).toBe(true);
  await store.updateGeneration('g1', { status: 'submitted', falRequestId: 'req-1', submittedAt: now });

  const claim = (at: number) =>
    claimOne(boards[1]!, { workerId: 'alive', concurrency: 1, leaseMs: LEASE, now: at });
  expect(await claim(now + LEASE - 1)).toBeUndefined();
  const taken = await claim(now + LEASE + 1);
  expect(taken?.slot).toBe(true);
  expect(taken?.row.ok && taken.row.generation).toMatchObject({
    id: 'g1',
    falRequestId: 'req-1',
    status: 'submitted',
  });
  // The dead worker, were it only slow, learns at its next heartbeat that the job is gone.
  expect(await boards[0]!.renew('dead', ['g1'], now + 2 * LEASE)).toEqual([]);
  expect(await boards[1]!.renew('alive', ['g1'], now + 2 * LEASE)).toEqual(['g1']);
});

test('a resumed job at fal goes before new ones; a completed one and a cancelled one need no slot', async () => {
  const { store, boards } = await setUp(1);
  const board = boards[0]!;
  const now = Date.now();
  await store.createGeneration(newGeneration('new', { createdAt: now - 300 }));
  await store.createGeneration(newGeneration('atFal', { createdAt: now - 200 }));
  await store.updateGeneration('atFal', { status: 'submitted', falRequestId: 'r1' });
  const first = await claimOne(board, { workerId: 'w', concurrency: 1, leaseMs: LEASE, now });
  expect(first?.row.ok && first.row.generation.id).toBe('atFal');

  await store.createGeneration(newGeneration('done', { createdAt: now - 100 }));
  await store.updateGeneration('done', { status: 'completed', falRequestId: 'r2', imagesReturned: 1 });
  const completed = await claimOne(board, { workerId: 'w', concurrency: 1, leaseMs: LEASE, now });
  expect(completed).toMatchObject({ slot: false, cancelRequested: false });
  expect(completed?.row.ok && completed.row.generation.id).toBe('done');

  expect(await claimOne(board, { workerId: 'w', concurrency: 1, leaseMs: LEASE, now })).toBeUndefined();
  expect(await board.requestCancel('new', now)).toBe(true);
  const canceled = await claimOne(board, { workerId: 'w', concurrency: 1, leaseMs: LEASE, now });
  expect(canceled).toMatchObject({ slot: false, cancelRequested: true });
  await store.updateGeneration('new', { status: 'failed', error: 'cancelled' });
  expect(await board.requestCancel('new', now)).toBe(false);
});

test('notifications reach every process that listens, the sender included', async () => {
  const { boards } = await setUp(2);
  const heard: string[] = [];
  const both = Promise.all(
    boards.map(
      (board, i) =>
        new Promise<void>((resolve) => {
          void board.listen('settings', (payload) => {
            heard.push(`${i}:${payload}`);
            resolve();
          });
        }),
    ),
  );
  // listen() resolves once LISTEN ran; wait for both before sending.
  await Promise.all(boards.map((board) => board.listen('settings', () => {})));
  await boards[0]!.notify('settings', '123456789012345678');
  await both;
  expect(heard.sort()).toEqual(['0:123456789012345678', '1:123456789012345678']);
});

test('a shown position is recorded once per change', async () => {
  const { store, boards } = await setUp(2);
  await store.createGeneration(newGeneration('g1', { createdAt: Date.now() }));
  await store.createGeneration(newGeneration('g2', { createdAt: Date.now() }));
  expect(
    await boards[0]!.markShown(
      new Map([
        ['g1', 3],
        ['g2', 4],
      ]),
    ),
  ).toEqual(new Set(['g1', 'g2']));
  expect(
    await boards[1]!.markShown(
      new Map([
        ['g1', 3],
        ['g2', 5],
      ]),
    ),
  ).toEqual(new Set(['g2']));
  expect(await boards[1]!.markShown(new Map([['g1', 2]]))).toEqual(new Set(['g1']));
  expect(await boards[1]!.markShown(new Map())).toEqual(new Set());
  const shown = (await boards[0]!.waiting()).jobs.find((job) => job.id === 'g1');
  expect(shown).toMatchObject({ id: 'g1', shownPosition: 2, prompt: 'a fox' });
});
