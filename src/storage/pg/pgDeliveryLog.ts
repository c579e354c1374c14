import type pg from 'pg';
import type { DeliveryRoute } from '../../core/generation.ts';
import type { DeliveredPart, DeliveryLog } from '../deliveryLog.ts';

const ROUTES: readonly DeliveryRoute[] = ['edit', 'channel', 'dm'];

function partFromRow(row: Record<string, unknown>): DeliveredPart {
  const route = String(row.route);
  if (!(ROUTES as readonly string[]).includes(route))
    throw new Error(`delivery_parts.route: unknown ${route}`);
  const files: unknown = JSON.parse(String(row.files_json));
  if (!Array.isArray(files) || !files.every((name) => typeof name === 'string'))
    throw new Error('delivery_parts.files_json: expected a list of names');
  return {
    generationId: String(row.generation_id),
    part: Number(row.part),
    route: route as DeliveryRoute,
    messageId: String(row.message_id),
    channelId: row.channel_id === null ? null : String(row.channel_id),
    files,
    last: Number(row.last_part) === 1,
    postedAt: Number(row.posted_at),
  };
}

/** The delivery log on PostgreSQL (table delivery_parts); the same checks on read as sqliteDeliveryLog.ts. */
export function pgDeliveryLog(pool: pg.Pool): DeliveryLog {
  return {
    async recordPart(p) {
      await pool.query(
        `INSERT INTO delivery_parts
        (generation_id, part, route, message_id, channel_id, files_json, last_part, posted_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          p.generationId,
          p.part,
          p.route,
          p.messageId,
          p.channelId,
          JSON.stringify(p.files),
          p.last ? 1 : 0,
          p.postedAt,
        ],
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
