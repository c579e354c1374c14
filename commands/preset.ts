import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  ApplicationCommandOptionType as Option,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { PROMPT_MAX_LENGTH } from '../src/core/imagineOptions.ts';
import { subcommandOf } from '../src/discord/commandOptions.ts';
import { respondEphemeral } from '../src/discord/respond.ts';
import { answerPresetChoices, studioWrite } from '../src/discord/studioInput.ts';
import { described, named } from '../src/i18n/commandText.ts';
import { tFor } from '../src/i18n/translate.ts';
import { PRESET_LIST_MAX, PRESET_NAME_MAX_LENGTH } from '../src/storage/studioStore.ts';

// Discord's max_length counts characters as the client does; the store checks code points again.
const nameOption = (described_: 'save' | 'delete', autocomplete: boolean) => ({
  type: Option.String as const,
  ...named('option.preset.name.name'),
  ...described(`option.preset.${described_}.name.description`),
  required: true,
  max_length: PRESET_NAME_MAX_LENGTH,
  ...(autocomplete ? { autocomplete: true } : {}),
});

export const definition = {
  ...named('command.preset.name'),
  ...described('command.preset.description'),
  // A member's own defaults: nothing here needs a server, so they work wherever the member is.
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
  options: [
    {
      type: Option.Subcommand,
      ...named('option.preset.save.name'),
      ...described('option.preset.save.description'),
      options: [
        nameOption('save', false),
        {
          type: Option.String,
          ...named('option.prompt.name'),
          ...described('option.preset.save.prompt.description'),
          required: true,
          max_length: PROMPT_MAX_LENGTH,
        },
      ],
    },
    { type: Option.Subcommand, ...named('option.list.name'), ...described('option.preset.list.description') },
    {
      type: Option.Subcommand,
      ...named('option.preset.delete.name'),
      ...described('option.preset.delete.description'),
      options: [nameOption('delete', true)],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const { name: sub, values } = subcommandOf(interaction);
  const userId = interaction.user.id;
  const say = (text: string) => respondEphemeral(interaction, text);
  const name = String(values.name ?? '');
  if (sub === 'save') {
    const { created, preset } = await studioWrite(() =>
      ctx.studio.savePreset(userId, name, String(values.prompt ?? ''), Date.now()),
    );
    const id = created ? 'presets.preset.created' : 'presets.preset.replaced';
    return say(tFor(interaction, id, { name: preset.name }));
  }
  if (sub === 'delete') {
    const preset = await ctx.studio.getPreset(userId, name);
    const deleted = preset !== undefined && (await ctx.studio.deletePreset(userId, name));
    const id = deleted ? 'presets.preset.deleted' : 'presets.preset.notFound';
    return say(tFor(interaction, id, { name: preset?.name ?? name }));
  }
  const presets = await ctx.studio.listPresets(userId, '', PRESET_LIST_MAX);
  if (presets.length === 0) return say(tFor(interaction, 'presets.preset.none'));
  // 25 names with previews of ≤ 60 characters stay well inside a 2000-character message.
  const list = presets.map((p) => `• **${p.name}**: ${preview(p.prompt)}`).join('\n');
  const text = tFor(interaction, 'presets.preset.list', { count: presets.length, list });
  const more = presets.length === PRESET_LIST_MAX ? `\n${tFor(interaction, 'presets.preset.listMore')}` : '';
  return say(`${text}${more}`);
}

const preview = (prompt: string): string => {
  const flat = prompt.replace(/\s+/gu, ' ');
  const points = [...flat];
  return points.length > 60 ? `${points.slice(0, 59).join('')}…` : flat;
};

export const autocomplete = (interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> =>
  answerPresetChoices(interaction, ctx);
