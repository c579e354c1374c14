// A database that already holds many delivered generations, to check that the bot's memory does not grow
// with history. The schema comes from the bot's own migrations (openStore); rows go in one transaction.
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { openStore } from '../src/storage/openStore.ts';

export async function prefillDatabase(path: string, rows: number): Promise<void> {
  await openStore(`sqlite:${path}`).close();
  const db = new DatabaseSync(path);
  const insert = db.prepare(`INSERT INTO generations (
    id, parent_id, action, guild_id, channel_id, user_id, user_name, application_id, interaction_id,
    interaction_token, options_json, safety, status, fal_request_id, seed, nsfw_flags_json, message_id,
    created_at, submitted_at, completed_at, delivered_at
  ) VALUES (?, NULL, 'imagine', '100000000000000001', '200000000000000001', ?, 'member',
    '400000000000000001', ?, ?, ?, '2', 'delivered', ?, ?, '[false]', ?, ?, ?, ?, ?)`);
  const start = Date.now() - rows * 1000;
  db.exec('BEGIN');
  for (let i = 0; i < rows; i++) {
    const at = start + i * 1000;
    const options = {
      prompt: `a stored generation number ${i}, a red fox in the snow at golden hour, highly detailed`,
      aspectRatio: '1:1',
      count: 1 + (i % 4),
      guidance: 3.5,
      format: 'jpeg',
      enhancePrompt: false,
    };
    insert.run(
      `prefill${i.toString(36).padStart(6, '0')}`,
      `3000000000000${String(i % 5000).padStart(5, '0')}`,
      String(1_000_000_000_000_000n + BigInt(i)),
      `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      JSON.stringify(options),
      randomBytes(16).toString('hex'),
      i * 7919,
      String(2_000_000_000_000_000n + BigInt(i)),
      at,
      at + 50,
      at + 2050,
      at + 2200,
    );
  }
  db.exec('COMMIT');
  db.close();
}
