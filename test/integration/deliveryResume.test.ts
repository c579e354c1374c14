import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, test } from 'vitest';
import {
  DefaultAppPermissions,
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type RecordedRequest,
  type SentInteraction,
  startDiscordEmulator,
} from '../emulators/discord/index.ts';
import { type FalEmulator, startFalEmulator } from '../emulators/fal/index.ts';
import { BotProcess, emulatorEnv } from './botProcess.ts';

// Three 512 px PNGs (~430 KB each) under a 600 KB upload limit: one image per message, so a result is
// three parts: the embed and buttons with image 1, then images 2 and 3.
const UPLOAD_LIMIT = 600_000;
const PARTS = 3;
const CHANNEL = '200000000000000001';
const USER = '300000000000000001';

let discord: DiscordEmulator;
let fal: FalEmulator;
let dbPath: string;
const bots: BotProcess[] = [];
const locks: { release(): void }[] = [];

async function setUp(options: DiscordEmulatorOptions = {}) {
  discord = await startDiscordEmulator(options);
  fal = await startFalEmulator({ generationMs: 150, imageLongSide: 512 });
  dbPath = join(mkdtempSync(join(tmpdir(), 'kontext-delivery-')), 'bot.sqlite');
}

afterEach(async () => {
  for (const bot of bots.splice(0)) bot.kill('SIGKILL');
  for (const lock of locks.splice(0)) lock.release();
  await Promise.all([discord.close(), fal.close()]);
  rmSync(dirname(dbPath), { recursive: true, force: true });
});

async function startBot(): Promise<BotProcess> {
  const bot = new BotProcess(emulatorEnv({ discord, fal }, dbPath, { FAL_CONCURRENCY: '1' }));
  bots.push(bot);
  await bot.ready();
  return bot;
}

async function kill(bot: BotProcess): Promise<void> {
  bot.kill('SIGKILL');
  await bot.exited;
}

function imagine(): SentInteraction {
  return discord.slashCommand(
    'imagine',
    [
      { name: 'prompt', type: 3, value: 'three big lighthouses' },
      { name: 'count', type: 4, value: PARTS },
      { name: 'format', type: 3, value: 'png' },
    ],
    { user: { id: USER }, attachmentSizeLimit: UPLOAD_LIMIT, appPermissions: DefaultAppPermissions },
  );
}

/** The token is refused from the moment fal has the job, so the result has to leave the interaction. */
async function imagineWithExpiredToken(): Promise<SentInteraction> {
  fal.pause();
  const sent = imagine();
  await sent.callback();
  await fal.waitForJob(() => true);
  discord.expireToken(sent.token);
  fal.resume();
  return sent;
}

const imagesFetched = () => fal.requests.filter((r) => r.path.startsWith('/files/')).length >= PARTS;

/**
 * Takes the database's write lock when the first matching Discord request arrives after the images were
 * downloaded, before the emulator answers it: Discord accepts that message, and the bot, whose next write
 * is recording it, blocks in SQLite's busy wait. A SIGKILL then lands exactly in the window between
 * Discord accepting a part and the delivery log recording it. failNext's matcher runs before the
 * emulator answers, so it serves as the hook; it never matches, so nothing fails.
 */
function lockDatabaseAt(match: (method: string, route: string) => boolean): void {
  let armed = true;
  discord.failNext(
    (method, route) => {
      if (!armed || !imagesFetched() || !match(method, route)) return false;
      armed = false;
      const db = new DatabaseSync(dbPath);
      db.exec('PRAGMA busy_timeout = 5000; BEGIN IMMEDIATE');
      locks.push({
        release: () => {
          if (!db.isOpen) return;
          db.exec('ROLLBACK');
          db.close();
        },
      });
      return false;
    },
    { status: 500 },
  );
}

