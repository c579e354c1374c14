import type { HostModeration } from '../config.ts';
import type { SafetyLevel } from '../core/imagineOptions.ts';
import { findBlockedTerm } from './blocklist.ts';
import { capLevel, defaultSettings, type GuildSettings } from './guildSettings.ts';
import type { AdmissionRequest } from './policy.ts';
import { blocklistRefusal } from './refusals.ts';

export type AdmissionRule = 'dm' | 'channel' | 'role' | 'blocklist' | 'max_count' | 'withheld_source';

export type AdmissionDecision =
  | { ok: true; safety: SafetyLevel }
  | { ok: false; rule: AdmissionRule; message: string };

/** The rules for direct messages: the host's defaults, since no server's moderators are in charge there. */
export function dmSettings(host: HostModeration): GuildSettings {
  return defaultSettings(host);
}

function safetyFor(request: AdmissionRequest, settings: GuildSettings, host: HostModeration): SafetyLevel {
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
  if (request.guildId === null && !host.allowDms) {
    return {
      ok: false,
      rule: 'dm',
      message:
        '🔒 Images can only be made in a server: the bot’s host has turned off /imagine in direct messages.',
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
        message: `🔒 In this server, images can only be made in ${list}.`,
      };
    }
  }
  if (request.guildId !== null && settings.roles.length > 0) {
    if (!request.memberRoles.some((role) => settings.roles.includes(role))) {
      const list = settings.roles.map((id) => `<@&${id}>`).join(', ');
      return {
        ok: false,
        rule: 'role',
        message: `🔒 In this server, only members with one of these roles can make images: ${list}.`,
      };
    }
  }
  if (request.sourceFlagged && !request.channelNsfw) {
    return {
      ok: false,
      rule: 'withheld_source',
      message:
        '🙈 That image was withheld as possibly not safe for work, so it can only be edited in an age-restricted channel.',
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
      message: `🔢 This server allows at most ${settings.maxCount} image${settings.maxCount === 1 ? '' : 's'} per request (this one asks for ${request.options.count}). Ask again with a smaller count.`,
    };
  }
  return { ok: true, safety: safetyFor(request, settings, host) };
}
