import type pg from 'pg';
import { fairOrder } from '../../core/fairOrder.ts';
import type { ClaimedJob, ClaimRequest, JobBoard, JobSignal, WaitingEntry } from '../../jobs/jobBoard.ts';
import type { Logger } from '../../logger.ts';
import { readUnfinishedRow } from '../generationRow.ts';
import { PgNotifications } from './pgNotifications.ts';

// Two-key advisory locks (a key space of their own, apart from the one-key locks of quotas).
const LOCK_SPACE = 0x6b6f6e74;
const CLAIM_LOCK = 1;

const CHANNELS: Record<JobSignal, string> = {
  jobs: 'kontext_jobs',
  cancel: 'kontext_cancel',
  settings: 'kontext_settings',
};

const UNFINISHED = "status NOT IN ('delivered', 'failed')";
const UNOWNED = '(lease_owner IS NULL OR lease_until < $1)';
const WAITING = `status = 'accepted' AND ${UNOWNED} AND cancel_requested_at IS NULL`;
/** Members take turns among this many oldest waiting jobs (a longer line is served oldest first beyond it). */
const FAIR_WINDOW = 1000;

/**
 * The shared queue on the generations table. Claims are made under one transaction-level advisory
 * lock, so the count of live slots read and the slots taken cannot race between processes; each claim
 * takes a batch (up to `max`) in a fixed number of statements, so the lock is held for a few round
 * trips whether one job or fifty are handed out (one at a time, a 200-job burst was claimed at ~40/s).
 * Leases are wall-clock times: processes on several machines need their clocks in step (NTP) to well
 * under the lease.
 */
