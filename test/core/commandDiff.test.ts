import { describe, expect, test } from 'vitest';
import { definition } from '../../commands/imagine.ts';
import { definition as settings } from '../../commands/settings.ts';
import { commandsDiffer } from '../../src/core/commandDiff.ts';

type Json = Record<string, unknown>;

/** Discord answers null for a localisation map that was never set, and fills in its other defaults. */
const stored = (option: Json): Json => ({
  required: false,
  name_localizations: null,
  description_localizations: null,
  ...option,
  ...(Array.isArray(option.options) ? { options: option.options.map((o) => stored(o as Json)) } : {}),
  ...(Array.isArray(option.choices)
    ? { choices: option.choices.map((c) => ({ name_localizations: null, ...(c as Json) })) }
    : {}),
});

// What Discord answers for a stored command (read with ?with_localizations=true): ids, versions and defaults.
const asDiscordStoresIt = (command: Json) => ({
  name_localizations: null,
  description_localizations: null,
  ...command,
  id: '1',
  application_id: '2',
  version: '3',
  type: 1,
  default_member_permissions: command.default_member_permissions ?? null,
  nsfw: false,
  integration_types: [0],
  options: (command.options as Json[]).map(stored),
});

test('an unchanged command set is not re-registered, a changed one is', () => {
  expect(commandsDiffer([definition], [asDiscordStoresIt(definition)])).toBe(false);
  expect(commandsDiffer([definition], [])).toBe(true);
  expect(commandsDiffer([definition], [{ ...asDiscordStoresIt(definition), description: 'old' }])).toBe(true);
  const fewerOptions = {
    ...asDiscordStoresIt(definition),
    options: asDiscordStoresIt(definition).options.slice(1),
  };
  expect(commandsDiffer([definition], [fewerOptions])).toBe(true);
});

describe('localisations', () => {
  const remote = () => asDiscordStoresIt(definition) as Json & { options: Json[] };

  test('a set with sub-commands and localised choices, as Discord stores it, is unchanged', () => {
    expect(commandsDiffer([settings], [asDiscordStoresIt(settings)])).toBe(false);
  });

  test('a changed German description of the command is a difference', () => {
    const old = {
      ...remote(),
      description_localizations: { ...definition.description_localizations, de: 'Alte Beschreibung' },
    };
    expect(commandsDiffer([definition], [old])).toBe(true);
  });

  test('a missing or changed localisation of an option is a difference', () => {
    const [first, ...rest] = remote().options;
    const without = { ...remote(), options: [{ ...first, name_localizations: null }, ...rest] };
    expect(commandsDiffer([definition], [without])).toBe(true);
    const changed = {
      ...remote(),
      options: [{ ...first, description_localizations: { de: 'anders', fr: 'autre' } }, ...rest],
    };
    expect(commandsDiffer([definition], [changed])).toBe(true);
  });

  test('a changed localisation of a choice, deep in a sub-command, is a difference', () => {
    const copy = structuredClone(asDiscordStoresIt(settings)) as Json & { options: Json[] };
    const safety = copy.options.find((o) => o.name === 'safety') as { options: Json[] };
    const level = safety.options[0] as { choices: Json[] };
    (level.choices[0] as Json).name_localizations = { de: '1 – ganz streng', fr: '1 – le plus strict' };
    expect(commandsDiffer([settings], [copy])).toBe(true);
  });

  test('null, absent, {} and null entries are the same "no localisation"; locale order does not matter', () => {
    const plain = { name: 'ping', description: 'Pong', options: [{ type: 3, name: 'x', description: 'X' }] };
    const variants = [
      { ...plain, name_localizations: null, description_localizations: {} },
      { ...plain, description_localizations: { de: null } },
      {
        ...plain,
        options: [{ ...plain.options[0], name_localizations: {}, description_localizations: null }],
      },
    ];
    for (const variant of variants) {
      expect(commandsDiffer([plain], [asDiscordStoresIt(variant)])).toBe(false);
      expect(commandsDiffer([variant], [asDiscordStoresIt(plain)])).toBe(false);
    }
    const ordered = { ...plain, description_localizations: { de: 'Pong!', fr: 'Pong !' } };
    const reversed = { ...plain, description_localizations: { fr: 'Pong !', de: 'Pong!' } };
    expect(commandsDiffer([ordered], [asDiscordStoresIt(reversed)])).toBe(false);
    expect(commandsDiffer([plain], [asDiscordStoresIt(ordered)])).toBe(true);
  });
});

describe('where a command may be used', () => {
  const withReach = (integration_types: number[] | undefined, contexts: number[] | undefined) => ({
    ...definition,
    ...(integration_types ? { integration_types } : {}),
    ...(contexts ? { contexts } : {}),
  });
  const stored = (integration_types: number[], contexts: number[] | null) => ({
    ...asDiscordStoresIt(definition),
    integration_types,
    contexts,
  });

  test('GIVEN a user install switched on WHEN Discord has the server install only THEN it differs', () => {
    expect(commandsDiffer([withReach([0, 1], [0, 1, 2])], [stored([0], [0, 1])])).toBe(true);
    expect(commandsDiffer([withReach([0], [0, 1])], [stored([0, 1], [0, 1, 2])])).toBe(true);
  });

  test('GIVEN a private channel added or removed THEN it differs', () => {
    expect(commandsDiffer([withReach([0, 1], [0, 2])], [stored([0, 1], [0])])).toBe(true);
    expect(commandsDiffer([withReach([0, 1], [0])], [stored([0, 1], [0, 2])])).toBe(true);
  });

  test('the same sets in another order, and no integration_types against [0], are unchanged', () => {
    expect(commandsDiffer([withReach([1, 0], [2, 0, 1])], [stored([0, 1], [0, 1, 2])])).toBe(false);
    expect(commandsDiffer([withReach(undefined, [0])], [stored([0], [0])])).toBe(false);
  });
});
