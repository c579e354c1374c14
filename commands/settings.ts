import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  ApplicationCommandOptionType as Option,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { subcommandOf } from '../src/discord/commandOptions.ts';
import { requireManageServer } from '../src/discord/moderatorCheck.ts';
import { runSettings } from '../src/discord/settingsActions.ts';
import { MAX_TERM_LENGTH } from '../src/moderation/blocklist.ts';
import { LIMIT_RANGES } from '../src/moderation/settingsEdits.ts';

const LEVELS = [
  { name: '1 – strictest', value: 1 },
  { name: '2 – strict (fal default)', value: 2 },
  { name: '3', value: 3 },
  { name: '4', value: 4 },
  { name: '5', value: 5 },
  { name: '6 – most permissive', value: 6 },
];

const limit = (name: keyof typeof LIMIT_RANGES, description: string): APIApplicationCommandBasicOption => {
  const [min_value, max_value] = LIMIT_RANGES[name];
  return name === 'budget'
    ? { type: Option.Number, name, description, min_value, max_value }
    : { type: Option.Integer, name, description, min_value, max_value };
};

const sub = (
  name: string,
  description: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption => ({ type: Option.Subcommand, name, description, options });

const term = (description: string): APIApplicationCommandBasicOption => ({
  type: Option.String,
  name: 'term',
  description,
  required: true,
  max_length: MAX_TERM_LENGTH,
});

export const definition = {
  name: 'settings',
  description: "Moderators: this server's image rules (safety, limits, where and who, blocklist)",
  contexts: [InteractionContextType.Guild],
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  options: [
    sub('show', 'Every setting of this server, its value and default, and the last changes'),
    sub('safety', "How strict fal's safety filter is: 1 strictest … 6 most permissive (default 2)", [
      {
        type: Option.Integer,
        name: 'level',
        description: 'safety_tolerance sent to fal: 1 strictest … 6 most permissive (default 2)',
        required: true,
        choices: LEVELS,
      },
      {
        type: Option.Integer,
        name: 'nsfw_level',
        description: 'Used instead in age-restricted channels (1–6), or "same as level"',
        choices: [{ name: 'same as level', value: 0 }, ...LEVELS],
      },
    ]),
    sub('limits', 'Cooldown, daily quotas, images per request and daily budget (0 = no limit)', [
      limit('cooldown', "Seconds between a member's generations (0 = none)"),
      limit('daily_per_user', 'Images per member per day, UTC (0 = no limit)'),
      limit('daily_server', 'Images for the whole server per day, UTC (0 = no limit)'),
      limit('max_count', 'Most images one request may ask for (1–4)'),
      limit('budget', 'US$ the server may spend per day, estimated from the price per image (0 = no limit)'),
    ]),
    sub('channels', 'Allow /imagine everywhere (default) or only in listed channels', [
      {
        type: Option.Channel,
        name: 'add',
        description: 'Allow /imagine in this channel (then only in listed channels)',
        channel_types: [
          ChannelType.GuildText,
          ChannelType.GuildAnnouncement,
          ChannelType.GuildVoice,
          ChannelType.GuildForum,
        ],
      },
      { type: Option.Channel, name: 'remove', description: 'Take this channel off the list' },
      { type: Option.Boolean, name: 'everywhere', description: 'Empty the list: allow /imagine everywhere' },
    ]),
    sub('roles', 'Allow everyone (default) or only members with listed roles', [
      {
        type: Option.Role,
        name: 'add',
        description: 'Allow members with this role (then only listed roles)',
      },
      { type: Option.Role, name: 'remove', description: 'Take this role off the list' },
      { type: Option.Boolean, name: 'everyone', description: 'Empty the list: allow everyone' },
    ]),
    {
      type: Option.SubcommandGroup,
      name: 'blocklist',
      description: 'Terms refused in prompts (whole words, case-insensitive; /regex/ allowed)',
      options: [
        sub('add', 'Refuse prompts containing this term', [term('A word or phrase, or /regex/')]),
        sub('remove', 'Allow this term again', [term('The term as listed')]),
        sub('list', 'Show the blocked terms'),
      ],
    },
    sub('reset', 'Put every setting back to the defaults (asks for confirmation)'),
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireManageServer(interaction);
  await runSettings(interaction, guildId, subcommandOf(interaction), ctx);
}
