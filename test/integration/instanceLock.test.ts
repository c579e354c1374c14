import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from '../emulators/discord/index.ts';
import { type FalEmulator, startFalEmulator } from '../emulators/fal/index.ts';
import { BotProcess, emulatorEnv } from './botProcess.ts';

let discord: DiscordEmulator;
let fal: FalEmulator;
let dbPath: string;
const bots: BotProcess[] = [];

beforeEach(async () => {
  discord = await startDiscordEmulator();
  fal = await startFalEmulator();
  dbPath = join(mkdtempSync(join(tmpdir(), 'kontext-lock-')), 'bot.sqlite');
});
afterEach(async () => {
  for (const bot of bots.splice(0)) bot.kill('SIGKILL');
  await Promise.all([discord.close(), fal.close()]);
  rmSync(dirname(dbPath), { recursive: true, force: true });
});

function launch(): BotProcess {
  const bot = new BotProcess(emulatorEnv({ discord, fal }, dbPath));
  bots.push(bot);
  return bot;
}

test('GIVEN a bot running on a SQLite file WHEN a second starts on it THEN the second stops with one readable line; after a kill -9 a new one starts', async () => {
  const first = launch();
  await first.ready();

  const second = launch();
  const { code } = await second.exited;
  expect(code).toBe(1);
  const lines = second.stderr.join('').trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^kontext-bot: could not start: another kontext-bot is already running on /);
  expect(lines[0]).not.toContain('{');
  // It stopped before touching Discord: only the first bot logged in.
  expect(discord.requests.filter((r) => r.route === '/gateway/bot')).toHaveLength(1);

  first.kill('SIGKILL');
  await first.exited;
  const third = launch();
  await third.ready();
});
