import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  ApplicationCommandOptionType as Option,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { ASPECT_RATIOS, COUNT_RANGE, OUTPUT_FORMATS } from '../src/core/imagineOptions.ts';
import { respondEphemeral } from '../src/discord/respond.ts';
import { studioWrite } from '../src/discord/studioInput.ts';
import { described, named } from '../src/i18n/commandText.ts';
import { tFor } from '../src/i18n/translate.ts';
import { type MemberPreferences, STYLE_SUFFIX_MAX_LENGTH } from '../src/storage/studioStore.ts';

export const definition = {
  ...named('command.preferences.name'),
  ...described('command.preferences.description'),
  // A member's own defaults: nothing here needs a server, so they work wherever the member is.
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
  options: [
    {
      type: Option.String,
      ...named('option.aspect_ratio.name'),
      ...described('option.preferences.aspect_ratio.description'),
      choices: ASPECT_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
    },
    {
      type: Option.Integer,
      ...named('option.count.name'),
      ...described('option.preferences.count.description'),
      min_value: COUNT_RANGE.min,
      max_value: COUNT_RANGE.max,
    },
    {
      type: Option.String,
      ...named('option.format.name'),
      ...described('option.preferences.format.description'),
      choices: OUTPUT_FORMATS.map((format) => ({ name: format, value: format })),
    },
    {
      type: Option.String,
      ...named('option.preferences.style_suffix.name'),
      ...described('option.preferences.style_suffix.description'),
      max_length: STYLE_SUFFIX_MAX_LENGTH,
    },
    {
      type: Option.Boolean,
      ...named('option.preferences.clear.name'),
      ...described('option.preferences.clear.description'),
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const CLEARED: MemberPreferences = { aspectRatio: null, count: null, format: null, styleSuffix: null };

/** Raw values: the store checks them (a crafted interaction can send anything). */
function patchOf(interaction: ChatInputCommandInteraction): Partial<MemberPreferences> {
  const values = Object.fromEntries(interaction.options.data.map((option) => [option.name, option.value]));
  const patch: Record<string, unknown> = {};
  if (values.aspect_ratio !== undefined) patch.aspectRatio = values.aspect_ratio;
  if (values.count !== undefined) patch.count = values.count;
  if (values.format !== undefined) patch.format = values.format;
  if (values.style_suffix !== undefined) patch.styleSuffix = values.style_suffix;
  return patch as Partial<MemberPreferences>;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const userId = interaction.user.id;
  const clear = interaction.options.data.some((option) => option.name === 'clear' && option.value === true);
  const patch = patchOf(interaction);
  const now = Date.now();
  // Clear first, so "clear + count:2" means "forget the rest, keep count 2".
  const current = await studioWrite(async () => {
    if (clear) await ctx.studio.setPreferences(userId, CLEARED, now);
    return Object.keys(patch).length > 0 || clear
      ? ctx.studio.setPreferences(userId, patch, now)
      : ctx.studio.getPreferences(userId);
  });
  const unset = tFor(interaction, 'presets.preferences.unset');
  const shown = tFor(interaction, 'presets.preferences.current', {
    aspectRatio: current.aspectRatio ?? unset,
    count: current.count ?? unset,
    format: current.format ?? unset,
    styleSuffix: current.styleSuffix ?? unset,
  });
  const nothingLeft = clear && Object.keys(patch).length === 0;
  await respondEphemeral(interaction, nothingLeft ? tFor(interaction, 'presets.preferences.cleared') : shown);
}
