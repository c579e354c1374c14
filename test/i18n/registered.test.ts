// The commands the bot registers carry their German and French texts, and Discord's emulator holds them to
// Discord's rules for localisations.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { de } from '../../src/i18n/de.ts';
import { fr } from '../../src/i18n/fr.ts';
import { type DiscordEmulator, startDiscordEmulator } from '../emulators/discord/index.ts';
import {
  contentOf,
  ephemeralAnswer,
  expectNoViolations,
  type Stack,
  startStack,
} from '../integration/harness.ts';

interface Registered {
  name: string;
  description: string;
  name_localizations?: Record<string, string> | null;
  description_localizations?: Record<string, string> | null;
  options?: Registered[];
  choices?: { name: string; name_localizations?: Record<string, string> | null }[];
}

describe('GIVEN the bot has started', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const registered = (name: string) =>
    (stack.discord.commands() as Registered[]).find((command) => command.name === name);

  test('THEN /imagine is registered with its German and French name and description', () => {
    const imagine = registered('imagine');
    expect(imagine?.description).toBe('Create images from a prompt with FLUX.1 Kontext [pro]');
    expect(imagine?.name_localizations).toEqual({ de: 'bild', fr: 'imaginer' });
    expect(imagine?.description_localizations).toEqual({
      de: de['command.imagine.description'],
      fr: fr['command.imagine.description'],
    });
    const prompt = imagine?.options?.find((option) => option.name === 'prompt');
    expect(prompt?.name_localizations).toEqual({ de: 'beschreibung', fr: 'description' });
    expect(prompt?.description_localizations?.de).toBe('Was gezeichnet werden soll');
  });

  test('THEN every command, option, sub-option and worded choice has a German text', () => {
    const missing: string[] = [];
    const visit = (item: Registered, path: string, described: boolean) => {
      if (!item.name_localizations?.de) missing.push(`${path} name`);
      if (described && !item.description_localizations?.de) missing.push(`${path} description`);
      for (const option of item.options ?? []) visit(option, `${path} ${option.name}`, true);
      for (const choice of item.choices ?? []) {
        const worded = choice.name !== String((choice as { value?: unknown }).value);
        if (worded && !choice.name_localizations?.de) missing.push(`${path} choice ${choice.name}`);
      }
    };
    for (const command of stack.discord.commands() as (Registered & { type: number })[])
      visit(command, command.name, command.type === 1);
    expect(missing).toEqual([]);
    expect(registered('Edit with Kontext')?.name_localizations).toEqual({
      de: 'Mit Kontext bearbeiten',
      fr: 'Modifier avec Kontext',
    });
    expectNoViolations(stack);
  });

  test('WHEN a German, French or Spanish member is refused THEN the answer is in their language, else English', async () => {
    const refusal = async (locale: string) =>
      contentOf(await ephemeralAnswer(stack, stack.discord.slashCommand('explode', [], { locale })));
    expect(await refusal('de')).toBe('Diesen Befehl gibt es nicht mehr.');
    expect(await refusal('fr')).toBe('Cette commande n’est plus disponible.');
    expect(await refusal('es-ES')).toBe('This command is no longer available.');
    const settings = stack.discord.slashCommand('settings', [{ name: 'show', type: 1, options: [] }], {
      locale: 'de',
    });
    expect(contentOf(await ephemeralAnswer(stack, settings))).toBe(
      'Nur Mitglieder mit der Berechtigung „Server verwalten“ können diese Einstellungen ändern.',
    );
  });

  test('WHEN it restarts THEN the localised set is seen as unchanged and not written again', async () => {
    const writes = stack.discord.commandWrites;
    await stack.restartBot();
    await stack.discord.waitForConnection();
    await stack.logs.waitFor((line) => line.msg === 'commands already registered');
    expect(stack.discord.commandWrites).toBe(writes);
  });
});

