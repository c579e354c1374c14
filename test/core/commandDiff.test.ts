import { expect, test } from 'vitest';
import { definition } from '../../commands/imagine.ts';
import { commandsDiffer } from '../../src/core/commandDiff.ts';

// What Discord answers for a stored command: ids, versions and defaults filled in.
const asDiscordStoresIt = (command: typeof definition) => ({
  ...command,
  id: '1',
  application_id: '2',
  version: '3',
  type: 1,
  default_member_permissions: null,
  nsfw: false,
  integration_types: [0],
  description_localizations: null,
  options: command.options.map((option) => ({ required: false, ...option, name_localizations: null })),
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
