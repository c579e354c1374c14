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
import { described, named } from '../src/i18n/commandText.ts';
import type { MessageId } from '../src/i18n/translate.ts';
import { MAX_TERM_LENGTH } from '../src/moderation/blocklist.ts';
import { LIMIT_RANGES } from '../src/moderation/settingsEdits.ts';

const LEVELS = [
  { ...named('choice.level.1'), value: 1 },
  { ...named('choice.level.2'), value: 2 },
  { name: '3', value: 3 },
  { name: '4', value: 4 },
  { name: '5', value: 5 },
  { ...named('choice.level.6'), value: 6 },
];

/** The option named by its catalogue key, described by the key of its place under /settings. */
const texts = (name: OptionName, path: string) => ({
  ...named(`option.${name}.name`),
  ...described(`option.settings.${path}.description` as MessageId),
});

type OptionName = Extract<MessageId, `option.${string}.name`> extends `option.${infer N}.name` ? N : never;

const limit = (name: keyof typeof LIMIT_RANGES): APIApplicationCommandBasicOption => {
  const [min_value, max_value] = LIMIT_RANGES[name];
  const text = texts(name, `limits.${name}`);
  return name === 'budget'
    ? { type: Option.Number, ...text, min_value, max_value }
    : { type: Option.Integer, ...text, min_value, max_value };
};

const sub = (
  name: OptionName,
  path: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption => ({ type: Option.Subcommand, ...texts(name, path), options });

const term = (path: string): APIApplicationCommandBasicOption => ({
  type: Option.String,
  ...texts('term', path),
  required: true,
  max_length: MAX_TERM_LENGTH,
});

export const definition = {
  ...named('command.settings.name'),
  ...described('command.settings.description'),
  contexts: [InteractionContextType.Guild],
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  options: [
    sub('show', 'show'),
    sub('safety', 'safety', [
      {
        type: Option.Integer,
        ...texts('level', 'safety.level'),
        required: true,
        choices: LEVELS,
      },
      {
        type: Option.Integer,
        ...texts('nsfw_level', 'safety.nsfw_level'),
        choices: [{ ...named('choice.level.same'), value: 0 }, ...LEVELS],
      },
    ]),
    sub('limits', 'limits', [
      limit('cooldown'),
      limit('daily_per_user'),
      limit('daily_server'),
      limit('max_count'),
      limit('budget'),
    ]),
    sub('channels', 'channels', [
      {
        type: Option.Channel,
        ...texts('add', 'channels.add'),
        channel_types: [
          ChannelType.GuildText,
          ChannelType.GuildAnnouncement,
          ChannelType.GuildVoice,
          ChannelType.GuildForum,
        ],
      },
      { type: Option.Channel, ...texts('remove', 'channels.remove') },
      { type: Option.Boolean, ...texts('everywhere', 'channels.everywhere') },
    ]),
    sub('roles', 'roles', [
      { type: Option.Role, ...texts('add', 'roles.add') },
      { type: Option.Role, ...texts('remove', 'roles.remove') },
      { type: Option.Boolean, ...texts('everyone', 'roles.everyone') },
    ]),
    {
      type: Option.SubcommandGroup,
      ...texts('blocklist', 'blocklist'),
      options: [
        sub('add', 'blocklist.add', [term('blocklist.add.term')]),
        sub('remove', 'blocklist.remove', [term('blocklist.remove.term')]),
        sub('list', 'blocklist.list'),
      ],
    },
    sub('reset', 'reset'),
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireManageServer(interaction);
  await runSettings(interaction, guildId, subcommandOf(interaction), ctx);
}
