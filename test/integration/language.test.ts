// A member whose Discord speaks German (or French) meets the bot in that language: the progress of
// /imagine, the posted result with its buttons, the Edit image form, and refusals. A language we do not
// ship falls back to the server's, then English.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EmulatedMessage, InteractionContext, RecordedRequest } from '../emulators/discord/index.ts';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  type Stack,
  settled,
  startStack,
} from './harness.ts';

const STRANGER = { id: '300000000000000005', username: 'someone' };
const BASIC = (1n << 10n) | (1n << 11n) | (1n << 31n);

const GERMAN: InteractionContext = { locale: 'de' };
const FRENCH: InteractionContext = { locale: 'fr' };

interface Button {
  label?: string;
  custom_id?: string;
}
interface Embed {
  title?: string;
  fields?: { name: string; value: string }[];
}

const buttonsOf = (message: EmulatedMessage | { components?: unknown }) =>
  ((message.components ?? []) as { components: Button[] }[]).flatMap((row) => row.components);

function customIdOf(message: EmulatedMessage, label: string): string {
  const button = buttonsOf(message).find((b) => b.label === label);
  if (!button?.custom_id) throw new Error(`no ${label} button on message ${message.id}`);
  return button.custom_id;
}

const embedOf = (request: RecordedRequest) =>
  ((request.json as { embeds?: Embed[] } | undefined)?.embeds ?? [])[0];

