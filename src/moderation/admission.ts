import type { HostModeration } from '../config.ts';
import type { SafetyLevel } from '../core/imagineOptions.ts';
import { findBlockedTerm } from './blocklist.ts';
import { capLevel, defaultSettings, type GuildSettings } from './guildSettings.ts';
import type { AdmissionRequest } from './policy.ts';
import { blocklistRefusal, type Refusal } from './refusals.ts';

/** fal's strictest safety_tolerance. */
const STRICTEST: SafetyLevel = '1';

export type AdmissionRule = 'dm' | 'channel' | 'role' | 'blocklist' | 'max_count' | 'withheld_source';

export type AdmissionDecision =
  | { ok: true; safety: SafetyLevel }
  | { ok: false; rule: AdmissionRule; message: Refusal };

/** The rules for direct messages: the host's defaults, since no server's moderators are in charge there. */
export function dmSettings(host: HostModeration): GuildSettings {
  return defaultSettings(host);
}

/**
 * The rules where only a member's own install reaches (a server or group DM the bot is not in): the
 * host's default limits, and the strictest safety level, since nobody there chose anything.
 */
export function interactionOnlySettings(host: HostModeration): GuildSettings {
  return { ...defaultSettings(host), safetyLevel: STRICTEST, nsfwLevel: null };
}

function safetyFor(request: AdmissionRequest, settings: GuildSettings, host: HostModeration): SafetyLevel {
  if (request.interactionOnly) return STRICTEST;
  const level =
    request.guildId === null
      ? host.defaultSafety
      : request.channelNsfw && settings.nsfwLevel !== null
        ? settings.nsfwLevel
        : settings.safetyLevel;
  const capped = capLevel(level, host);
  // With input images a permissive level lets a photo of a real person be undressed: the host's
  // EDIT_MAX_SAFETY_LEVEL caps every request that sends fal an image, whatever the server chose.
  if (request.sourceImages > 0 && Number(capped) > Number(host.editMaxSafety)) return host.editMaxSafety;
  return capped;
}

/** Everything that needs no counting: where, who, what is asked. Quotas come after, in the store. */
export function decideAdmission(
  request: AdmissionRequest,
  settings: GuildSettings,
  host: HostModeration,
): AdmissionDecision {
  // A private channel reached through a member's own install is not the bot's DM (ALLOW_DMS).
  if (request.guildId === null && !request.interactionOnly && !host.allowDms) {
    return {
      ok: false,
      rule: 'dm',
      message: { id: 'refusal.dm' },
    };
  }
  if (request.guildId !== null && settings.channels.length > 0) {
    const here = [request.channelId, request.parentChannelId].some(
      (id) => id !== null && settings.channels.includes(id),
    );
    if (!here) {
      const list = settings.channels.map((id) => `<#${id}>`).join(', ');
      return {
        ok: false,
        rule: 'channel',
        message: { id: 'refusal.channel', params: { channels: list } },
      };
    }
  }
  if (request.guildId !== null && settings.roles.length > 0) {
    if (!request.memberRoles.some((role) => settings.roles.includes(role))) {
      const list = settings.roles.map((id) => `<@&${id}>`).join(', ');
      return {
        ok: false,
        rule: 'role',
        message: { id: 'refusal.role', params: { roles: list } },
      };
    }
  }
  if (request.sourceFlagged && !request.channelNsfw) {
    return {
      ok: false,
      rule: 'withheld_source',
      message: { id: 'refusal.withheldSource' },
    };
  }
  const blocked = findBlockedTerm(request.options.prompt, settings.blocklist);
  if (blocked) {
    return {
      ok: false,
      rule: 'blocklist',
      message: blocklistRefusal(blocked.matched),
    };
  }
  if (request.options.count > settings.maxCount) {
    return {
      ok: false,
      rule: 'max_count',
      message: {
        id: 'refusal.maxCount',
        params: { count: settings.maxCount, asked: request.options.count },
      },
    };
  }
  return { ok: true, safety: safetyFor(request, settings, host) };
}
