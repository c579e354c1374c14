import type { AutocompleteInteraction } from 'discord.js';
import type { BotContext } from '../context.ts';
import { presetChoices } from '../core/presetChoices.ts';
import { UserError } from '../core/userError.ts';
import { MAX_PRESETS_PER_MEMBER, PRESET_LIST_MAX, StudioInputError } from '../storage/studioStore.ts';

/** Runs a studio write; a StudioInputError becomes the member's refusal, in their language. */
export async function studioWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof StudioInputError)) throw error;
    if (error.text) throw new UserError(error.text);
    // The engines word the limit in English only: it is the one refusal they raise themselves.
    if (error.reason === 'preset_limit')
      throw new UserError({ id: 'presets.input.limit', params: { count: MAX_PRESETS_PER_MEMBER } });
    throw new UserError(error.message);
  }
}

/** The member's presets whose names start with what they typed (case-insensitively), as choices. */
export async function answerPresetChoices(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
): Promise<void> {
  const focused = interaction.options.getFocused();
  const presets = await ctx.studio.listPresets(interaction.user.id, String(focused), PRESET_LIST_MAX);
  await interaction.respond(presetChoices(presets));
}
