import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { BotContext } from '../context.ts';
import { UserError } from '../core/userError.ts';
import { type MessageId, memberLocale } from '../i18n/translate.ts';
import type { EmbedText } from '../moderation/embedText.ts';
import type { SettingsPatch } from '../moderation/guildSettings.ts';
import {
  blocklistAdd,
  blocklistRemove,
  LIMIT_RANGES,
  type LimitValues,
  limitsPatch,
  listEdit,
  safetyPatch,
} from '../moderation/settingsEdits.ts';
import {
  describeBlocklist,
  describeChanges,
  settingLine,
  settingsEmbed,
} from '../moderation/settingsText.ts';
import { numberOf, type SubcommandCall, stringOf } from './commandOptions.ts';
import { respondEphemeral } from './respond.ts';
import { askReset } from './settingsReset.ts';

const RECENT_CHANGES = 5;

/** Runs one /settings subcommand for a member already checked to have Manage Server. */
export async function runSettings(
  interaction: ChatInputCommandInteraction,
  guildId: string,
  call: SubcommandCall,
  ctx: BotContext,
): Promise<void> {
  const { settings } = ctx.moderation;
  const host = ctx.config.moderation;
  const actor = { userId: interaction.user.id, userName: interaction.user.username };
  const lang = languageOf(interaction);
  const change = async (edit: Parameters<typeof settings.change>[2], nothing: MessageId) => {
    const changes = await settings.change(guildId, actor, edit);
    await respondEphemeral(interaction, describeChanges(changes, host, nothing, lang));
  };
  const { values } = call;

  switch (call.group === null ? call.name : `${call.group} ${call.name}`) {
    case 'show': {
      const snapshot = await settings.snapshot(guildId);
      const recent = await ctx.moderation.settings.recentChanges(guildId, RECENT_CHANGES);
      return replyEmbed(interaction, settingsEmbed(snapshot.settings, snapshot.changed, host, recent, lang));
    }
    case 'safety': {
      const level = numberOf(values.level);
      if (level === undefined) throw new UserError({ id: 'error.settings.levelRequired' });
      const patch = safetyPatch(level, numberOf(values.nsfw_level), host);
      return change(() => patch, 'settings.nothingChanged.safety');
    }
    case 'limits': {
      const asked: LimitValues = {};
      for (const name of Object.keys(LIMIT_RANGES) as (keyof LimitValues)[]) {
        const value = numberOf(values[name]);
        if (value !== undefined) asked[name] = value;
      }
      const patch = limitsPatch(asked);
      if (Object.keys(patch).length === 0) return showLimits(interaction, guildId, ctx);
      return change(() => patch, 'settings.nothingChanged.limits');
    }
    case 'channels':
    case 'roles': {
      const key = call.name === 'channels' ? 'channels' : 'roles';
      const all = values[key === 'channels' ? 'everywhere' : 'everyone'] === true;
      const add = stringOf(values.add);
      const remove = stringOf(values.remove);
      if (!all && add === undefined && remove === undefined) {
        const current = await settings.get(guildId);
        return respondEphemeral(interaction, settingLine(key, current, host, lang));
      }
      return change((current) => {
        const next = listEdit(current[key], { add, remove, all }, key);
        return { [key]: next.length === 0 ? null : next } as SettingsPatch;
      }, `settings.nothingChanged.${key}`);
    }
    case 'blocklist add':
      return change(
        (current) => blocklistAdd(current, stringOf(values.term) ?? ''),
        'settings.nothingChanged.blocklistAdd',
      );
    case 'blocklist remove':
      return change(
        (current) => blocklistRemove(current, stringOf(values.term) ?? ''),
        'settings.nothingChanged.blocklistRemove',
      );
    case 'blocklist list':
      return respondEphemeral(interaction, describeBlocklist(await settings.get(guildId), lang));
    case 'reset':
      return askReset(interaction);
    default:
      throw new UserError({ id: 'error.settings.unknown' });
  }
}

/** The member's language, else the server's, else English. */
export function languageOf(interaction: { locale: string; guildLocale: string | null }): string {
  return memberLocale(interaction.locale, interaction.guildLocale);
}

/** An ephemeral embed answer; /settings and /usage are not deferred, but a follow-up keeps it safe if they were. */
export async function replyEmbed(interaction: ChatInputCommandInteraction, embed: EmbedText): Promise<void> {
  const message = { embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
  if (interaction.deferred || interaction.replied) await interaction.followUp(message);
  else await interaction.reply(message);
}

async function showLimits(interaction: ChatInputCommandInteraction, guildId: string, ctx: BotContext) {
  const current = await ctx.moderation.settings.get(guildId);
  const lang = languageOf(interaction);
  const keys = ['cooldownSeconds', 'dailyPerUser', 'dailyServer', 'maxCount', 'dailyBudgetUsd'] as const;
  const lines = keys.map((key) => settingLine(key, current, ctx.config.moderation, lang));
  await respondEphemeral(interaction, lines.join('\n'));
}
