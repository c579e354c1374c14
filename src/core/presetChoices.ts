// Autocomplete choices for a member's presets. Pure: no discord.js, no I/O.

/** Discord: at most 25 choices, each name 1–100 characters, a string value at most 100. */
export const CHOICES_MAX = 25;
export const CHOICE_NAME_MAX = 100;
const SEPARATOR = ' · ';
const ELLIPSIS = '…';
/** A preview shorter than this says nothing: the name alone is shown. */
const PREVIEW_MIN = 8;

export interface PresetChoice {
  name: string;
  value: string;
}

/** The preset's name, then as much of its prompt as fits the 100 characters (cut with "…"). */
export function presetChoice(preset: { name: string; prompt: string }): PresetChoice {
  const room = CHOICE_NAME_MAX - preset.name.length - SEPARATOR.length;
  const prompt = preset.prompt.replace(/\s+/gu, ' ').trim();
  let preview = prompt;
  if (preview.length > room) {
    // Cut by code points so a surrogate pair is never split.
    const points = [...prompt];
    preview = '';
    for (const point of points) {
      if (preview.length + point.length > room - ELLIPSIS.length) break;
      preview += point;
    }
    preview = `${preview.trimEnd()}${ELLIPSIS}`;
  }
  const name =
    preview.length >= PREVIEW_MIN || preview === prompt
      ? `${preset.name}${SEPARATOR}${preview}`
      : preset.name;
  return { name: prompt === '' ? preset.name : name, value: preset.name };
}

export function presetChoices(presets: readonly { name: string; prompt: string }[]): PresetChoice[] {
  return presets.slice(0, CHOICES_MAX).map(presetChoice);
}
