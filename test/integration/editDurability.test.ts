// An /edit survives kill -9: the real bot as a child process, killed while fal runs the edit and again
// after fal finished it but before the result reached Discord. The member gets one answer, fal is asked
// (and paid) once, and the source is uploaded once: the restarted bot reuses the stored upload URL.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import jpeg from 'jpeg-js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  type DiscordEmulator,
  type SentInteraction,
  startDiscordEmulator,
} from '../emulators/discord/index.ts';
import { type FalEmulator, startFalEmulator } from '../emulators/fal/index.ts';
import { BotProcess, emulatorEnv } from './botProcess.ts';

let discord: DiscordEmulator;
let fal: FalEmulator;
let dbPath: string;
const bots: BotProcess[] = [];

beforeEach(async () => {
  discord = await startDiscordEmulator();
  fal = await startFalEmulator({ generationMs: 150 });
  dbPath = join(mkdtempSync(join(tmpdir(), 'kontext-edit-durable-')), 'bot.sqlite');
});
afterEach(async () => {
  for (const bot of bots.splice(0)) bot.kill('SIGKILL');
  await Promise.all([discord.close(), fal.close()]);
  rmSync(dirname(dbPath), { recursive: true, force: true });
});

async function startBot(): Promise<BotProcess> {
  const bot = new BotProcess(
    emulatorEnv({ discord, fal: { key: fal.key, url: fal.url, restUrl: fal.restUrl } }, dbPath, {
      FAL_CONCURRENCY: '1',
    }),
  );
  bots.push(bot);
  await bot.ready();
  return bot;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function photo(r: number, g: number, b: number, width = 64, height = 48): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([r, g, b, 255], i * 4);
  return Buffer.from(jpeg.encode({ data, width, height }, 90).data);
}

interface Row {
  status: string;
  model: string;
  options: { imageUrls?: string[]; prompt?: string };
}

/** The generations rows, read from the database file as a host would (read-only). */
function rows(): Row[] {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    return db
      .prepare('SELECT status, model, options_json FROM generations')
      .all()
      .map((row) => ({
        status: String(row.status),
        model: String(row.model),
        options: JSON.parse(String(row.options_json)) as Row['options'],
      }));
  } finally {
    db.close();
  }
}

function edit(bytes: Buffer, prompt: string): SentInteraction {
  const att = discord.ephemeralAttachment({ filename: 'garden.jpg', contentType: 'image/jpeg', data: bytes });
  return discord.slashCommand(
    'edit',
    [
      { name: 'image', type: 11, value: att.id },
      { name: 'prompt', type: 3, value: prompt },
    ],
    { user: { id: '300000000000000001' } },
  );
}

function deliveriesTo(token: string) {
  const route = `/webhooks/${discord.applicationId}/${token}/messages/@original`;
  return discord.requests.filter((r) => r.method === 'PATCH' && r.route === route && r.files.length > 0);
}

const editSubmits = () =>
  fal.requests.filter((r) => r.method === 'POST' && r.path === '/fal-ai/flux-pro/kontext');

function expectOnceEverywhere(sent: SentInteraction, bytes: Buffer, prompt: string) {
  expect(deliveriesTo(sent.token)).toHaveLength(1);
  expect(editSubmits()).toHaveLength(1);
  expect(fal.jobs).toHaveLength(1);
  expect(fal.uploads).toHaveLength(1);
  expect(fal.uploads[0]!.sha256).toBe(sha256(bytes));
  const [row] = rows();
  expect(rows()).toHaveLength(1);
  expect(row).toMatchObject({ status: 'delivered', model: 'fal-ai/flux-pro/kontext', options: { prompt } });
  const job = fal.jobs[0]!;
  expect(job.endpoint).toBe('fal-ai/flux-pro/kontext');
  expect(job.input.image_url).toBe(row!.options.imageUrls![0]);
  expect(job.input.image_url).toBe(fal.uploads[0]!.fileUrl);
  expect(job.inputImages?.map((i) => i.sha256)).toEqual([sha256(bytes)]);
  expect(discord.violations).toEqual([]);
}

describe('GIVEN an /edit of an attached photo', () => {
  test('WHEN the bot is killed with SIGKILL while fal runs the edit THEN after a restart it is delivered once, submitted once and uploaded once', async () => {
    const bytes = photo(30, 160, 60);
    const first = await startBot();
    const sent = edit(bytes, 'add a fountain');
    await fal.waitForJob((job) => job.status === 'IN_PROGRESS');
    fal.pause(); // the edit stays IN_PROGRESS at fal while the bot dies
    await first.waitForLog((e) => e.msg === 'submitted to fal');
    first.kill('SIGKILL');
    await first.exited;
    expect(rows().map((r) => r.status)).toEqual(['submitted']);
    expect(deliveriesTo(sent.token)).toHaveLength(0);

    const second = await startBot();
    await second.waitForLog((e) => e.msg === 'resuming generation');
    fal.resume();
    await second.waitForLog((e) => e.msg === 'delivered');
    expectOnceEverywhere(sent, bytes, 'add a fountain');
  });

  test('WHEN the bot is killed after fal finished the edit but before the result was posted THEN the restarted bot delivers it once without a second submit', async () => {
    const bytes = photo(160, 60, 200);
    const first = await startBot();
    const hold = fal.holdImages(); // the bot's download of the result waits here
    const sent = edit(bytes, 'add a statue');
    await hold.waitForHeld(1);
    const [done] = fal.jobs;
    expect(done).toMatchObject({ status: 'COMPLETED', endpoint: 'fal-ai/flux-pro/kontext' });
    first.kill('SIGKILL');
    await first.exited;
    hold.release(); // serves the dead process's socket, and stops holding
    expect(deliveriesTo(sent.token)).toHaveLength(0);
    expect(rows().map((r) => r.status)).not.toContain('delivered');

    const second = await startBot();
    await second.waitForLog((e) => e.msg === 'delivered');
    expectOnceEverywhere(sent, bytes, 'add a statue');
  });
});
