import type pg from 'pg';
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

/**
 * The shared queue on the generations table. Claims are made one at a time under one transaction-level
 * advisory lock, so the count of live slots read and the slot taken cannot race between processes;
 * a claim is a few index lookups, far shorter than any fal call, so one lock does not limit throughput.
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

  async claim(request: ClaimRequest): Promise<ClaimedJob | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_SPACE, CLAIM_LOCK]);
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

  private async pick(client: pg.PoolClient, r: ClaimRequest): Promise<ClaimedJob | undefined> {
    const now = r.now;
    // Cancelled before anyone held it, completed at fal, or damaged: needs no slot.
    const noSlot = await client.query<{ id: string }>(
      `SELECT id FROM generations WHERE ${UNFINISHED} AND ${UNOWNED}
        AND (cancel_requested_at IS NOT NULL OR status NOT IN ('accepted', 'submitted'))
        ORDER BY created_at, queue_seq LIMIT 1`,
      [now],
    );
    if (noSlot.rows[0]) return this.take(client, noSlot.rows[0].id, r, false);
    const used = await client.query<{ used: string }>(
      `SELECT count(*) AS used FROM generations WHERE holds_slot AND lease_until >= $1 AND ${UNFINISHED}`,
      [now],
    );
    if (Number(used.rows[0]?.used ?? 0) >= r.concurrency) return undefined;
    // A job at fal whose worker died: it was paid for, so it goes before anything new.
    const resumed = await client.query<{ id: string }>(
      `SELECT id FROM generations WHERE status = 'submitted' AND ${UNOWNED}
        ORDER BY created_at, queue_seq LIMIT 1`,
      [now],
    );
    if (resumed.rows[0]) return this.take(client, resumed.rows[0].id, r, true);
    // Round-robin by member: the member whose turn is oldest (fairOrder's turnKey), their oldest job.
    const next = await client.query<{ id: string; user_id: string }>(
      `WITH waiting AS (SELECT id, user_id, created_at, queue_seq FROM generations WHERE ${WAITING}),
        turn AS (
          SELECT w.user_id, GREATEST(COALESCE(MAX(t.last_claimed_at), 0), MIN(w.created_at)) AS key
          FROM waiting w LEFT JOIN member_turns t ON t.user_id = w.user_id
          GROUP BY w.user_id ORDER BY key, w.user_id LIMIT 1)
        SELECT w.id, w.user_id FROM waiting w JOIN turn USING (user_id) ORDER BY w.queue_seq LIMIT 1`,
      [now],
    );
    const job = next.rows[0];
    if (!job) return undefined;
    await client.query(
      `INSERT INTO member_turns (user_id, last_claimed_at) VALUES ($1, $2)
        ON CONFLICT (user_id) DO UPDATE SET last_claimed_at = EXCLUDED.last_claimed_at`,
      [job.user_id, now],
    );
    return this.take(client, job.id, r, true);
  }

  private async take(client: pg.PoolClient, id: string, r: ClaimRequest, slot: boolean): Promise<ClaimedJob> {
    const result = await client.query<Record<string, unknown>>(
      `UPDATE generations SET lease_owner = $2, lease_until = $3, holds_slot = $4,
        claimed_at = COALESCE(claimed_at, $5) WHERE id = $1 RETURNING *`,
      [id, r.workerId, r.now + r.leaseMs, slot, r.now],
    );
    const row = result.rows[0]!;
    return { row: readUnfinishedRow(row), slot, cancelRequested: row.cancel_requested_at !== null };
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
        shown_position FROM generations WHERE ${WAITING}`,
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

  async markShown(id: string, position: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE generations SET shown_position = $2
        WHERE id = $1 AND status = 'accepted' AND shown_position IS DISTINCT FROM $2`,
      [id, position],
    );
    return (result.rowCount ?? 0) > 0;
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
