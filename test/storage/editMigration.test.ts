// A database from before image editing: its rows read back as text-to-image generations, and the old
// "edit" action (the Edit prompt modal) becomes "reprompt", so "edit" can mean an image edit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, expect, test } from 'vitest';
import { loadMigrations, migrate } from '../../src/storage/migrate.ts';
import { openSqliteStores } from '../../src/storage/openStore.ts';

const dir = mkdtempSync(join(tmpdir(), 'kontext-edit-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('GIVEN rows written before migration 0006 WHEN the bot opens the file THEN they read back unchanged, edit → reprompt', async () => {
  const path = join(dir, 'old.sqlite');
  const old = new DatabaseSync(path);
  migrate(
    old,
    loadMigrations().filter((m) => m.version <= 5),
  );
  const options = JSON.stringify({
    prompt: 'a castle',
    aspectRatio: '3:2',
    count: 2,
    guidance: 4,
    format: 'png',
    enhancePrompt: false,
  });
  const insert =
    old.prepare(`INSERT INTO generations (id, parent_id, action, guild_id, channel_id, user_id, user_name,
    application_id, interaction_id, interaction_token, options_json, safety, status, seed, created_at)
    VALUES (?, ?, ?, '1', '2', '3', 'member', '4', '5', 'tok', ?, '2', 'delivered', 4230836727, 1)`);
  insert.run('first', null, 'imagine', options);
  insert.run('second', 'first', 'edit', options);
  old.close();

  const { store } = openSqliteStores(`sqlite:${path}`);
  try {
    const first = await store.getGeneration('first');
    const second = await store.getGeneration('second');
    expect(first).toMatchObject({
      action: 'imagine',
      model: 'fal-ai/flux-pro/kontext/text-to-image',
      source: null,
      chainStep: null,
      outputUrls: null,
      seed: 4230836727,
      options: { prompt: 'a castle', aspectRatio: '3:2', count: 2 },
    });
    expect(second).toMatchObject({ action: 'reprompt', parentId: 'first' });
  } finally {
    await store.close();
  }
});

test('GIVEN edit rows the bot cannot act on WHEN it lists unfinished work THEN each is reported with its column, and the good one resumes', async () => {
  const path = join(dir, 'damaged.sqlite');
  const { store } = openSqliteStores(`sqlite:${path}`);
  const base = {
    parentId: null,
    action: 'edit' as const,
    guildId: '1',
    channelId: '2',
    userId: '3',
    userName: 'member',
    applicationId: '4',
    interactionId: '5',
    interactionToken: 'tok',
    model: 'fal-ai/flux-pro/kontext',
    options: {
      prompt: 'add a scarf',
      count: 1,
      guidance: 3.5,
      format: 'jpeg' as const,
      enhancePrompt: false,
      imageUrls: ['https://v3.fal.media/a.jpeg'],
    },
    safety: '2' as const,
    attachmentSizeLimit: null,
    source: { guildId: '1', channelId: '2', messageId: '6', generationId: null, imageIndex: null },
    chainStep: 1,
  };
  for (const [n, id] of ['good', 'model', 'sources', 'link'].entries()) {
    await store.createGeneration({ ...base, id, createdAt: 1000 + n });
  }
  await store.close();
  const db = new DatabaseSync(path);
  db.exec(`UPDATE generations SET model = 'fal-ai/flux-pro/kontext/ultra' WHERE id = 'model'`);
  // An edit whose stored sources were lost would be sent to fal without an image: refused on read.
  db.exec(
    `UPDATE generations SET options_json = json_remove(options_json, '$.imageUrls') WHERE id = 'sources'`,
  );
  db.exec(`UPDATE generations SET source_json = '{"channelId": 7}' WHERE id = 'link'`);
  db.close();
  const reopened = openSqliteStores(`sqlite:${path}`).store;
  try {
    const rows = await reopened.listUnfinishedRows();
    expect(
      rows.map((row) => (row.ok ? [row.generation.id, 'ok'] : [row.id, row.reason.split(':')[0]])),
    ).toEqual([
      ['good', 'ok'],
      ['model', 'model'],
      ['sources', 'options_json'],
      ['link', 'source_json'],
    ]);
  } finally {
    await reopened.close();
  }
});
