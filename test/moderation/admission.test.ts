import { describe, expect, test } from 'vitest';
import { DEFAULT_HOST_MODERATION, type HostModeration } from '../../src/config.ts';
import { decideAdmission } from '../../src/moderation/admission.ts';
import { defaultSettings, type GuildSettings } from '../../src/moderation/guildSettings.ts';
import type { AdmissionRequest } from '../../src/moderation/policy.ts';
import { renderRefusal } from '../../src/moderation/refusals.ts';

const host = DEFAULT_HOST_MODERATION;
const base = defaultSettings(host);
const request = (over: Partial<AdmissionRequest> = {}): AdmissionRequest => ({
  generationId: 'g1',
  action: 'imagine',
  guildId: '10',
  channelId: '20',
  parentChannelId: null,
  channelNsfw: false,
  userId: '30',
  memberRoles: ['10'],
  memberPermissions: 0n,
  options: {
    prompt: 'a fox',
    aspectRatio: '1:1',
    count: 1,
    guidance: 3.5,
    format: 'jpeg',
    enhancePrompt: false,
  },
  sourceImages: 0,
  sourceFlagged: false,
  unitPriceUsd: 0.04,
  ...over,
});
const decide = (
  settings: Partial<GuildSettings>,
  over: Partial<AdmissionRequest> = {},
  h: HostModeration = host,
) => decideAdmission(request(over), { ...base, ...settings }, h);

describe('safety level', () => {
  test('the server level is used; nsfw_level only in an age-restricted channel', () => {
    const settings = { safetyLevel: '3', nsfwLevel: '5' } as const;
    expect(decide(settings)).toEqual({ ok: true, safety: '3' });
    expect(decide(settings, { channelNsfw: true })).toEqual({ ok: true, safety: '5' });
    expect(decide({ safetyLevel: '3' }, { channelNsfw: true })).toEqual({ ok: true, safety: '3' });
  });

  test('never above the host maximum, even if stored before the host lowered it', () => {
    expect(decide({ safetyLevel: '6' }, {}, { ...host, maxSafety: '4' })).toEqual({ ok: true, safety: '4' });
  });

  test('any request with input images is capped at EDIT_MAX_SAFETY_LEVEL, whatever the server or channel chose', () => {
    const settings = { safetyLevel: '5', nsfwLevel: '6' } as const;
    expect(decide(settings, { sourceImages: 1 })).toEqual({ ok: true, safety: '2' });
    expect(decide(settings, { sourceImages: 4, channelNsfw: true })).toEqual({ ok: true, safety: '2' });
    expect(decide(settings, { sourceImages: 1 }, { ...host, editMaxSafety: '4' })).toEqual({
      ok: true,
      safety: '4',
    });
    // Below the cap the server's (stricter) choice stands; text-to-image is not capped by it.
    expect(decide({ safetyLevel: '1' }, { sourceImages: 1 })).toEqual({ ok: true, safety: '1' });
    expect(decide(settings)).toEqual({ ok: true, safety: '5' });
    // The host maximum still applies to edits when it is the lower of the two.
    expect(decide(settings, { sourceImages: 1 }, { ...host, maxSafety: '1', editMaxSafety: '3' })).toEqual({
      ok: true,
      safety: '1',
    });
  });

  test('a source image the bot withheld is refused outside age-restricted channels', () => {
    expect(decide({}, { sourceImages: 1, sourceFlagged: true })).toMatchObject({
      ok: false,
      rule: 'withheld_source',
    });
    expect(decide({}, { sourceImages: 1, sourceFlagged: true, channelNsfw: true })).toEqual({
      ok: true,
      safety: '2',
    });
  });

  test('DMs are refused unless the host allows them, then use the host default level', () => {
    expect(decide({ safetyLevel: '5' }, { guildId: null })).toMatchObject({ ok: false, rule: 'dm' });
    const dmHost = { ...host, allowDms: true, defaultSafety: '1' as const };
    expect(decide({}, { guildId: null }, dmHost)).toEqual({ ok: true, safety: '1' });
  });
});

describe('where and who', () => {
  test('a channel list admits its channels and their threads only', () => {
    const settings = { channels: ['21', '22'] };
    expect(decide(settings)).toMatchObject({ ok: false, rule: 'channel' });
    expect(decide(settings, { channelId: '22' })).toMatchObject({ ok: true });
    expect(decide(settings, { channelId: '99', parentChannelId: '21' })).toMatchObject({ ok: true });
    const refused = decide(settings);
    expect(!refused.ok && renderRefusal('en', refused.message)).toContain('<#21>, <#22>');
  });

  test('a role list admits members with one of the roles', () => {
    expect(decide({ roles: ['77'] })).toMatchObject({ ok: false, rule: 'role' });
    expect(decide({ roles: ['77'] }, { memberRoles: ['10', '77'] })).toMatchObject({ ok: true });
  });
});

test('a blocked term and a count over max_count are refused', () => {
  expect(decide({ blocklist: ['fox'] })).toMatchObject({ ok: false, rule: 'blocklist' });
  const four = request().options;
  expect(decide({ maxCount: 2 }, { options: { ...four, count: 4 } })).toMatchObject({
    ok: false,
    rule: 'max_count',
  });
});