function query(sql: string): Record<string, unknown>[] {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

function generation(): { id: string; status: string; via: string | null } {
  const [row] = query('SELECT id, status, delivered_via FROM generations');
  return {
    id: String(row!.id),
    status: String(row!.status),
    via: row!.delivered_via === null ? null : String(row!.delivered_via),
  };
}

const recordedParts = () =>
  query('SELECT part, route, files_json FROM delivery_parts ORDER BY part').map((row) => ({
    part: Number(row.part),
    route: String(row.route),
    files: JSON.parse(String(row.files_json)) as string[],
  }));

const accepted = (r: RecordedRequest) => r.status === 200 && r.files.length > 0;
const uploadedNames = (requests: RecordedRequest[]) =>
  requests.filter(accepted).flatMap((r) => r.files.map((file) => file.filename));
const expectedNames = (id: string) => Array.from({ length: PARTS }, (_, n) => `kontext-${id}-${n + 1}.png`);

/** Every channel the bot posted in or read, with the messages Discord keeps there. */
function messagesEverywhere() {
  const channels = new Set([CHANNEL]);
  for (const r of discord.requests) {
    const id = /^\/channels\/(\d+)\/messages$/.exec(r.route)?.[1];
    if (id) channels.add(id);
  }
  return [...channels].flatMap((channel) => discord.channelMessages(channel));
}

/** Each image is on Discord exactly once, the embed once, and no upload was accepted twice. */
function expectEachPartOnce(id: string): void {
  const names = expectedNames(id);
  expect(uploadedNames(discord.requests).sort()).toEqual(names);
  const messages = messagesEverywhere();
  const attached = messages.flatMap((m) => m.attachments.map((a) => a.filename));
  expect(attached.filter((name) => name.includes(`kontext-${id}-`)).sort()).toEqual(names);
  const heads = messages.filter((m) => JSON.stringify(m.embeds).includes(id));
  expect(heads).toHaveLength(1);
  expect(
    recordedParts()
      .flatMap((part) => part.files)
      .sort(),
  ).toEqual(names);
  expect(discord.violations).toEqual([]);
}

const delivered = (bot: BotProcess) => bot.waitForLog((e) => e.msg === 'delivered');
const found = (bot: BotProcess) => bot.logs.find((e) => e.msg === 'found posted parts');

function measure(route: string, before: number, after: number): void {
  console.info(`[measure] ${route}: parts accepted before the kill ${before}, after the restart ${after}`);
}

describe('GIVEN a result split over several messages and the bot killed with SIGKILL mid-delivery', () => {
  test('WHEN the reply and the first follow-up were accepted but the follow-up not recorded THEN the restart sends only the last part, as a follow-up', async () => {
    await setUp();
    const first = await startBot();
    const sent = imagine();
    const followUps = `/webhooks/${discord.applicationId}/${sent.token}`;
    lockDatabaseAt((method, route) => method === 'POST' && route === followUps);
    await discord.waitForRequest((r) => r.route === followUps && accepted(r));
    await kill(first);
    const before = discord.requests.filter(accepted).length;
    const { id } = generation();
    expect(recordedParts()).toEqual([{ part: 0, route: 'edit', files: [`kontext-${id}-1.png`] }]);
    locks.pop()?.release();

    const second = await startBot();
    await delivered(second);
    const after = discord.requests.filter(accepted).length - before;
    expect([before, after]).toEqual([2, 1]);
    expect(found(second)).toMatchObject({ files: [`kontext-${id}-2.png`] });
    const lastUpload = discord.requests.filter(accepted).at(-1)!;
    expect([lastUpload.method, lastUpload.route]).toEqual(['POST', followUps]);
    expect(generation()).toEqual({ id, status: 'delivered', via: 'edit' });
    expect(recordedParts().map((part) => part.route)).toEqual(['edit', 'edit', 'edit']);
    expectEachPartOnce(id);
    measure('token (edit + follow-ups)', before, after);
  });

  test('WHEN the reply was accepted but not recorded THEN the restart finds it on Discord and sends only the follow-ups', async () => {
    await setUp();
    const first = await startBot();
    const sent = imagine();
    const original = `/webhooks/${discord.applicationId}/${sent.token}/messages/@original`;
    lockDatabaseAt((method, route) => method === 'PATCH' && route === original);
    await discord.waitForRequest((r) => r.route === original && accepted(r));
    await kill(first);
    const before = discord.requests.filter(accepted).length;
    expect(recordedParts()).toEqual([]);
    locks.pop()?.release();

    const second = await startBot();
    await delivered(second);
    const { id } = generation();
    const after = discord.requests.filter(accepted).length - before;
    expect([before, after]).toEqual([1, 2]);
    expect(found(second)).toMatchObject({ parts: 1, files: [`kontext-${id}-1.png`] });
    expect(generation()).toEqual({ id, status: 'delivered', via: 'edit' });
    expectEachPartOnce(id);
    measure('token, reply not recorded', before, after);
  });

  test('WHEN it was posting in the channel (token expired) and was stopped between parts THEN the rest follow in the channel', async () => {
    await setUp();
    const first = await startBot();
    const channelPosts = `/channels/${CHANNEL}/messages`;
    let posts = 0;
    // A long rate limit on the second part holds the bot between parts until it is killed.
    discord.failNext((method, route) => method === 'POST' && route === channelPosts && ++posts === 2, {
      status: 429,
      headers: { 'retry-after': '60' },
    });
    await imagineWithExpiredToken();
    await discord.waitForRequest((r) => r.route === channelPosts && r.status === 429);
    await kill(first);
    const before = discord.requests.filter(accepted).length;
    const { id } = generation();
    expect(recordedParts()).toEqual([{ part: 0, route: 'channel', files: [`kontext-${id}-1.png`] }]);

    const second = await startBot();
    await delivered(second);
    const after = discord.requests.filter(accepted).length - before;
    expect([before, after]).toEqual([1, 2]);
    const uploads = discord.requests.filter(accepted);
    expect(uploads.every((r) => r.route === channelPosts)).toBe(true);
    // Only the first message in the channel pings the member.
    expect(uploads.map((r) => (r.json as { content: string }).content.includes(`<@${USER}>`))).toEqual([
      true,
      false,
      false,
    ]);
    expect(generation()).toEqual({ id, status: 'delivered', via: 'channel' });
    expectEachPartOnce(id);
    measure('channel', before, after);
  });

  test('WHEN it was posting by DM (channel refused 50013) and the first DM was accepted but not recorded THEN the rest follow by DM, the first not again', async () => {
    await setUp();
    discord.failNext((method, route) => method === 'POST' && route === `/channels/${CHANNEL}/messages`, {
      status: 403,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    const first = await startBot();
    const isDmPost = (method: string, route: string) =>
      method === 'POST' &&
      /^\/channels\/\d+\/messages$/.test(route) &&
      route !== `/channels/${CHANNEL}/messages`;
    lockDatabaseAt(isDmPost);
    await imagineWithExpiredToken();
    await discord.waitForRequest((r) => isDmPost(r.method, r.route) && accepted(r));
    await kill(first);
    const before = discord.requests.filter(accepted).length;
    expect(recordedParts()).toEqual([]);
    locks.pop()?.release();
    const refusedBefore = discord.requests.filter(
      (r) => r.method === 'POST' && r.route === `/channels/${CHANNEL}/messages`,
    ).length;

    const second = await startBot();
    await delivered(second);
    const { id } = generation();
    const after = discord.requests.filter(accepted).length - before;
    expect([before, after]).toEqual([1, 2]);
    expect(found(second)).toMatchObject({ parts: 1, files: [`kontext-${id}-1.png`] });
    expect(discord.requests.filter(accepted).every((r) => isDmPost(r.method, r.route))).toBe(true);
    // The restart went straight back to the DM: the channel was not tried again.
    const channelPosts = discord.requests.filter(
      (r) => r.method === 'POST' && r.route === `/channels/${CHANNEL}/messages`,
    );
    expect([refusedBefore, channelPosts.length]).toEqual([1, 1]);
    expect(generation()).toEqual({ id, status: 'delivered', via: 'dm' });
    expect(recordedParts().map((part) => part.route)).toEqual(['dm', 'dm', 'dm']);
    expectEachPartOnce(id);
    measure('dm, first DM not recorded', before, after);
  });
});
