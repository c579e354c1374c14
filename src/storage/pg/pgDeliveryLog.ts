import type pg from 'pg';
import { type DeliveryLog, partFromRow, partValues } from '../deliveryLog.ts';

/** The delivery log on PostgreSQL (table delivery_parts); the same checks on read as SQLite (partFromRow). */
export function pgDeliveryLog(pool: pg.Pool): DeliveryLog {
  return {
    async recordPart(p) {
      await pool.query(
        `INSERT INTO delivery_parts
        (generation_id, part, route, message_id, channel_id, files_json, last_part, posted_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        partValues(p),
      );
    },
    async partsOf(generationId) {
      const { rows } = await pool.query(
        'SELECT * FROM delivery_parts WHERE generation_id = $1 ORDER BY part',
        [generationId],
      );
      return rows.map(partFromRow);
    },
  };
}
