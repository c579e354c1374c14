import {
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type MessageComponentInteraction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { RequestFacts } from '../jobs/startGeneration.ts';

export type GeneratingInteraction =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | MessageComponentInteraction
  | ModalSubmitInteraction;

/** Everything the admission and the job need from an interaction, as plain data (no discord.js past here). */
export function requestFacts(interaction: GeneratingInteraction): RequestFacts {
  return {
    interactionId: interaction.id,
    applicationId: interaction.applicationId,
    interactionToken: interaction.token,
    guildId: interaction.guildId,
    inGuild: interaction.inGuild(),
    channelId: interaction.channelId ?? interaction.user.id,
    parentChannelId: interaction.channel?.isThread() ? interaction.channel.parentId : null,
    channelNsfw: isNsfwChannel(interaction),
    userId: interaction.user.id,
    userName: interaction.user.username,
    memberRoles: memberRoles(interaction),
    memberPermissions: interaction.memberPermissions?.bitfield ?? null,
    appPermissions: interaction.appPermissions?.bitfield ?? null,
    attachmentSizeLimit: interaction.attachmentSizeLimit ?? null,
    locale: interaction.locale,
    guildLocale: interaction.guildLocale,
    interactionOnly: interactionOnly(interaction),
  };
}

/**
 * Whether the app is here only as a member's own install: the interaction names no server install
 * (Discord's authorizing_integration_owners key "0"; in the bot's own DM it is "0" too, and the bot can
 * post there).
 */
export function interactionOnly(interaction: GeneratingInteraction): boolean {
  if (interaction.context === InteractionContextType.BotDM) return false;
  const owners = interaction.authorizingIntegrationOwners;
  return owners[ApplicationIntegrationType.GuildInstall] === undefined;
}

/** Acknowledges with a public "thinking…": the result replaces it. */
export const deferPublicly = (interaction: GeneratingInteraction) => async (): Promise<void> => {
  await interaction.deferReply();
};

function isNsfwChannel(interaction: GeneratingInteraction): boolean {
  const channel = interaction.channel;
  if (channel?.isThread()) return channel.parent !== null && 'nsfw' in channel.parent && channel.parent.nsfw;
  return channel !== null && 'nsfw' in channel && channel.nsfw === true;
}

function memberRoles(interaction: GeneratingInteraction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}
