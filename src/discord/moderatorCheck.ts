import { type Interaction, PermissionFlagsBits } from 'discord.js';
import { UserError } from '../core/userError.ts';

/**
 * `default_member_permissions` only hides a command by default (server admins can grant it to anyone),
 * so every moderator action checks Manage Server itself. Returns the server's id.
 */
export function requireManageServer(interaction: Interaction): string {
  if (!interaction.inGuild()) throw new UserError({ id: 'error.notInServer' });
  if (!isManager(interaction)) {
    throw new UserError({ id: 'error.notManager' });
  }
  return interaction.guildId;
}

export function isManager(interaction: Interaction): boolean {
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}
