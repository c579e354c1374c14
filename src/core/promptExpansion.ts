// What /imagine sends fal once a member's preset and style suffix are applied. Pure: no discord.js, no I/O.
import { PROMPT_MAX_LENGTH } from './imagineOptions.ts';

/** Where a preset takes the member's own words; a preset without it gets them in front. */
export const PRESET_PLACEHOLDER = '{prompt}';

export type Expansion = { ok: true; prompt: string } | { ok: false; length: number; max: number };

/**
 * The prompt with the preset (its `{prompt}` replaced by what the member typed, or else appended after
 * ", ") and the style suffix (", " + suffix). Longer than PROMPT_MAX_LENGTH (UTF-16 units, as the
 * schema counts) is a failure naming the length: never cut silently, the cut could drop the subject.
 */
export function expandPrompt(
  typed: string,
  preset: string | null,
  styleSuffix: string | null,
  max: number = PROMPT_MAX_LENGTH,
): Expansion {
  const own = typed.trim();
  let prompt = own;
  if (preset !== null) {
    prompt = preset.includes(PRESET_PLACEHOLDER)
      ? preset.split(PRESET_PLACEHOLDER).join(own)
      : [own, preset].filter((part) => part !== '').join(', ');
  }
  if (styleSuffix !== null && styleSuffix.trim() !== '') prompt = `${prompt}, ${styleSuffix.trim()}`;
  prompt = prompt.trim();
  return prompt.length > max ? { ok: false, length: prompt.length, max } : { ok: true, prompt };
}