// Each generation row stores its requester's language: both storage engines must keep it.
describe.each(['sqlite', 'postgres'] as const)('on %s', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database, progressIntervalMs: 200 });
  });
  afterAll(() => stack.close());
  afterEach(() => {
    stack.fal.resume();
    expectNoViolations(stack);
  });

  async function generated(prompt: string, ctx: InteractionContext, count = 1) {
    const sent = imagine(stack, { prompt, count }, ctx);
    const edit = await delivery(stack, sent);
    const message = stack.discord.originalMessage(sent.token);
    if (!message) throw new Error('no original message');
    // The buttons act on the stored result: wait until it is recorded as delivered.
    const generationId = buttonsOf(message)[0]?.custom_id?.split(':')[2];
    if (!generationId) throw new Error('no generation id on the result');
    await settled(stack, generationId);
    return { sent, edit, message };
  }

  describe('GIVEN a member whose Discord is in German', () => {
    test('WHEN they run /imagine THEN the progress, its Cancel button, the result embed and its buttons are German', async () => {
      stack.fal.pause();
      const sent = imagine(stack, { prompt: 'ein Leuchtturm' }, GERMAN);
      const route = `/webhooks/${stack.discord.applicationId}/${sent.token}/messages/@original`;
      const progress = await stack.discord.waitForRequest(
        (r) => r.method === 'PATCH' && r.route === route && r.files.length === 0 && contentOf(r) !== '',
      );
      expect(contentOf(progress)).toMatch(
        /^\*\*ein Leuchtturm\*\*\n(⏳ Warte in der Schlange von fal|🎨 Wird erzeugt…)/,
      );
      expect(buttonsOf(progress.json as { components?: unknown }).map((b) => b.label)).toEqual(['Abbrechen']);
      stack.fal.resume();

      const edit = await delivery(stack, sent);
      const embed = embedOf(edit);
      expect(embed?.title).toBe('Erzeugt');
      expect(embed?.fields?.map((field) => field.name)).toEqual([
        'Seed',
        'Seitenverhältnis',
        'Bilder',
        'Genauigkeit',
        'Dauer',
        'Angefragt von',
      ]);
      expect(embed?.fields?.find((field) => field.name === 'Genauigkeit')?.value).toBe('3,5');
      expect(embed?.fields?.find((field) => field.name === 'Dauer')?.value).toMatch(/^\d+,\d s$/);
      expect(buttonsOf(edit.json as { components?: unknown }).map((b) => b.label)).toEqual([
        'Neu würfeln',
        'Gleicher Seed',
        'Beschreibung ändern',
        'Bild bearbeiten',
        'Löschen',
        'Favorit',
      ]);
    });

    test('WHEN they press Edit image THEN the form’s title, labels and image choice are German', async () => {
      const { message } = await generated('zwei Katzen', GERMAN, 2);
      const press = stack.discord.button(customIdOf(message, 'Bild bearbeiten'), message, GERMAN);
      await press.callback();
      const modal = stack.discord.lastModal(press.token) as {
        title: string;
        components: {
          label?: string;
          description?: string;
          component: { options?: { label: string }[] };
        }[];
      };
      expect(modal.title).toBe('Mit Kontext bearbeiten');
      expect(modal.components.map((component) => component.label)).toEqual([
        'Was soll sich ändern?',
        'Welches Bild',
      ]);
      expect(modal.components[1]?.component.options?.map((option) => option.label)).toEqual([
        'Bild 1',
        'Bild 2',
      ]);
      expect(modal.components[0]?.description).toBe(
        'Sag es als Anweisung: „gib dem Fuchs einen roten Schal“',
      );
    });

    test('WHEN their new prompt is empty, or they press Delete on someone else’s result THEN the refusal is German', async () => {
      const { message } = await generated('ein Teich', {});
      const reprompt = stack.discord.button(customIdOf(message, 'Edit prompt'), message, GERMAN);
      await reprompt.callback();
      const modal = stack.discord.lastModal(reprompt.token) as {
        custom_id: string;
        title: string;
        components: { components: { label: string }[] }[];
      };
      expect(modal.title).toBe('Beschreibung ändern');
      expect(modal.components[0]?.components[0]?.label).toBe('Beschreibung (gleiche Optionen und Seed)');
      // A crafted submit skips the client's min_length: the bot's own check answers.
      const submit = stack.discord.modalSubmit(modal.custom_id, { prompt: '   ' }, { ...GERMAN, message });
      expect(contentOf(await ephemeralAnswer(stack, submit))).toBe(
        'Diese Beschreibung kann ich nicht verwenden: die Beschreibung ist leer.',
      );

      const refused = stack.discord.button(customIdOf(message, 'Delete'), message, {
        ...GERMAN,
        user: STRANGER,
        memberPermissions: BASIC,
      });
      expect(contentOf(await ephemeralAnswer(stack, refused))).toBe(
        'Nur das Mitglied, das dieses Bild angefragt hat, oder ein Moderator mit „Nachrichten verwalten“ kann es löschen.',
      );
    });
  });

  describe('GIVEN a member whose Discord is in French', () => {
    test('WHEN they run /imagine THEN the result is French, and an English member’s refusal stays English', async () => {
      const { edit, message } = await generated('un phare', FRENCH);
      expect(embedOf(edit)?.title).toBe('Imaginé');
      expect(embedOf(edit)?.fields?.[0]?.name).toBe('Graine');
      expect(buttonsOf(message).map((b) => b.label)).toContain('Relancer');

      const refused = stack.discord.button(customIdOf(message, 'Supprimer'), message, {
        user: STRANGER,
        memberPermissions: BASIC,
      });
      expect(contentOf(await ephemeralAnswer(stack, refused))).toBe(
        'Only the member who asked for this image, or a moderator with Manage Messages, can delete it.',
      );
    });
  });

  describe('GIVEN a member whose Discord language we do not ship', () => {
    test('WHEN the server is German THEN the result and refusals are German', async () => {
      const ctx = { locale: 'ja', guildLocale: 'de' };
      const { edit, message } = await generated('ein Berg', ctx);
      expect(embedOf(edit)?.title).toBe('Erzeugt');
      const refused = stack.discord.button(customIdOf(message, 'Löschen'), message, {
        ...ctx,
        user: STRANGER,
        memberPermissions: BASIC,
      });
      expect(contentOf(await ephemeralAnswer(stack, refused))).toContain('Nur das Mitglied');
    });

    test('WHEN the server’s language is not shipped either THEN everything is English', async () => {
      const ctx = { locale: 'ja', guildLocale: 'es-ES' };
      const { edit, message } = await generated('a mountain', ctx);
      expect(embedOf(edit)?.title).toBe('Imagined');
      expect(buttonsOf(message).map((b) => b.label)).toContain('Reroll');
      const refused = stack.discord.button(customIdOf(message, 'Delete'), message, {
        ...ctx,
        user: STRANGER,
        memberPermissions: BASIC,
      });
      expect(contentOf(await ephemeralAnswer(stack, refused))).toContain('Only the member who asked');
    });
  });
});
