import { describe, expect, test } from 'vitest';
import { CUSTOM_ID_ACTIONS, decodeCustomId, encodeCustomId } from '../../src/core/customId.ts';
import { newGenerationId } from '../../src/core/ids.ts';

describe('custom_id codec', () => {
  test.each(CUSTOM_ID_ACTIONS)('round-trips the %s action within 100 characters', (action) => {
    const generationId = newGenerationId();
    const encoded = encodeCustomId({ action, generationId });
    expect(encoded.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(encoded)).toEqual({ ok: true, value: { action, generationId } });
  });

  test('buttons posted before image editing existed keep doing what their label says', () => {
    // `edit` was the Edit prompt button and `editsubmit` its modal; "edit" now means image editing.
    expect(decodeCustomId('v1:edit:AbCdEfGhIjKl')).toEqual({
      ok: true,
      value: { action: 'reprompt', generationId: 'AbCdEfGhIjKl' },
    });
    expect(decodeCustomId('v1:editsubmit:AbCdEfGhIjKl')).toEqual({
      ok: true,
      value: { action: 'repromptsubmit', generationId: 'AbCdEfGhIjKl' },
    });
    expect(decodeCustomId('v1:toString:abc')).toEqual({ ok: false, reason: 'unknown-action' });
  });

  test.each([
    ['', 'malformed'],
    ['hello', 'malformed'],
    ['v1:reroll', 'malformed'],
    ['v1:reroll:abc:def', 'malformed'],
    ['v1:reroll:bad id!', 'malformed'],
    ['v1:reroll:', 'malformed'],
    ['x1:reroll:abc', 'malformed'],
    [`v1:reroll:${'a'.repeat(120)}`, 'malformed'],
    ['v0:reroll:abc', 'outdated'],
    ['v2:reroll:abc', 'outdated'],
    ['v1:explode:abc', 'unknown-action'],
  ])('rejects %j as %s without throwing', (raw, reason) => {
    expect(decodeCustomId(raw)).toEqual({ ok: false, reason });
  });

  test('refuses to encode an id that could not be decoded', () => {
    expect(() => encodeCustomId({ action: 'reroll', generationId: 'a:b' })).toThrow();
  });
});
