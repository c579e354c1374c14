// Run in a worker thread by pgStore.test.ts: its own pool on the same PostgreSQL database, reserving
// as fast as it can, like another bot process would.
import { parentPort, workerData } from 'node:worker_threads';
import { openPgStores } from '../../src/storage/pg/openPgStores.ts';

const { url, worker, attempts, dailyServer } = workerData as {
  url: string;
  worker: number;
  attempts: number;
  dailyServer: number;
};
const { store, quotas } = await openPgStores(url, { max: 5 });
const decisions = await Promise.all(
  Array.from({ length: attempts }, (_, i) =>
    quotas.reserve({
      generationId: `w${worker}-${i}`,
      scope: 'guild',
      userId: `user${i % 4}`,
      images: 1,
      unitPriceUsd: 0.04,
      now: Date.now(),
      limits: { cooldownSeconds: 0, dailyPerUser: 0, dailyServer, dailyBudgetUsd: 0 },
    }),
  ),
);
await store.close();
parentPort?.postMessage(decisions.filter((d) => d.ok).length);
