import type { DatabaseSync } from 'node:sqlite';
import { dayStart, daysAgoStart, decideQuota } from '../moderation/quota.ts';
import type { QuotaStore } from './moderationStore.ts';
import { immediateTransaction } from './sqliteTransaction.ts';

// Released reservations (failed generations) count for nothing, not even the cooldown.
const COUNTING = "status != 'released'";

export function sqliteQuotaStore(db: DatabaseSync): QuotaStore {
  const userSince = db.prepare(`SELECT COALESCE(SUM(images), 0) AS images, MAX(created_at) AS last
    FROM quota_reservations WHERE scope = ? AND user_id = ? AND created_at >= ? AND ${COUNTING}`);
  const userLast = db.prepare(`SELECT MAX(created_at) AS last
    FROM quota_reservations WHERE scope = ? AND user_id = ? AND ${COUNTING}`);
  const serverSince = db.prepare(`SELECT COALESCE(SUM(images), 0) AS images,
      COALESCE(SUM(images * unit_price_usd), 0) AS spend
    FROM quota_reservations WHERE scope = ? AND created_at >= ? AND ${COUNTING}`);
  const top = db.prepare(`SELECT user_id, SUM(images) AS images FROM quota_reservations
    WHERE scope = ? AND created_at >= ? AND ${COUNTING}
    GROUP BY user_id HAVING SUM(images) > 0 ORDER BY SUM(images) DESC, user_id LIMIT ?`);
  const insert = db.prepare(`INSERT INTO quota_reservations
    (generation_id, scope, user_id, requested, images, unit_price_usd, status, created_at)
    VALUES (?, ?, ?, ?, ?, ?, 'reserved', ?)`);
  const settle = db.prepare(`UPDATE quota_reservations SET images = ?, status = ?, settled_at = ?
    WHERE generation_id = ? AND status = 'reserved'`);

  // A generation that failed before fal finished was never billed; one that failed after it was counted
  // by its settle, which only a kill in between could skip (then it stays counted as requested).
  // One primary-key lookup per open reservation: NOT IN (SELECT …) built a list of every stored generation.
  const orphans = db.prepare(`UPDATE quota_reservations SET images = 0, status = 'released', settled_at = ?
    WHERE status = 'reserved' AND NOT EXISTS (SELECT 1 FROM generations g
      WHERE g.id = quota_reservations.generation_id AND NOT (g.status = 'failed' AND g.completed_at IS NULL))`);

  const lastOf = (row: Record<string, unknown> | undefined): number | null =>
    row?.last === null || row?.last === undefined ? null : Number(row.last);

  return {
    async reserve(r) {
      return immediateTransaction(db, () => {
        const today = dayStart(r.now);
        const server = serverSince.get(r.scope, today);
        const decision = decideQuota(
          r.limits,
          {
            userImagesToday: Number(userSince.get(r.scope, r.userId, today)?.images ?? 0),
            serverImagesToday: Number(server?.images ?? 0),
            serverSpendTodayUsd: Number(server?.spend ?? 0),
            lastUserStartAt: lastOf(userLast.get(r.scope, r.userId)),
          },
          { images: r.images, unitPriceUsd: r.unitPriceUsd, now: r.now },
        );
        if (decision.ok) {
          insert.run(r.generationId, r.scope, r.userId, r.images, r.images, r.unitPriceUsd, r.now);
        }
        return decision;
      });
    },
    async settle(generationId, images, at) {
      settle.run(images, images > 0 ? 'counted' : 'released', at, generationId);
    },
    async releaseOrphans(at) {
      return Number(orphans.run(at).changes);
    },
    async usage(q) {
      const today = dayStart(q.now);
      const month = daysAgoStart(q.now, 30);
      const serverToday = serverSince.get(q.scope, today);
      const server30 = serverSince.get(q.scope, month);
      return {
        userImagesToday: Number(userSince.get(q.scope, q.userId, today)?.images ?? 0),
        userLastStartAt: lastOf(userLast.get(q.scope, q.userId)),
        serverImagesToday: Number(serverToday?.images ?? 0),
        serverSpendTodayUsd: Number(serverToday?.spend ?? 0),
        serverImages30Days: Number(server30?.images ?? 0),
        serverSpend30DaysUsd: Number(server30?.spend ?? 0),
        topMembers30Days: top
          .all(q.scope, month, q.topMembers)
          .map((row) => ({ userId: String(row.user_id), images: Number(row.images) })),
      };
    },
  };
}
