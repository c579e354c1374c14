import type { DatabaseSync } from 'node:sqlite';
import { type DeliveryLog, partFromRow, partValues } from './deliveryLog.ts';

/** The delivery log in the bot's SQLite database (table delivery_parts, migration 0004). */
export function sqliteDeliveryLog(db: DatabaseSync): DeliveryLog {
  const insert = db.prepare(`INSERT INTO delivery_parts
    (generation_id, part, route, message_id, channel_id, files_json, last_part, posted_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const select = db.prepare('SELECT * FROM delivery_parts WHERE generation_id = ? ORDER BY part');
  return {
    async recordPart(p) {
      insert.run(...partValues(p));
    },
    async partsOf(generationId) {
      return select.all(generationId).map(partFromRow);
    },
  };
}
