// Discord permission bits (the subset an image bot deals with), as bigints like discord.js uses.
export const Permissions = {
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export const DefaultMemberPermissions =
  Permissions.ViewChannel | Permissions.SendMessages | Permissions.UseApplicationCommands;

export const DefaultAppPermissions =
  Permissions.ViewChannel | Permissions.SendMessages | Permissions.EmbedLinks | Permissions.AttachFiles;

/** Every bit Discord currently defines; used to deny what a channel spec leaves out. */
export const AllPermissions = (1n << 51n) - 1n;

export function hasAll(granted: bigint, needed: bigint): boolean {
  return (granted & Permissions.Administrator) !== 0n || (granted & needed) === needed;
}
