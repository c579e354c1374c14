// Where a command is offered: which installs (Discord's integration_types) and which places (contexts).
// https://discord.com/developers/docs/interactions/application-commands#installation-context

export const GUILD_INSTALL = 0;
export const USER_INSTALL = 1;
export const GUILD = 0;
export const BOT_DM = 1;
export const PRIVATE_CHANNEL = 2;

/**
 * Commands a member may use through their own install, wherever they are. /settings and /usage are
 * about a server the bot is in, so they stay with the server install.
 */
export const USER_INSTALLABLE: ReadonlySet<string> = new Set([
  'imagine',
  'edit',
  'Edit with Kontext',
  'history',
  'favorites',
  'preferences',
  'preset',
]);

/** The commands that generate in the bot's own DMs when the host allows it (ALLOW_DMS). */
const DM_CAPABLE: ReadonlySet<string> = new Set(['imagine', 'edit']);

export interface ReachSwitches {
  allowDms: boolean;
  allowUserInstalls: boolean;
}

export interface Reach {
  integration_types: number[];
  contexts: number[];
}

/**
 * The definition's own contexts, widened by the host's switches: the bot's DMs (ALLOW_DMS) and, for a
 * member's own install, any server and any private channel (ALLOW_USER_INSTALLS). With user installs
 * off, a private channel is never offered: only a user install can answer there.
 */
export function reachOf(name: string, own: readonly number[] | undefined, host: ReachSwitches): Reach {
  const userInstallable = host.allowUserInstalls && USER_INSTALLABLE.has(name);
  const contexts = new Set(own ?? [GUILD]);
  if (host.allowDms && DM_CAPABLE.has(name)) contexts.add(BOT_DM);
  if (userInstallable) {
    contexts.add(GUILD);
    contexts.add(PRIVATE_CHANNEL);
  } else contexts.delete(PRIVATE_CHANNEL);
  return {
    integration_types: userInstallable ? [GUILD_INSTALL, USER_INSTALL] : [GUILD_INSTALL],
    contexts: [...contexts].sort((a, b) => a - b),
  };
}
