// Discord fills in defaults (type 1, required false, empty lists, null localizations…) when it stores a
// command, so both sides are reduced to the fields we set, with those defaults, before comparing.

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
] as const;

function normalizeOption(option: Json): Json {
  const out: Json = {};
  for (const key of OPTION_KEYS) {
    let value = option[key];
    if (key === 'required' || key === 'autocomplete') value = value ?? false;
    if (key === 'options' && Array.isArray(value)) value = value.map((o) => normalizeOption(o as Json));
    if (key === 'choices' && Array.isArray(value))
      value = value.map((c) => ({ name: (c as Json).name, value: (c as Json).value }));
    if (Array.isArray(value) && value.length === 0) value = undefined;
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

export function normalizeCommand(command: Json): Json {
  const contexts = Array.isArray(command.contexts) ? [...command.contexts].sort() : undefined;
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description ?? '',
    options: Array.isArray(command.options) ? command.options.map((o) => normalizeOption(o as Json)) : [],
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: command.nsfw ?? false,
    contexts: contexts ?? null,
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
