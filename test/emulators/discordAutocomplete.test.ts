// The emulator's autocomplete: a type-4 interaction with one focused option, answered by callback type 8
// whose choices Discord checks (≤ 25, names 1–100, string values ≤ 100, numbers for numeric options).
import { beforeAll, describe, expect, test } from 'vitest';
import type { DiscordEmulator } from './discord/index.ts';
import { useDiscordClient } from './discordClientKit.ts';

const kit = useDiscordClient();
let emu: DiscordEmulator;
beforeAll(() => {
  ({ emu } = kit);
});

const callback = (sent: { id: string; token: string }, body: unknown) =>
  fetch(`${emu.apiUrl}/v10/interactions/${sent.id}/${sent.token}/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const typing = (type = 3, value: string | number = 'no') =>
  emu.autocomplete('imagine', [
    { name: 'prompt', type: 3, value: 'a cat' },
    { name: 'preset', type, value, focused: true },
  ]);

describe('GIVEN a member typing into an autocomplete option', () => {
  test('THEN discord.js sees an autocomplete with the focused option, and its respond() is recorded', async () => {
    const sent = typing();
    const interaction = await kit.received(sent);
    expect(interaction.isAutocomplete()).toBe(true);
    if (!interaction.isAutocomplete()) return;
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'preset', value: 'no' });
    await interaction.respond([{ name: 'noir · film noir', value: 'noir' }]);
    expect(emu.autocompleteChoices(sent.token)).toEqual([{ name: 'noir · film noir', value: 'noir' }]);
    expect(kit.takeViolations()).toEqual([]);
  });

  test.each([
    ['26 choices', { choices: Array.from({ length: 26 }, (_, i) => ({ name: `p${i}`, value: `p${i}` })) }],
    ['an empty name', { choices: [{ name: '', value: 'x' }] }],
    ['a name of 101 characters', { choices: [{ name: 'n'.repeat(101), value: 'x' }] }],
    ['a string value of 101 characters', { choices: [{ name: 'n', value: 'v'.repeat(101) }] }],
    ['a number for a string option', { choices: [{ name: 'n', value: 3 }] }],
    ['no choices at all', {}],
  ])('WHEN answered with %s THEN Discord refuses it with 400 50035', async (_why, data) => {
    const sent = typing();
    const response = await callback(sent, { type: 8, data });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: number }).code).toBe(50035);
    expect(emu.autocompleteChoices(sent.token)).toBeUndefined();
  });

  test('WHEN an integer option is answered with a string value THEN it is refused; with a number, taken', async () => {
    expect(
      (await callback(typing(4, 2), { type: 8, data: { choices: [{ name: 'two', value: '2' }] } })).status,
    ).toBe(400);
    expect(
      (await callback(typing(4, 2), { type: 8, data: { choices: [{ name: 'two', value: 2 }] } })).status,
    ).toBe(204);
  });

  test('WHEN answered with a message (type 4) THEN it is refused; and a slash command cannot take type 8', async () => {
    expect((await callback(typing(), { type: 4, data: { content: 'hi' } })).status).toBe(400);
    const slash = emu.slashCommand('imagine', [{ name: 'prompt', type: 3, value: 'a cat' }]);
    expect((await callback(slash, { type: 8, data: { choices: [] } })).status).toBe(400);
  });
});
