// Discord fills in defaults (type 1, required false, empty lists, null localizations…) when it stores a
// command, so both sides are reduced to the fields we set, with those defaults, before comparing.
// Localisations are compared too (command, options, sub-options, choices): a changed translation must
// reach Discord. The remote side must be read with ?with_localizations=true to carry them. Where a command
// may be used (integration_types, contexts) is compared as a set, so a member's install switched on or off
// (ALLOW_USER_INSTALLS) re-registers.

type Json = Record<string, unknown>;

const OPTION_KEYS = [
  'type',
  'name',
  'description',
  'required',
  'choices',
  'options',
  'min_value',
  'max_value',
  'min_length',
  'max_length',
  'autocomplete',
  'channel_types',
  'name_localizations',
  'description_localizations',
] as const;

/**
 * A localisation map as a comparable value: null, absent, {} and entries set to null all mean "none"
 * (Discord answers null when unset), and the order of the locales does not matter.
 */
function normalizeLocalizations(map: unknown): Json | undefined {
  if (typeof map !== 'object' || map === null) return undefined;
  const entries = Object.entries(map as Json)
    .filter(([, text]) => text !== undefined && text !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function normalizeChoice(choice: Json): Json {
  const localized = normalizeLocalizations(choice.name_localizations);
  return { name: choice.name, value: choice.value, ...(localized ? { name_localizations: localized } : {}) };
}

function normalizeOption(option: Json): Json {
  const out: Json = {};
  for (const key of OPTION_KEYS) {
    let value = option[key];
    if (key === 'required' || key === 'autocomplete') value = value ?? false;
    if (key === 'options' && Array.isArray(value)) value = value.map((o) => normalizeOption(o as Json));
    if (key === 'choices' && Array.isArray(value)) value = value.map((c) => normalizeChoice(c as Json));
    if (key === 'name_localizations' || key === 'description_localizations')
      value = normalizeLocalizations(value);
    if (Array.isArray(value) && value.length === 0) value = undefined;
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** A set of small numbers (integration_types, contexts) in one order; `fallback` when not given. */
function numberSet(value: unknown, fallback: number[] | null): number[] | null {
  if (!Array.isArray(value)) return fallback;
  return [...new Set(value.map(Number))].sort((a, b) => a - b);
}

export function normalizeCommand(command: Json): Json {
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description ?? '',
    name_localizations: normalizeLocalizations(command.name_localizations) ?? null,
    description_localizations: normalizeLocalizations(command.description_localizations) ?? null,
    options: Array.isArray(command.options) ? command.options.map((o) => normalizeOption(o as Json)) : [],
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: command.nsfw ?? false,
    // Discord stores a command registered without integration_types as a server install only.
    integration_types: numberSet(command.integration_types, [0]),
    contexts: numberSet(command.contexts, null),
  };
}

export function commandsDiffer(local: readonly object[], remote: readonly unknown[]): boolean {
  if (local.length !== remote.length) return true;
  const key = (c: Json) => String(c.name);
  const remoteByName = new Map(remote.map((c) => [key(c as Json), normalizeCommand(c as Json)]));
  return local.some((c) => {
    const other = remoteByName.get(key(c as Json));
    return !other || JSON.stringify(normalizeCommand(c as Json)) !== JSON.stringify(other);
  });
}
