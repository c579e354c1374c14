import type pg from 'pg';
import {
  dayStart,
  daysAgoStart,
  decideQuota,
  type QuotaDecision,
  quotaContention,
} from '../../moderation/quota.ts';
import type { QuotaStore } from '../moderationStore.ts';
import { LOCK_SPACE } from './pgPool.ts';

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

/** Reservations of one server this process may have waiting on its lock at once (see reserve). */
const PER_SCOPE_IN_FLIGHT = 3;

export function pgQuotaStore(pool: pg.Pool): QuotaStore {
  const gates = new Map<string, Gate>();
  const gate = (scope: string): Gate => {
    let found = gates.get(scope);
    if (!found) {
      found = new Gate(PER_SCOPE_IN_FLIGHT, () => gates.delete(scope));
      gates.set(scope, found);
    }
    return found;
  };
  return {
    // Read-decide-insert under a transaction-scoped advisory lock on what the limits compare
    // (quotaContention: the server when a server-wide limit applies, else the member in it): every
    // reservation that could decide on the same counts queues on it, from any connection or
    // process, so two cannot both read the count below the limit and both insert. Under READ COMMITTED
    // each query after the lock is granted sees the rows the previous holder committed; COMMIT or
    // ROLLBACK releases it, and guilds do not wait for each other. The lock is held for two round trips
    // (the read; the insert sent with its COMMIT): every reservation of a burst in one server passes
    // through it one after another, and each waits for its acknowledgement to Discord behind them.
    // At most PER_SCOPE_IN_FLIGHT of a process's reservations wait in the database at once, so a burst
    // in one server cannot hold every pooled connection.
    async reserve(r) {
      const contention = quotaContention(r.limits);
      // The lock covers what the limits compare: the server, one member of it, or nothing at all.
      const key = contention === 'server' ? r.scope : `${r.scope}:${r.userId}`;
      return gate(key).run(async () => {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          // With no limit there is nothing to read: the reservation is only recorded (for /usage).
          await client.query(
            contention === 'none'
              ? 'BEGIN'
              : `BEGIN; SELECT pg_advisory_xact_lock(${LOCK_SPACE.quota}, hashtext(${client.escapeLiteral(key)}))`,
          );
          const decision: QuotaDecision =
            contention === 'none'
              ? { ok: true }
              : decideQuota(r.limits, await standing(client, r.scope, r.userId, dayStart(r.now)), {
                  images: r.images,
                  unitPriceUsd: r.unitPriceUsd,
                  now: r.now,
                });
          if (!decision.ok) {
            await client.query('COMMIT');
            return decision;
          }
          const literal = (value: string) => client.escapeLiteral(value);
          const number = (value: number) => {
            if (!Number.isFinite(value)) throw new Error(`quota reservation: ${value} is not a number`);
            return String(value);
          };
          await client.query(
            `INSERT INTO quota_reservations
              (generation_id, scope, user_id, requested, images, unit_price_usd, status, created_at)
            VALUES (${literal(r.generationId)}, ${literal(r.scope)}, ${literal(r.userId)}, ${number(r.images)},
              ${number(r.images)}, ${number(r.unitPriceUsd)}, 'reserved', ${number(r.now)}); COMMIT`,
          );
          return decision;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            broken = rollbackError;
          });
          throw error;
        } finally {
          client.release(broken);
        }
      });
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

/** At most `limit` runs at once, the rest in arrival order; `idle` when none runs or waits. */
class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly limit: number;
  private readonly idle: () => void;

  constructor(limit: number, idle: () => void) {
    this.limit = limit;
    this.idle = idle;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      const next = this.waiting.shift();
      if (next) next();
      else if (this.running === 0) this.idle();
    }
  }
}
