import { expect, test } from 'vitest';
import { UserError } from '../../src/core/userError.ts';

test('a UserError with a message id renders in the member’s language, and keeps English as its message', () => {
  const error = new UserError({ id: 'error.queueFull', params: { count: 3 } });
  expect(error.message).toBe(
    'You already have 3 generations waiting in line. Please wait for one to start before asking for more.',
  );
  expect(error.id).toBe('error.queueFull');
  expect(error.render('de')).toContain('3 Erzeugungen in der Warteschlange');
  expect(error.render('fr')).toContain('3 générations en attente');
  expect(error.render('es-ES', 'de')).toContain('Erzeugungen');
  expect(error.render('en-GB', 'de')).toBe(error.message);
  expect(error.render(undefined, undefined)).toBe(error.message);
});

test('plural refusals follow the language: French one for 0 and 1, German one for 1 only', () => {
  const queue = (count: number) => new UserError({ id: 'error.queueFull', params: { count } });
  expect(queue(1).message).toContain('1 generation waiting');
  expect(queue(1).render('de')).toContain('1 Erzeugung in');
  expect(queue(0).render('de')).toContain('0 Erzeugungen');
  expect(queue(0).render('fr')).toContain('0 génération en attente');
  const missing = (names: string[]) =>
    new UserError({
      id: 'error.missingPermissions',
      params: { count: names.length, names: names.join(', ') },
    });
  expect(missing(['Attach Files']).message).toBe(
    "I can't post images in this channel: I'm missing the Attach Files permission here. Ask a moderator to grant it.",
  );
  expect(missing(['Attach Files', 'Embed Links']).message).toBe(
    "I can't post images in this channel: I'm missing the Attach Files, Embed Links permissions here. Ask a moderator to grant them.",
  );
  expect(missing(['Attach Files', 'Embed Links']).render('de')).toContain(
    'Mir fehlen hier die Berechtigungen',
  );
});

test('a UserError thrown with a plain text is shown as it is, in any language', () => {
  const error = new UserError('🖼️ That file is too big.');
  expect(error.id).toBeUndefined();
  expect(error.render('de')).toBe('🖼️ That file is too big.');
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('UserError');
});
