// Every text fits where Discord shows it, in every language and plural form, with realistic values filled
// in. Where a text goes is read from its key (see src/i18n/en.ts).
import { describe, expect, test } from 'vitest';
import { textsOf } from '../../src/i18n/check.ts';
import { en } from '../../src/i18n/en.ts';
import type { Catalogue } from '../../src/i18n/message.ts';
import { catalogues, fill } from '../../src/i18n/translate.ts';

/** Discord's rule for command and option names: https://discord.com/developers/docs/interactions/application-commands */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

interface Limit {
  where: string;
  max: number;
  chatInputName?: boolean;
}

function limitOf(id: string): Limit {
  const [prefix] = id.split('.');
  if ((prefix === 'command' || prefix === 'option') && id.endsWith('.name'))
    return { where: 'command or option name', max: 32, chatInputName: true };
  if (prefix === 'menu' && id.endsWith('.name')) return { where: 'message command name', max: 32 };
  if (id.endsWith('.description')) return { where: 'description', max: 100 };
  if (prefix === 'choice') return { where: 'choice name', max: 100 };
  if (prefix === 'button') return { where: 'button label', max: 80 };
  if (prefix === 'modal' && id.endsWith('.title')) return { where: 'modal title', max: 45 };
  if (prefix === 'input' && id.endsWith('.label')) return { where: 'text input label', max: 45 };
  if (prefix === 'input' && id.endsWith('.placeholder')) return { where: 'text input placeholder', max: 100 };
  if (prefix === 'label' && id.endsWith('.label')) return { where: 'label component label', max: 45 };
  if (prefix === 'select' && id.endsWith('.placeholder')) return { where: 'select placeholder', max: 150 };
  if (prefix === 'embed' && id.endsWith('.title')) return { where: 'embed title', max: 256 };
  if (prefix === 'field' && id.endsWith('.name')) return { where: 'embed field name', max: 256 };
  return { where: 'message content', max: 2000 };
}

/** Values as long as they get in use: counts up to a million, ids of 20 digits, names and terms at their caps. */
const REALISTIC: Record<string, string | number> = {
  count: 1_000_000,
  name: 'image4',
  seconds: 86_400,
  term: 'x'.repeat(100),
  error: 'count must be between 1 and 4',
  errorId: '1234567890123456789',
  names: 'View Channel, Send Messages, Attach Files, Embed Links, Use External Emojis',
};

const chars = (text: string) => [...text].length;

describe.each(Object.keys(catalogues))('GIVEN the %s catalogue', (locale) => {
  const catalogue = catalogues[locale as keyof typeof catalogues] as Catalogue;

  test.each(Object.keys(en))('%s fits where Discord shows it', (id) => {
    const limit = limitOf(id);
    const message = catalogue[id];
    expect(message).toBeDefined();
    for (const form of textsOf(message ?? '')) {
      const text = fill(form, REALISTIC);
      expect(chars(text), `${limit.where}: ${text}`).toBeGreaterThanOrEqual(1);
      expect(chars(text), `${limit.where}: ${text}`).toBeLessThanOrEqual(limit.max);
      if (limit.chatInputName) {
        expect(text, 'allowed characters').toMatch(CHAT_INPUT_NAME);
        expect(text, 'lowercase').toBe(text.toLowerCase());
      }
    }
  });
});

describe('limitOf reads the place from the key', () => {
  test.each([
    ['command.imagine.name', 32],
    ['option.settings.limits.budget.description', 100],
    ['choice.level.1', 100],
    ['button.reroll', 80],
    ['modal.edit.title', 45],
    ['input.prompt.label', 45],
    ['input.prompt.placeholder', 100],
    ['embed.result.title', 256],
    ['field.seed.name', 256],
    ['label.which.label', 45],
    ['select.image.placeholder', 150],
    ['refusal.queueFull', 2000],
  ])('%s → %i', (id, max) => {
    expect(limitOf(id).max).toBe(max);
  });

  test('a name too long, with a space or in capitals is caught', () => {
    const bad = ['Imagine', 'bild erzeugen', 'x'.repeat(33)];
    for (const name of bad) {
      const fits = chars(name) <= 32 && CHAT_INPUT_NAME.test(name) && name === name.toLowerCase();
      expect(fits, name).toBe(false);
    }
  });
});
