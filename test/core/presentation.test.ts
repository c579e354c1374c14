import { describe, expect, test } from 'vitest';
import type { Generation } from '../../src/core/generation.ts';
import {
  LIMITS,
  plainText,
  progressContent,
  resultButtons,
  resultMessage,
} from '../../src/core/presentation.ts';
import { completedGeneration } from '../fixtures/generation.ts';

const generation = (prompt: string, count = 1): Generation =>
  completedGeneration({
    seed: 1234,
    options: { prompt, aspectRatio: '16:9', count, guidance: 3.5, format: 'png', enhancePrompt: false },
  });

const image = { data: Buffer.from('x'), contentType: 'image/png' };

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
    expect(labels).toEqual(['Reroll', 'Same seed', 'Edit prompt', 'Delete']);
    const ids = row.components.map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  });

  test('progress shows the queue position, then elapsed time', () => {
    expect(progressContent('p', { phase: 'queued', position: 2 })).toContain('position 3');
    expect(progressContent('p', { phase: 'running', elapsedMs: 6400 })).toContain('6 s');
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
