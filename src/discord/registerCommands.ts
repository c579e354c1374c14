import type { REST } from '@discordjs/rest';
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import { commandsDiffer } from '../core/commandDiff.ts';
import type { Logger } from '../logger.ts';

/**
 * Bulk-overwrites the command set only when it differs from what Discord has: command creates are
 * limited per day, and a bot that restarts often would burn them.
 */
export async function registerCommands(options: {
  rest: REST;
  applicationId: string;
  guildId: string | undefined;
  commands: RESTPostAPIApplicationCommandsJSONBody[];
  logger: Logger;
}): Promise<'unchanged' | 'updated'> {
  const { rest, applicationId, guildId, commands, logger } = options;
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  // Without with_localizations Discord leaves the localisation maps out, and every start would differ.
  const current = (await rest.get(route, {
    query: new URLSearchParams({ with_localizations: 'true' }),
  })) as unknown[];
  if (!commandsDiffer(commands, current)) {
    logger.info(
      { scope: guildId ? 'guild' : 'global', count: commands.length },
      'commands already registered',
    );
    return 'unchanged';
  }
  await rest.put(route, { body: commands });
  logger.info({ scope: guildId ? 'guild' : 'global', count: commands.length }, 'commands registered');
  return 'updated';
}
