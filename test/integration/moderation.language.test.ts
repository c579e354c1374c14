// /settings, /usage and the moderation refusals in the reader's language: the member's client language,
// else the server's, else English. Settings and quotas are stored, so this runs on both engines.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ephemeralAnswer, expectNoViolations, imagine, type Stack, startStack } from './harness.ts';
import {
  type AnsweredEmbed,
  answer,
  asMember,
  asModerator,
  buttonId,
  channelId,
  embedsOf,
  generate,
  guilds,
  settings,
} from './moderationDriver.ts';

/** Intl writes a non-breaking space between an amount and its currency in German and French. */
const nb = (text: string) => text.replaceAll(' $', '\u00a0$');

const ends = (text: string, from: number, to: number) => {
  const seconds = Number(/<t:(\d+):R>/.exec(text)?.[1]);
  expect(seconds).toBeGreaterThanOrEqual(Math.ceil(from / 1000));
  expect(seconds).toBeLessThanOrEqual(Math.ceil(to / 1000));
};

describe.each(['sqlite', 'postgres'] as const)('on %s', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database, discord: { guilds: guilds(3) } });
  });
  afterAll(() => stack?.close());

  const embedOf = async (sent: ReturnType<typeof imagine>): Promise<AnsweredEmbed> => {
    const embeds = embedsOf(await ephemeralAnswer(stack, sent));
    expect(embeds).toHaveLength(1);
    return embeds[0]!;
  };

  describe('GIVEN a moderator whose Discord speaks German', () => {
    const mod = asModerator(1, { locale: 'de' });
    const member = asMember(1, 1, { locale: 'de' });

    test('WHEN they change limits THEN the confirmation names the settings and amounts in German', async () => {
      const reply = await answer(stack, settings(stack, ['limits'], { cooldown: 60, budget: 2 }, mod));
      expect(reply).toBe(
        nb(
          '✅ Wartezeit: keine (Standard) → 60 s\n✅ Tagesbudget: 5,00 $ pro Tag (Standard) → 2,00 $ pro Tag',
        ),
      );
      expect(await answer(stack, settings(stack, ['limits'], { cooldown: 60 }, mod))).toBe(
        'Nichts geändert: Die Grenzen sind bereits so eingestellt.',
      );
      expectNoViolations(stack);
    });

    test('WHEN they run /settings show THEN the embed is German: title, every line, the last changes', async () => {
      const embed = await embedOf(settings(stack, ['show'], {}, mod));
      expect(embed.title).toBe('⚙️ Einstellungen dieses Servers');
      expect(embed.description).toContain('✏️ von einem Moderator geändert · der Rest sind Standardwerte');
      expect(embed.description).toContain('✏️ **Wartezeit**: 60 s · Standard keine');
      expect(embed.description).toContain(
        nb('✏️ **Tagesbudget**: 2,00 $ pro Tag (50 Bilder zu je 0,04 $) · Standard 5,00 $ pro Tag'),
      );
      expect(embed.description).toContain('**Sicherheitsstufe**: 2 · Standard 2');
      expect(embed.description).toMatch(/Tageslimits werden <t:\d+:R> zurückgesetzt/);
      expect(embed.fields?.map((f) => f.name)).toEqual(['Letzte Änderungen']);
      expect(embed.fields?.[0]?.value).toContain('Wartezeit: keine (Standard) → 60 s');
      expectNoViolations(stack);
    });

    test('WHEN a German member generates again during the cooldown THEN the refusal is German, with a timestamp', async () => {
      const before = Date.now();
      await generate(stack, 'ein Leuchtturm', member);
      const after = Date.now();
      const reply = await answer(stack, imagine(stack, { prompt: 'noch ein Leuchtturm' }, member));
      expect(reply).toMatch(
        /^⏳ Etwas langsamer bitte: Dieser Server erlaubt eine Erzeugung alle 60 Sekunden\. Du kannst es <t:\d+:R> wieder versuchen\.$/,
      );
      ends(reply, before + 60_000, after + 60_000);
      expectNoViolations(stack);
    });

    test('WHEN they run /usage THEN the figures, spend and budget are German', async () => {
      const embed = await embedOf(stack.discord.slashCommand('usage', [], mod));
      expect(embed.title).toBe('📊 Deine Bilder heute: 0');
      expect(embed.fields?.[0]?.name).toBe('Heute noch übrig');
      expect(embed.fields?.[0]?.value).toMatch(
        /^25 Bilder \(Tageslimits: 25 Bilder pro Mitglied, ein Serverbudget von 2,00\u00a0\$; der Tag endet <t:\d+:R>\)$/,
      );
      expect(embed.fields?.slice(1)).toEqual([
        { name: '🏠 Dieser Server heute', value: nb('1 Bild · geschätzt 0,04 $ von 2,00 $ Tagesbudget') },
        { name: '🏠 Dieser Server, letzte 30 Tage', value: nb('1 Bild · geschätzt 0,04 $') },
        { name: 'Aktivste Mitglieder (30 Tage)', value: `1. <@${asMember(1).user?.id}> 1` },
      ]);
      expect(embed.footer?.text).toContain(nb('0,04 $ pro [pro]-Bild'));
      // A member sees their own cooldown, in German.
      const own = await embedOf(stack.discord.slashCommand('usage', [], member));
      expect(own.title).toBe('📊 Deine Bilder heute: 1');
      expect(own.fields?.map((f) => f.name)).toEqual(['Heute noch übrig', 'Wartezeit']);
      expect(own.fields?.[1]?.value).toMatch(/^du kannst <t:\d+:R> wieder erzeugen$/);
      expectNoViolations(stack);
    });

    test('WHEN they ask for a reset THEN the question and both buttons are German, and so is the cancel', async () => {
      const ask = settings(stack, ['reset'], {}, mod);
      expect(await answer(stack, ask)).toContain('**Alle** Einstellungen dieses Servers');
      const prompt = stack.discord.originalMessage(ask.token)!;
      buttonId(prompt, 'Auf Standard zurücksetzen');
      const cancel = stack.discord.button(buttonId(prompt, 'Abbrechen'), prompt, mod);
      expect(((await cancel.callback()).json as { data: { content: string } }).data.content).toBe(
        'Nichts geändert.',
      );
      expectNoViolations(stack);
    });
  });

  describe('GIVEN a moderator whose Discord speaks French', () => {
    const mod = asModerator(2, { locale: 'fr' });

    test('WHEN they set max_count, run /settings show and /usage THEN all is French; a member over max_count is refused in French', async () => {
      expect(await answer(stack, settings(stack, ['limits'], { max_count: 1 }, mod))).toBe(
        '✅ Images par demande : 4 (par défaut) → 1',
      );
      const show = await embedOf(settings(stack, ['show'], {}, mod));
      expect(show.title).toBe('⚙️ Paramètres de ce serveur');
      expect(show.description).toContain('✏️ **Images par demande** : 1 · par défaut 4');
      expect(show.fields?.[0]?.name).toBe('Dernières modifications');

      const refused = await answer(
        stack,
        imagine(stack, { prompt: 'un renard', count: 3 }, asMember(2, 1, { locale: 'fr' })),
      );
      expect(refused).toBe(
        '🔢 Ce serveur autorise au plus 1 image par demande (celle-ci en demande 3). Redemandez avec un nombre plus petit.',
      );

      const usage = await embedOf(stack.discord.slashCommand('usage', [], mod));
      expect(usage.title).toBe('📊 Vos images aujourd’hui : 0');
      expect(usage.fields?.[1]).toEqual({
        name: '🏠 Ce serveur aujourd’hui',
        value: nb('0 image · environ 0,00 $US sur un budget quotidien de 5,00 $US'),
      });
      expectNoViolations(stack);
    });
  });

  describe('GIVEN a server whose language is German', () => {
    const inGerman = { guildLocale: 'de' };

    test('WHEN a member whose Discord speaks a language we do not ship (ja) uses it THEN they get German', async () => {
      const mod = asModerator(3, { ...inGerman, locale: 'ja' });
      expect(
        await answer(stack, settings(stack, ['channels'], { add: channelId(3, 2) }, mod, { add: 7 })),
      ).toBe(`✅ Kanäle: <#${channelId(3, 2)}> hinzugefügt → nur in <#${channelId(3, 2)}>`);
      expect((await embedOf(settings(stack, ['show'], {}, mod))).title).toBe(
        '⚙️ Einstellungen dieses Servers',
      );
      const refused = await answer(
        stack,
        imagine(stack, { prompt: 'a fox' }, asMember(3, 1, { ...inGerman, locale: 'ja' })),
      );
      expect(refused).toBe(`🔒 Auf diesem Server lassen sich Bilder nur in <#${channelId(3, 2)}> erstellen.`);
      // The member's own language, when we ship it, comes before the server's.
      const english = await answer(
        stack,
        imagine(stack, { prompt: 'a fox' }, asMember(3, 2, { ...inGerman, locale: 'en-GB' })),
      );
      expect(english).toBe(`🔒 In this server, images can only be made in <#${channelId(3, 2)}>.`);
      expectNoViolations(stack);
    });
  });
});
