import type pg from 'pg';
import { dayStart, daysAgoStart, decideQuota } from '../../moderation/quota.ts';
import type { QuotaStore } from '../moderationStore.ts';
import { inTransaction, LOCK_SPACE } from './pgPool.ts';

type Row = Record<string, unknown>;
type Queryable = pg.Pool | pg.PoolClient;

// Released reservations (failed generations) count for nothing, not even the cooldown.
const COUNTING = "status <> 'released'";

/**
 * Several bot processes share a PostgreSQL database, so one starting must not release another live
 * process's reservation whose generation row is not written yet (it is written right after reserve):
 * only reservations older than this, and still without a usable generation, are orphans.
 */
export const ORPHAN_GRACE_MS = 10 * 60 * 1000;

async function userSince(db: Queryable, scope: string, userId: string, since: number): Promise<number> {
  const { rows } = await db.query<Row>(
    `SELECT COALESCE(SUM(images), 0) AS images FROM quota_reservations
    WHERE scope = $1 AND user_id = $2 AND created_at >= $3 AND ${COUNTING}`,
    [scope, userId, since],
  );
  return Number(rows[0]?.images ?? 0);
}

async function userLast(db: Queryable, scope: string, userId: string): Promise<number | null> {
  const { rows } = await db.query<Row>(
    `SELECT MAX(created_at) AS last FROM quota_reservations WHERE scope = $1 AND user_id = $2 AND ${COUNTING}`,
    [scope, userId],
  );
  const last = rows[0]?.last;
  return last === null || last === undefined ? null : Number(last);
}

async function serverSince(
  db: Queryable,
  scope: string,
  since: number,
): Promise<{ images: number; spend: number }> {
  const { rows } = await db.query<Row>(
    `SELECT COALESCE(SUM(images), 0) AS images, COALESCE(SUM(images * unit_price_usd), 0) AS spend
    FROM quota_reservations WHERE scope = $1 AND created_at >= $2 AND ${COUNTING}`,
    [scope, since],
  );
  return { images: Number(rows[0]?.images ?? 0), spend: Number(rows[0]?.spend ?? 0) };
}

/** What a reservation decides on, read in one statement: the lock is held for as few round trips as can be. */
async function standing(
  db: Queryable,
  scope: string,
  userId: string,
  since: number,
): Promise<{
  userImagesToday: number;
  lastUserStartAt: number | null;
  serverImagesToday: number;
  serverSpendTodayUsd: number;
}> {
  const { rows } = await db.query<Row>(
    `SELECT
      (SELECT COALESCE(SUM(images), 0) FROM quota_reservations
        WHERE scope = $1 AND user_id = $2 AND created_at >= $3 AND ${COUNTING}) AS user_images,
      (SELECT MAX(created_at) FROM quota_reservations
        WHERE scope = $1 AND user_id = $2 AND ${COUNTING}) AS user_last,
      s.images AS server_images, s.spend AS server_spend
    FROM (SELECT COALESCE(SUM(images), 0) AS images, COALESCE(SUM(images * unit_price_usd), 0) AS spend
      FROM quota_reservations WHERE scope = $1 AND created_at >= $3 AND ${COUNTING}) s`,
    [scope, userId, since],
  );
  const row = rows[0] ?? {};
  return {
    userImagesToday: Number(row.user_images ?? 0),
    lastUserStartAt: row.user_last === null || row.user_last === undefined ? null : Number(row.user_last),
    serverImagesToday: Number(row.server_images ?? 0),
    serverSpendTodayUsd: Number(row.server_spend ?? 0),
  };
}

export function pgQuotaStore(pool: pg.Pool): QuotaStore {
  // This process's reservations of one server queue here before they take a connection: waiting on
  // the server's advisory lock inside the database would hold a pooled connection each, and a burst
  // in one server would starve every other query of the process.
  const queues = new Map<string, Promise<unknown>>();
  const inTurn = <T>(scope: string, fn: () => Promise<T>): Promise<T> => {
    const run = (queues.get(scope) ?? Promise.resolve()).then(fn, fn);
    const settled = run.catch(() => undefined);
    queues.set(scope, settled);
    void settled.then(() => {
      if (queues.get(scope) === settled) queues.delete(scope);
    });
    return run;
  };
  return {
    async reserve(r) {
      return inTurn(r.scope, () =>
        inTransaction(pool, async (client) => {
          // Read-decide-insert under a transaction-scoped advisory lock per scope: every reservation of a
          // guild (per-user limits included, as they are per guild too) queues here, from any connection or
          // process, so two cannot both read the count below the limit and both insert. Under READ COMMITTED
          // each query after the lock is granted sees the rows the previous holder committed. COMMIT or
          // ROLLBACK releases it; guilds do not wait for each other.
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE.quota, r.scope]);
          const decision = decideQuota(r.limits, await standing(client, r.scope, r.userId, dayStart(r.now)), {
            images: r.images,
            unitPriceUsd: r.unitPriceUsd,
            now: r.now,
          });
          if (decision.ok) {
            await client.query(
              `INSERT INTO quota_reservations
            (generation_id, scope, user_id, requested, images, unit_price_usd, status, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'reserved', $7)`,
              [r.generationId, r.scope, r.userId, r.images, r.images, r.unitPriceUsd, r.now],
            );
          }
          return decision;
        }),
      );
    },
    async settle(generationId, images, at) {
      await pool.query(
        `UPDATE quota_reservations SET images = $1, status = $2, settled_at = $3
        WHERE generation_id = $4 AND status = 'reserved'`,
        [images, images > 0 ? 'counted' : 'released', at, generationId],
      );
    },
    async releaseOrphans(at) {
      // As on SQLite: a generation that failed before fal finished was never billed; one that failed
      // after it was counted by its settle. Unlike SQLite (one bot per file), only reservations older
      // than ORPHAN_GRACE_MS: a younger one may be another live process's, its generation row not
      // written yet.
      const result = await pool.query(
        `UPDATE quota_reservations SET images = 0, status = 'released', settled_at = $1
        WHERE status = 'reserved' AND created_at < $2 AND NOT EXISTS (SELECT 1 FROM generations g
          WHERE g.id = quota_reservations.generation_id AND NOT (g.status = 'failed' AND g.completed_at IS NULL))`,
        [at, at - ORPHAN_GRACE_MS],
      );
      return result.rowCount ?? 0;
    },
    async usage(q) {
      const today = dayStart(q.now);
      const month = daysAgoStart(q.now, 30);
      const [userToday, userLastStartAt, serverToday, server30, top] = await Promise.all([
        userSince(pool, q.scope, q.userId, today),
        userLast(pool, q.scope, q.userId),
        serverSince(pool, q.scope, today),
        serverSince(pool, q.scope, month),
        pool.query<Row>(
          `SELECT user_id, SUM(images) AS images FROM quota_reservations
          WHERE scope = $1 AND created_at >= $2 AND ${COUNTING}
          GROUP BY user_id HAVING SUM(images) > 0 ORDER BY SUM(images) DESC, user_id LIMIT $3`,
          [q.scope, month, q.topMembers],
        ),
      ]);
      return {
        userImagesToday: userToday,
        userLastStartAt,
        serverImagesToday: serverToday.images,
        serverSpendTodayUsd: serverToday.spend,
        serverImages30Days: server30.images,
        serverSpend30DaysUsd: server30.spend,
        topMembers30Days: top.rows.map((row) => ({
          userId: String(row.user_id),
          images: Number(row.images),
        })),
      };
    },
  };
}
