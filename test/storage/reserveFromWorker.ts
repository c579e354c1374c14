// Run in a worker thread by moderationStores.test.ts: its own connection to the same database file,
// reserving as fast as it can, like a second shard would.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStores } from '../../src/storage/openStore.ts';

const { path, worker, attempts } = workerData as { path: string; worker: number; attempts: number };
const { store, quotas } = openSqliteStores(`sqlite:${path}`);
let admitted = 0;
for (let i = 0; i < attempts; i++) {
  const decision = await quotas.reserve({
    generationId: `w${worker}-${i}`,
    scope: 'guild',
    userId: `user${i % 4}`,
    images: 1,
    unitPriceUsd: 0.04,
    now: Date.now(),
    limits: { cooldownSeconds: 0, dailyPerUser: 0, dailyServer: 10, dailyBudgetUsd: 0 },
  });
  if (decision.ok) admitted++;
}
await store.close();
parentPort?.postMessage(admitted);
