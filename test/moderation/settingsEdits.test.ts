import { describe, expect, test } from 'vitest';
import { DEFAULT_HOST_MODERATION } from '../../src/config.ts';
import { UserError } from '../../src/core/userError.ts';
import { defaultSettings, resolveSettings } from '../../src/moderation/guildSettings.ts';
import {
  blocklistAdd,
  blocklistRemove,
  limitsPatch,
  listEdit,
  safetyPatch,
} from '../../src/moderation/settingsEdits.ts';
import { describeChange, settingsEmbed } from '../../src/moderation/settingsText.ts';

const host = DEFAULT_HOST_MODERATION;

describe('GIVEN /settings values', () => {
  test('safety: levels within the host maximum; nsfw_level 0 means "same as level"', () => {
    expect(safetyPatch(5, undefined, host)).toEqual({ safetyLevel: '5' });
    expect(safetyPatch(3, 6, host)).toEqual({ safetyLevel: '3', nsfwLevel: '6' });
    expect(safetyPatch(3, 0, host)).toEqual({ safetyLevel: '3', nsfwLevel: null });
    expect(() => safetyPatch(5, undefined, { ...host, maxSafety: '4' })).toThrow(UserError);
    expect(() => safetyPatch(7, undefined, host)).toThrow('from 1 to 6');
  });

  test('limits: each range is checked again; budget kept in cents', () => {
    expect(limitsPatch({ cooldown: 30, max_count: 2, budget: 1.234 })).toEqual({
      cooldownSeconds: 30,
      maxCount: 2,
      dailyBudgetUsd: 1.23,
    });
    expect(() => limitsPatch({ max_count: 5 })).toThrow('max_count');
    expect(() => limitsPatch({ daily_per_user: 1.5 })).toThrow('whole number');
    expect(() => limitsPatch({ budget: 0.004 })).toThrow('at least $0.01');
  });

  test('channel and role lists: add, remove, clear', () => {
    expect(listEdit([], { add: '1' }, 'channels')).toEqual(['1']);
    expect(listEdit(['1'], { add: '1' }, 'channels')).toEqual(['1']);
    expect(listEdit(['1', '2'], { remove: '1' }, 'channels')).toEqual(['2']);
    expect(listEdit(['1', '2'], { all: true }, 'channels')).toEqual([]);
  });

  test('blocklist: no duplicates (case-insensitive), removal of unknown terms refused', () => {
    const current = { ...defaultSettings(host), blocklist: ['Gore'] };
    expect(blocklistAdd(current, 'gore')).toEqual({});
    expect(blocklistAdd(current, 'guts')).toEqual({ blocklist: ['Gore', 'guts'] });
    expect(blocklistRemove(current, 'GORE')).toEqual({ blocklist: [] });
    expect(() => blocklistRemove(current, 'guts')).toThrow('not on the blocklist');
    expect(() => blocklistAdd(current, '/(a)\\1/')).toThrow(UserError);
  });
});

test('stored values that are invalid fall back to the default', () => {
  const settings = resolveSettings({ safety_level: '9', max_count: 2, channels: 'oops' }, host);
  expect(settings).toMatchObject({ safetyLevel: '2', maxCount: 2, channels: [] });
});

test('changes read as old → new, lists as what was added or removed', () => {
  expect(describeChange({ setting: 'safety_level', old: null, new: '5' }, host)).toBe(
    'safety_level: 2 (default) → 5',
  );
  expect(describeChange({ setting: 'blocklist', old: ['a'], new: ['a', 'b'] }, host)).toContain('added `b`');
  expect(describeChange({ setting: 'budget', old: 2, new: null }, host)).toBe(
    'budget: $2.00 a day → $5.00 a day (default)',
  );
});

test('show lists every setting with its default and fits one embed', () => {
  const settings = {
    ...defaultSettings(host),
    channels: Array.from({ length: 25 }, (_, i) => `${10 ** 18 + i}`),
  };
  const embed = settingsEmbed(settings, new Set(['channels']), host, []);
  const text = embed.description ?? '';
  for (const name of [
    'safety_level',
    'nsfw_level',
    'cooldown',
    'daily_per_user',
    'daily_server',
    'max_count',
  ]) {
    expect(text).toContain(`**${name}**`);
  }
  expect(text).toContain('✏️ **channels**');
  expect(text).toContain('and 15 more');
  // Discord's limits: a description of at most 4096 characters, a field value of at most 1024.
  expect(text.length).toBeLessThanOrEqual(4096);
  expect(embed.fields).toEqual([{ name: 'Last changes', value: 'none yet' }]);
});

test('stored lists keep their valid entries: one bad entry is dropped and reported, not the list', () => {
  const dropped: [string, string][] = [];
  const settings = resolveSettings(
    {
      channels: ['123', 'nope', 456, '789'],
      blocklist: ['gore', '', 'x'.repeat(101), 'kill'],
      roles: Array.from({ length: 105 }, (_, i) => String(i + 1)),
      max_count: 'four',
    },
    host,
    (setting, detail) => dropped.push([setting, detail]),
  );
  expect(settings.channels).toEqual(['123', '789']);
  expect(settings.blocklist).toEqual(['gore', 'kill']);
  expect(settings.roles).toHaveLength(100);
  expect(settings.maxCount).toBe(defaultSettings(host).maxCount);
  expect(dropped.map(([setting]) => setting).sort()).toEqual([
    'blocklist',
    'blocklist',
    'channels',
    'channels',
    'max_count',
    'roles',
  ]);
  expect(dropped.find(([setting]) => setting === 'roles')?.[1]).toContain('5 ignored');
});
