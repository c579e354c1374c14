import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, expect, test } from 'vitest';
import { DEFAULT_HOST_MODERATION } from '../../src/config.ts';
import { UserError } from '../../src/core/userError.ts';
import { blocklistAdd, safetyPatch } from '../../src/moderation/settingsEdits.ts';
import { SettingsService } from '../../src/moderation/settingsService.ts';
import { openSqliteStores, type Stores } from '../../src/storage/openStore.ts';

const lines: string[] = [];
// pino writes to a plain { write } destination synchronously, so every line is here when a change returns.
const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
let stores: Stores;
afterEach(() => stores.store.close());

function service(): SettingsService {
  lines.length = 0;
  stores = openSqliteStores(`sqlite:${join(mkdtempSync(join(tmpdir(), 'kontext-settings-')), 'bot.sqlite')}`);
  return new SettingsService({ store: stores.settings, host: DEFAULT_HOST_MODERATION, logger });
}
const actor = { userId: '9', userName: 'mod' };

test('reads are served from an immutable cached snapshot until a change replaces it', async () => {
  const settings = service();
  const first = await settings.get('g1');
  expect(await settings.get('g1')).toBe(first);
  expect(Object.isFrozen(first)).toBe(true);
  await settings.change('g1', actor, () => safetyPatch(4, undefined, DEFAULT_HOST_MODERATION));
  expect((await settings.get('g1')).safetyLevel).toBe('4');
  expect(first.safetyLevel).toBe('2');
});

test('changes to one list sent at once are applied one after another: none is lost', async () => {
  const settings = service();
  const terms = Array.from({ length: 10 }, (_, i) => `term${i}`);
  await Promise.all(
    terms.map((term) => settings.change('g1', actor, (current) => blocklistAdd(current, term))),
  );
  expect([...(await settings.get('g1')).blocklist].sort()).toEqual(terms);
  expect(await stores.settings.recentChanges('g1', 100)).toHaveLength(10);
  expect(lines.filter((line) => line.includes('server setting changed'))).toHaveLength(10);
});

test('a refused change writes nothing and does not block the next one', async () => {
  const settings = service();
  const refused = settings.change('g1', actor, () => safetyPatch(9, undefined, DEFAULT_HOST_MODERATION));
  const next = settings.change('g1', actor, () => safetyPatch(3, undefined, DEFAULT_HOST_MODERATION));
  await expect(refused).rejects.toBeInstanceOf(UserError);
  expect(await next).toEqual([{ setting: 'safety_level', old: null, new: '3' }]);
  expect(await stores.settings.recentChanges('g1', 10)).toHaveLength(1);
});