describe('GIVEN the Discord emulator', () => {
  let emu: DiscordEmulator;
  beforeAll(async () => {
    emu = await startDiscordEmulator();
  });
  afterAll(() => emu.close());

  const put = async (commands: unknown, query = '') => {
    const res = await fetch(`${emu.apiUrl}/v10/applications/${emu.applicationId}/commands${query}`, {
      method: 'PUT',
      headers: { authorization: `Bot ${emu.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(commands),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const list = async (query = '') => {
    const res = await fetch(`${emu.apiUrl}/v10/applications/${emu.applicationId}/commands${query}`, {
      headers: { authorization: `Bot ${emu.token}` },
    });
    return (await res.json()) as Registered[];
  };
  const command = (extra: Record<string, unknown> = {}, option: Record<string, unknown> = {}) => ({
    name: 'imagine',
    description: 'Draw',
    options: [{ type: 3, name: 'prompt', description: 'What to draw', ...option }],
    ...extra,
  });
  const refusedAt = async (body: unknown, errors: unknown) => {
    const writes = emu.commandWrites;
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 50035, message: 'Invalid Form Body', errors });
    expect(emu.commandWrites).toBe(writes);
    emu.violations.splice(0);
  };

  test('WHEN localisations are valid THEN they are stored, and listed only with with_localizations=true', async () => {
    const body = [
      command(
        {
          name_localizations: { de: 'bild', 'en-GB': 'imagine' },
          description_localizations: { fr: 'Dessiner' },
        },
        {
          type: 4,
          name_localizations: { de: 'anzahl' },
          choices: [{ name: 'one', value: 1, name_localizations: { de: 'eins' } }],
        },
      ),
      { type: 3, name: 'Edit with Kontext', name_localizations: { de: 'Mit Kontext bearbeiten' } },
    ];
    const res = await put(body);
    expect(res.status).toBe(200);
    expect(emu.violations.splice(0)).toEqual([]);
    const [full] = await list('?with_localizations=true');
    expect(full?.name_localizations).toEqual({ de: 'bild', 'en-GB': 'imagine' });
    expect(full?.options?.[0]?.choices?.[0]?.name_localizations).toEqual({ de: 'eins' });
    const [plain] = await list();
    expect(plain).not.toHaveProperty('name_localizations');
    expect(plain?.options?.[0]).not.toHaveProperty('name_localizations');
    expect(plain?.options?.[0]?.choices?.[0]).not.toHaveProperty('name_localizations');
    const unset = (await list('?with_localizations=true'))[1];
    expect(unset?.description_localizations).toBeNull();
  });

  test('WHEN a localised command name has capitals, a space or 33 letters THEN 400 names it', async () => {
    for (const bad of ['Bild', 'bild erzeugen', 'b'.repeat(33)]) {
      const code = bad.length > 32 ? 'BASE_TYPE_BAD_LENGTH' : 'APPLICATION_COMMAND_INVALID_NAME';
      await refusedAt([command({ name_localizations: { de: bad } })], {
        0: { name_localizations: { de: { _errors: [{ code }] } } },
      });
    }
  });

  test('WHEN a localised option name or description is out of bounds THEN 400 names it', async () => {
    await refusedAt([command({}, { name_localizations: { fr: 'Invite' } })], {
      0: {
        options: {
          0: { name_localizations: { fr: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } },
        },
      },
    });
    await refusedAt([command({}, { description_localizations: { de: 'x'.repeat(101) } })], {
      0: {
        options: {
          0: { description_localizations: { de: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } },
        },
      },
    });
    await refusedAt([command({ description_localizations: { de: '' } })], {
      0: { description_localizations: { de: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } },
    });
  });

  test('WHEN a choice name localisation is over 100 THEN 400 names it', async () => {
    const choices = [{ name: 'one', value: 'one', name_localizations: { de: 'e'.repeat(101) } }];
    await refusedAt([command({}, { choices })], {
      0: {
        options: {
          0: {
            choices: { 0: { name_localizations: { de: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } },
          },
        },
      },
    });
  });

  test('WHEN a localisation key is not a Discord locale THEN 400 names the key', async () => {
    await refusedAt([command({ name_localizations: { xx: 'bild' } })], {
      0: { name_localizations: { xx: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } },
    });
    await refusedAt([command({ description_localizations: { 'de-DE': 'Malen' } })], {
      0: { description_localizations: { 'de-DE': { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } },
    });
  });

  test('WHEN a message command name localisation is 33 long THEN 400; spaces and capitals are fine', async () => {
    await refusedAt([{ type: 3, name: 'Edit', name_localizations: { de: 'B'.repeat(33) } }], {
      0: { name_localizations: { de: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } },
    });
  });

  test('WHEN two options share a German name THEN 400 names the duplicate', async () => {
    const body = [
      {
        name: 'imagine',
        description: 'Draw',
        options: [
          { type: 3, name: 'prompt', description: 'P', name_localizations: { de: 'text' } },
          { type: 3, name: 'style', description: 'S', name_localizations: { de: 'text' } },
        ],
      },
    ];
    await refusedAt(body, {
      0: {
        options: {
          1: {
            name_localizations: {
              de: { _errors: [{ code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS' }] },
            },
          },
        },
      },
    });
  });
});