export class PgJobBoard implements JobBoard {
  private readonly notifications: PgNotifications;
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool, url: string, logger: Logger) {
    this.pool = pool;
    this.notifications = new PgNotifications(url, logger);
  }

  async claim(request: ClaimRequest): Promise<ClaimedJob[]> {
    const client = await this.pool.connect();
    try {
      // One round trip for both (a simple query without parameters may hold several statements).
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${LOCK_SPACE}, ${CLAIM_LOCK})`);
      const claimed = await this.pick(client, request);
      await client.query('COMMIT');
      return claimed;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * The lock is held for four round trips whatever the batch: what needs no slot, the slots in use and
   * the paid jobs to resume in one read; the waiting line with its members' turns in another; the
   * turns and the leases written in one statement.
   */
  private async pick(client: pg.PoolClient, r: ClaimRequest): Promise<ClaimedJob[]> {
    const now = r.now;
    const first = await client.query<{ no_slot: string[]; used: bigint; resumed: string[] }>(
      `SELECT
        -- Cancelled before anyone held it, completed at fal, or damaged: needs no slot.
        ARRAY(SELECT id FROM generations WHERE ${UNFINISHED} AND ${UNOWNED}
          AND (cancel_requested_at IS NOT NULL OR status NOT IN ('accepted', 'submitted'))
          ORDER BY created_at, queue_seq LIMIT $2) AS no_slot,
        (SELECT count(*) FROM generations WHERE holds_slot AND lease_until >= $1 AND ${UNFINISHED}) AS used,
        -- At fal, its worker gone: paid for, so before anything new.
        ARRAY(SELECT id FROM generations WHERE status = 'submitted' AND ${UNOWNED}
          AND cancel_requested_at IS NULL ORDER BY created_at, queue_seq LIMIT $2) AS resumed`,
      [now, r.max],
    );
    const { no_slot: noSlot, used, resumed } = first.rows[0]!;
    let free = Math.min(r.concurrency - Number(used), r.max - noSlot.length);
    const slotted = resumed.slice(0, Math.max(0, free));
    free -= slotted.length;
    const served = new Map<string, number>();
    if (free > 0) {
      const line = await client.query<{
        id: string;
        user_id: string;
        created_at: bigint;
        queue_seq: bigint;
        last_claimed_at: bigint | null;
        top: bigint;
      }>(
        `SELECT w.id, w.user_id, w.created_at, w.queue_seq, t.last_claimed_at,
          (SELECT COALESCE(MAX(last_claimed_at), 0) FROM member_turns) AS top
        FROM (SELECT id, user_id, created_at, queue_seq FROM generations WHERE ${WAITING}
          ORDER BY queue_seq LIMIT ${FAIR_WINDOW}) w
        LEFT JOIN member_turns t ON t.user_id = w.user_id`,
        [now],
      );
      const jobs = line.rows.map((row) => ({
        id: row.id,
        userId: row.user_id,
        createdAt: Number(row.created_at),
        seq: Number(row.queue_seq),
      }));
      const lastClaimedAt = new Map<string, number>();
      for (const row of line.rows)
        if (row.last_claimed_at !== null) lastClaimedAt.set(row.user_id, Number(row.last_claimed_at));
      const picked = fairOrder(jobs, lastClaimedAt).slice(0, free);
      // Each member's turn is when their last job was handed out, one millisecond per job and never
      // before an earlier claim's (the clocks of two claims a moment apart can read the same), so the
      // turns after this batch keep the round-robin order.
      const base = Math.max(now, Number(line.rows[0]?.top ?? 0) + 1);
      const userOf = new Map(jobs.map((job) => [job.id, job.userId]));
      for (const [index, id] of picked.entries()) served.set(userOf.get(id)!, base + index);
      slotted.push(...picked);
    }
    const ids = [...noSlot, ...slotted];
    if (ids.length === 0) return [];
    const result = await client.query<Record<string, unknown>>(
      `WITH turns AS (
        INSERT INTO member_turns (user_id, last_claimed_at) SELECT * FROM unnest($6::text[], $7::bigint[])
        ON CONFLICT (user_id) DO UPDATE SET last_claimed_at = EXCLUDED.last_claimed_at)
      UPDATE generations SET lease_owner = $2, lease_until = $3, holds_slot = (id = ANY($4)),
        claimed_at = COALESCE(claimed_at, $5) WHERE id = ANY($1) RETURNING *`,
      [ids, r.workerId, now + r.leaseMs, slotted, now, [...served.keys()], [...served.values()]],
    );
    const byId = new Map(result.rows.map((row) => [String(row.id), row]));
    const slots = new Set(slotted);
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row
        ? [
            {
              row: readUnfinishedRow(row),
              slot: slots.has(id),
              cancelRequested: row.cancel_requested_at !== null,
            },
          ]
        : [];
    });
  }

  async renew(workerId: string, ids: readonly string[], until: number): Promise<string[]> {
    if (ids.length === 0) return [];
    const result = await this.pool.query<{ id: string }>(
      `UPDATE generations SET lease_until = $3 WHERE id = ANY($2) AND lease_owner = $1 AND ${UNFINISHED}
        RETURNING id`,
      [workerId, ids, until],
    );
    return result.rows.map((row) => row.id);
  }

  async releaseSlot(id: string, workerId: string): Promise<void> {
    await this.pool.query(
      'UPDATE generations SET holds_slot = FALSE WHERE id = $1 AND lease_owner = $2 AND holds_slot',
      [id, workerId],
    );
    await this.notify('jobs', '');
  }

  async release(id: string, workerId: string): Promise<void> {
    await this.pool.query(
      `UPDATE generations SET lease_owner = NULL, lease_until = NULL, holds_slot = FALSE
        WHERE id = $1 AND lease_owner = $2`,
      [id, workerId],
    );
    await this.notify('jobs', '');
  }

  async waiting(): Promise<{ jobs: WaitingEntry[]; lastClaimedAt: Map<string, number> }> {
    const rows = await this.pool.query<Record<string, unknown>>(
      `SELECT id, user_id, created_at, queue_seq, application_id, interaction_token, options_json,
        shown_position, locale FROM generations WHERE ${WAITING}`,
      [Date.now()],
    );
    const jobs = rows.rows.map(
      (row): WaitingEntry => ({
        id: String(row.id),
        userId: String(row.user_id),
        createdAt: Number(row.created_at),
        seq: Number(row.queue_seq),
        applicationId: String(row.application_id),
        interactionToken: String(row.interaction_token),
        prompt: promptOf(row.options_json),
        locale: typeof row.locale === 'string' ? row.locale : null,
        shownPosition: row.shown_position === null ? null : Number(row.shown_position),
      }),
    );
    const members = [...new Set(jobs.map((job) => job.userId))];
    const turns = await this.pool.query<{ user_id: string; last_claimed_at: string }>(
      'SELECT user_id, last_claimed_at FROM member_turns WHERE user_id = ANY($1)',
      [members],
    );
    return {
      jobs,
      lastClaimedAt: new Map(turns.rows.map((row) => [row.user_id, Number(row.last_claimed_at)])),
    };
  }

  async markShown(positions: ReadonlyMap<string, number>): Promise<Set<string>> {
    if (positions.size === 0) return new Set();
    const result = await this.pool.query<{ id: string }>(
      `UPDATE generations g SET shown_position = v.position
        FROM unnest($1::text[], $2::int[]) AS v(id, position)
        WHERE g.id = v.id AND g.status = 'accepted' AND g.shown_position IS DISTINCT FROM v.position
        RETURNING g.id`,
      [[...positions.keys()], [...positions.values()]],
    );
    return new Set(result.rows.map((row) => row.id));
  }

  async waitingFor(userId: string): Promise<number> {
    const result = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM generations WHERE user_id = $2 AND ${WAITING}`,
      [Date.now(), userId],
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  async inFlight(now: number): Promise<number> {
    const result = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM generations WHERE holds_slot AND lease_until >= $1 AND ${UNFINISHED}`,
      [now],
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  async depth(): Promise<number> {
    const result = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM generations WHERE ${WAITING}`,
      [Date.now()],
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  async requestCancel(id: string, at: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE generations SET cancel_requested_at = COALESCE(cancel_requested_at, $2)
        WHERE id = $1 AND ${UNFINISHED}`,
      [id, at],
    );
    if ((result.rowCount ?? 0) === 0) return false;
    await this.notify('cancel', id);
    await this.notify('jobs', '');
    return true;
  }

  async notify(signal: JobSignal, payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNELS[signal], payload]);
  }

  listen(signal: JobSignal, onSignal: (payload: string) => void): Promise<void> {
    return this.notifications.listen(CHANNELS[signal], onSignal);
  }

  /** The notification connection is open (a worker hears of new jobs at once, not only by polling). */
  get listening(): boolean {
    return this.notifications.open;
  }

  onReconnected(handler: () => void): void {
    this.notifications.onReconnected(handler);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.notifications.close();
  }
}

function promptOf(optionsJson: unknown): string {
  try {
    const options = JSON.parse(String(optionsJson)) as { prompt?: unknown };
    return typeof options.prompt === 'string' ? options.prompt : '';
  } catch {
    return '';
  }
}
