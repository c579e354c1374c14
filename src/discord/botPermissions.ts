import { PermissionFlagsBits } from 'discord-api-types/v10';

/** What the bot needs in a channel to post results there: the same set the README's invite URL asks for. */
export const REQUIRED_CHANNEL_PERMISSIONS: ReadonlyArray<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.AttachFiles, 'Attach Files'],
];

export function missingPermissionNames(granted: bigint | undefined): string[] {
  if (granted === undefined) return [];
  if ((granted & PermissionFlagsBits.Administrator) !== 0n) return [];
  return REQUIRED_CHANNEL_PERMISSIONS.filter(([bit]) => (granted & bit) === 0n).map(([, name]) => name);
}
