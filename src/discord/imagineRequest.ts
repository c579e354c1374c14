import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.ts';
import { type ImagineOptions, parseImagineOptions } from '../core/imagineOptions.ts';
import { withDefaults } from '../core/memberDefaults.ts';
import { NestedRefusal } from '../core/nestedRefusal.ts';
import { expandPrompt } from '../core/promptExpansion.ts';
import { UserError } from '../core/userError.ts';
import type { RequestFacts } from '../jobs/startGeneration.ts';
import { defaultSettings } from '../moderation/guildSettings.ts';
import { rawOptionValues } from './generationOptions.ts';

/** The server's max_count where this request is admitted (host defaults in DMs and user installs). */
async function maxCountFor(facts: RequestFacts, ctx: BotContext): Promise<number> {
  if (facts.interactionOnly || facts.guildId === null) return defaultSettings(ctx.config.moderation).maxCount;
  return (await ctx.moderation.settings.get(facts.guildId)).maxCount;
}

/**
 * /imagine's options with the member's preset, style suffix and defaults applied. The result goes
 * through the admission like any prompt, so the blocklist and max_count see what fal would get.
 * Reroll and Same seed rerun the stored options: the defaults are applied once, here, never again.
 */
export async function imagineOptionsOf(
  interaction: ChatInputCommandInteraction,
  facts: RequestFacts,
  ctx: BotContext,
): Promise<ImagineOptions> {
  const { preset: presetName, ...raw } = rawOptionValues(interaction);
  const preferences = await ctx.studio.getPreferences(facts.userId);
  let presetPrompt: string | null = null;
  if (presetName !== undefined) {
    const preset = await ctx.studio.getPreset(facts.userId, String(presetName));
    if (!preset)
      throw new UserError({ id: 'presets.imagine.unknownPreset', params: { name: String(presetName) } });
    presetPrompt = preset.prompt;
  }
  // Without a preset or suffix the prompt is the member's own: the schema words its refusals.
  if (typeof raw.prompt === 'string' && (presetPrompt !== null || preferences.styleSuffix !== null)) {
    const expanded = expandPrompt(raw.prompt, presetPrompt, preferences.styleSuffix);
    if (!expanded.ok)
      throw new UserError({
        id: 'presets.imagine.tooLong',
        params: { length: expanded.length, max: expanded.max },
      });
    raw.prompt = expanded.prompt;
  }
  const needsCap = (raw.count === undefined || raw.count === null) && preferences.count !== null;
  const maxCount = needsCap ? await maxCountFor(facts, ctx) : Number.POSITIVE_INFINITY;
  const parsed = parseImagineOptions(withDefaults(raw, preferences, maxCount));
  // Rendered where it is shown, in the member's language; the log keeps the English.
  if (!parsed.ok) throw new NestedRefusal('error.options.imagine', parsed.error);
  return parsed.value;
}
