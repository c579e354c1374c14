import type { APIButtonComponent } from 'discord-api-types/v10';
import { describe, expect, test } from 'vitest';
import type { Generation } from '../../src/core/generation.ts';
import { LIMITS, plainText } from '../../src/discord/presentation/markdown.ts';
import { cancelButtonRow, progressContent } from '../../src/discord/presentation/progress.ts';
import {
  parseImageFileName,
  resultMessage as render,
  resultButtons,
} from '../../src/discord/presentation/resultMessage.ts';
import { completedGeneration } from '../fixtures/generation.ts';

const generation = (prompt: string, count = 1): Generation =>
  completedGeneration({
    seed: 1234,
    options: { prompt, aspectRatio: '16:9', count, guidance: 3.5, format: 'png', enhancePrompt: false },
  });

const image = { data: Buffer.from('x'), contentType: 'image/png' };
const resultMessage = (g: Generation, images: (typeof image)[], ms: number) =>
  render(
    g,
    images,
    images.map(() => 'post' as const),
    ms,
  );

describe('result message', () => {
  test('every image is an attachment; one image is also shown in the embed', () => {
    const one = resultMessage(generation('a fox'), [image], 4200);
    expect(one.files.map((f) => f.name)).toEqual(['kontext-AbCdEfGhIjKl-1.png']);
    expect(one.embeds[0]?.image?.url).toBe('attachment://kontext-AbCdEfGhIjKl-1.png');
    const four = resultMessage(generation('a fox', 4), [image, image, image, image], 4200);
    expect(four.files).toHaveLength(4);
    expect(new Set(four.files.map((f) => f.name)).size).toBe(4);
  });

  test('the embed names prompt, reported seed, aspect ratio, count, duration and requester', () => {
    const [embed] = resultMessage(generation('a fox'), [image], 4200).embeds;
    const text = JSON.stringify(embed);
    for (const part of ['a fox', '1234', '16:9', '4.2 s', '<@3>']) expect(text).toContain(part);
  });

  test('stays within Discord limits with the longest prompt', () => {
    const message = resultMessage(generation('w'.repeat(5000)), [image], 1);
    const [embed] = message.embeds;
    expect(embed?.description?.length).toBeLessThanOrEqual(LIMITS.description);
    const total =
      (embed?.title?.length ?? 0) +
      (embed?.description?.length ?? 0) +
      (embed?.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
      (embed?.footer?.text.length ?? 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(
      progressContent('w'.repeat(5000), { phase: 'running', elapsedMs: 1000 }).length,
    ).toBeLessThanOrEqual(LIMITS.content);
  });

  test('buttons carry labels within 80 characters and unique custom_ids within 100', () => {
    const row = resultButtons('AbCdEfGhIjKl');
    const labels = row.components.map((b) => ('label' in b ? b.label : ''));
    expect(labels).toEqual(['Reroll', 'Same seed', 'Edit prompt', 'Edit image', 'Delete']);
    const ids = row.components.map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  });

  test('progress shows the queue position, then elapsed time', () => {
    expect(progressContent('p', { phase: 'queued', position: 2 })).toContain('position 3');
    expect(progressContent('p', { phase: 'running', elapsedMs: 6400 })).toContain('6 s');
  });
});

describe('an edit result', () => {
  const edit = (chainStep: number, imageUrls: string[]) =>
    completedGeneration({
      action: 'edit',
      model: imageUrls.length > 1 ? 'fal-ai/flux-pro/kontext/max/multi' : 'fal-ai/flux-pro/kontext',
      seed: 7,
      source: { guildId: '10', channelId: '20', messageId: '30', generationId: null, imageIndex: null },
      chainStep,
      options: {
        prompt: 'give the fox a red scarf',
        count: 1,
        guidance: 3.5,
        format: 'jpeg',
        enhancePrompt: false,
        imageUrls,
      },
    });

  test('GIVEN the third edit of a chain THEN the embed links the source message and names the step', () => {
    const [embed] = resultMessage(edit(3, ['https://fal.media/a.jpeg']), [image], 1000).embeds;
    const source = embed?.fields?.find((field) => field.name === 'Source');
    expect(source?.value).toBe('[source message](https://discord.com/channels/10/20/30) · edit 3 of a chain');
    expect(embed?.fields?.find((field) => field.name === 'Aspect ratio')?.value).toBe('as the source');
    expect(embed?.title).toBe('Edited image');
    expect(embed?.footer?.text).toContain('FLUX.1 Kontext [pro]');
  });

  test('GIVEN a multi-image edit with max THEN the model and the number of sources show', () => {
    const urls = ['https://fal.media/a.jpeg', 'https://fal.media/b.jpeg', 'https://fal.media/c.jpeg'];
    const [embed] = resultMessage(edit(1, urls), [image], 1000).embeds;
    expect(embed?.fields?.find((field) => field.name === 'Source')?.value).toContain('3 source images');
    expect(embed?.footer?.text).toContain('FLUX.1 Kontext [max] multi');
  });

  test('GIVEN our attachment names THEN the generation and image index are read back, others are not', () => {
    expect(parseImageFileName('kontext-AbCdEfGhIjKl-2.jpeg')).toEqual({
      generationId: 'AbCdEfGhIjKl',
      index: 1,
    });
    expect(parseImageFileName('SPOILER_kontext-AbCdEfGhIjKl-1.png')).toEqual({
      generationId: 'AbCdEfGhIjKl',
      index: 0,
    });
    for (const name of ['photo.jpeg', 'kontext-x-0.png', 'kontext-a b-1.png', 'kontext-abc-1.gif'])
      expect(parseImageFileName(name)).toBeUndefined();
  });
});

describe('plainText', () => {
  test('GIVEN markup, links and mentions THEN they are escaped so that only the characters show', () => {
    const shown = plainText('[free nitro](https://evil.example) **bold** _it_ @everyone @here <@123> <#45>');
    expect(shown).not.toMatch(/(?<!\\)\[[^\]]*\]\(/);
    expect(shown).not.toContain('https://');
    expect(shown).toContain('\\*\\*bold\\*\\*');
    expect(shown).not.toMatch(/@everyone|@here|<@123>|<#45>/);
    expect(shown.replace(/[\\\u200B]/g, '')).toBe(
      '[free nitro](https://evil.example) **bold** _it_ @everyone @here <@123> <#45>',
    );
  });
});

/** A button's label (premium buttons have none). */
const labelOf = (button: APIButtonComponent | undefined) =>
  button && 'label' in button ? button.label : undefined;

describe('GIVEN a generation asked for in German or French', () => {
  const inLocale = (locale: string | null, action: Generation['action'] = 'imagine'): Generation => ({
    ...generation('ein Fuchs', 2),
    locale,
    action,
  });

  test('THEN the German result has a German title, field names, values and button labels', () => {
    const message = render(inLocale('de'), [image, image], ['post', 'withhold'], 4200);
    const [embed] = message.embeds;
    expect(embed?.title).toBe('Erzeugt');
    expect(embed?.fields?.map((field) => field.name)).toEqual([
      'Seed',
      'Seitenverhältnis',
      'Bilder',
      'Genauigkeit',
      'Dauer',
      'Angefragt von',
    ]);
    expect(embed?.fields?.find((field) => field.name === 'Dauer')?.value).toBe('4,2 s');
    expect(embed?.fields?.find((field) => field.name === 'Genauigkeit')?.value).toBe('3,5');
    expect(embed?.fields?.find((field) => field.name === 'Bilder')?.value).toBe('1 (1 zurückgehalten)');
    expect(message.content).toBe(
      '🙈 1 von 2 Bildern wurde zurückgehalten: fal hat es als möglicherweise nicht jugendfrei markiert, und dieser Kanal ist nicht altersbeschränkt.',
    );
    const labels = message.components.flatMap((row) => row.components.map(labelOf));
    expect(labels).toEqual([
      'Neu würfeln',
      'Gleicher Seed',
      'Beschreibung ändern',
      'Bild bearbeiten',
      'Löschen',
      'Favorit',
    ]);
  });

  test('THEN each action has its own title in French, and an unknown seed is said in French', () => {
    const titles = (['imagine', 'reroll', 'same_seed', 'reprompt', 'edit'] as const).map(
      (action) => render({ ...inLocale('fr', action), seed: null }, [image], ['post'], 61_000).embeds[0],
    );
    expect(titles.map((embed) => embed?.title)).toEqual([
      'Imaginé',
      'Relancé',
      'Même graine',
      'Description modifiée',
      'Image modifiée',
    ]);
    expect(titles[0]?.fields?.[0]).toMatchObject({ name: 'Graine', value: '`inconnue`' });
    expect(titles[0]?.fields?.find((field) => field.name === 'Durée')?.value).toBe('1 min 1 s');
  });

  test('THEN an old row without a language, or one in a language we do not ship, reads in English', () => {
    for (const locale of [null, 'ja']) {
      const message = render(inLocale(locale), [image], ['post'], 4200);
      expect(message.embeds[0]?.title).toBe('Imagined');
      expect(message.embeds[0]?.fields?.find((field) => field.name === 'Took')?.value).toBe('4.2 s');
      expect(labelOf(message.components[0]?.components[0])).toBe('Reroll');
    }
  });

  test('THEN progress and its Cancel button follow the generation’s language', () => {
    expect(progressContent('p', { phase: 'waiting', position: 2 }, 'de')).toBe(
      '**p**\n⏳ Warte auf einen freien Platz: Position 2 in der Schlange…',
    );
    expect(progressContent('p', { phase: 'queued', position: 0 }, 'fr')).toContain('(position 1)');
    expect(progressContent('p', { phase: 'running', elapsedMs: 6400 }, 'de')).toContain('Wird erzeugt… 6 s');
    expect(labelOf(cancelButtonRow('AbCdEfGhIjKl', 'de').components[0])).toBe('Abbrechen');
    expect(labelOf(cancelButtonRow('AbCdEfGhIjKl').components[0])).toBe('Cancel');
  });
});
