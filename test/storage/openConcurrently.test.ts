import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { durably, openSqliteDatabase, openSqliteStore } from '../../src/storage/sqliteStore.ts';

const SQLITE_STORE = fileURLToPath(new URL('../../src/storage/sqliteStore.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kontext-open-'));
  dirs.push(dir);
  return join(dir, 'bot.sqlite');
}

/** A separate process that opens (and so migrates) the file, as a second bot or an admin tool would. */
function openInChild(path: string): Promise<{ code: number | null; stderr: string }> {
  const script = `import { openSqliteDatabase } from ${JSON.stringify(SQLITE_STORE)};
openSqliteDatabase(${JSON.stringify(path)}).close();`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

test('GIVEN a fresh file WHEN two processes open it at once THEN both migrate it without "database is locked", each migration applied once', async () => {
  for (let round = 0; round < 12; round++) {
    const path = tempPath();
    const results = await Promise.all([openInChild(path), openInChild(path)]);
    for (const result of results) expect(result).toEqual({ code: 0, stderr: '' });
    const db = new DatabaseSync(path, { readOnly: true });
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    db.close();
    expect(versions.map((row) => Number(row.version))).toEqual(
      [...new Set(versions.map((row) => Number(row.version)))].sort((a, b) => a - b),
    );
    expect(versions.length).toBeGreaterThanOrEqual(3);
  }
}, 60_000);

test('GIVEN the write that records the fal request id THEN it commits with synchronous=FULL, the others with NORMAL', async () => {
  const db = openSqliteDatabase(tempPath());
  const synchronous = () => Number(db.prepare('PRAGMA synchronous').get()?.synchronous);
  expect(synchronous()).toBe(1);
  expect(durably(db, synchronous)).toBe(2);
  expect(synchronous()).toBe(1);
  expect(() =>
    durably(db, () => {
      throw new Error('write failed');
    }),
  ).toThrow('write failed');
  expect(synchronous()).toBe(1);

  // Observed through the store: the update that carries falRequestId runs inside durably().
  const seen: number[] = [];
  const store = openSqliteStore(db);
  db.function('observe_sync', () => {
    seen.push(synchronous());
    return 0;
  });
  db.exec(`CREATE TRIGGER sync_seen AFTER UPDATE ON generations BEGIN SELECT observe_sync(); END`);
  await store.createGeneration({
    id: 'gen1',
    parentId: null,
    action: 'imagine',
    model: 'fal-ai/flux-pro/kontext/text-to-image',
    guildId: null,
    channelId: 'c',
    userId: 'u',
    userName: 'n',
    applicationId: 'a',
    interactionId: 'i',
    interactionToken: 't',
    options: {
      prompt: 'p',
      aspectRatio: '1:1',
      count: 1,
      guidance: 3.5,
      format: 'jpeg',
      enhancePrompt: false,
    },
    safety: '2',
    createdAt: 1,
    attachmentSizeLimit: null,
  });
  await store.updateGeneration('gen1', { status: 'submitted', falRequestId: 'req', submittedAt: 2 });
  await store.updateGeneration('gen1', { status: 'completed', seed: 2 ** 32 - 1, completedAt: 3 });
  expect(seen).toEqual([2, 1]);
  await store.close();
});
