import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { estimateImageBytes } from '../../src/core/byteBudget.ts';
import {
  type AttachmentFacts,
  EDITABLE_TYPES,
  isImageAttachment,
  attachmentRefusal as refusalOf,
} from '../../src/core/editSources.ts';
import {
  editEndpointFor,
  editOptionsSchema,
  endpointById,
  falInputOf,
  readOptions,
  textToImage,
} from '../../src/core/endpoints/index.ts';
import { SHIPPED_LOCALES, t } from '../../src/i18n/translate.ts';

const base = {
  prompt: 'give the fox a red scarf',
  count: 1,
  guidance: 3.5,
  format: 'jpeg',
  enhancePrompt: false,
} as const;
const url = (n: number) => `https://v3.fal.media/files/u/${n}.jpeg`;

describe('GIVEN the fal endpoints WHEN options become input', () => {
  test('THEN one source goes to kontext (or max) as image_url, two to four to multi as image_urls in order', () => {
    expect(editEndpointFor('pro', 1).id).toBe('fal-ai/flux-pro/kontext');
    expect(editEndpointFor('max', 1).id).toBe('fal-ai/flux-pro/kontext/max');
    expect(editEndpointFor('pro', 3).id).toBe('fal-ai/flux-pro/kontext/multi');
    expect(editEndpointFor('max', 4).id).toBe('fal-ai/flux-pro/kontext/max/multi');
    const one = falInputOf(editEndpointFor('pro', 1), { ...base, imageUrls: [url(1)] }, '2');
    expect(one).toEqual({
      prompt: base.prompt,
      guidance_scale: 3.5,
      num_images: 1,
      output_format: 'jpeg',
      safety_tolerance: '2',
      enhance_prompt: false,
      image_url: url(1),
    });
    const many = falInputOf(
      editEndpointFor('max', 4),
      { ...base, imageUrls: [url(3), url(1), url(4), url(2)] },
      '1',
    );
    expect(many.image_urls).toEqual([url(3), url(1), url(4), url(2)]);
    expect(many).not.toHaveProperty('image_url');
  });

  test('THEN an edit sends aspect_ratio only when asked, and the seed whenever given (0 included)', () => {
    const edit = editEndpointFor('pro', 1);
    expect(falInputOf(edit, { ...base, imageUrls: [url(1)] }, '2')).not.toHaveProperty('aspect_ratio');
    const shaped = falInputOf(edit, { ...base, aspectRatio: '9:16', seed: 0, imageUrls: [url(1)] }, '2');
    expect(shaped).toMatchObject({ aspect_ratio: '9:16', seed: 0 });
  });

  test('THEN each endpoint refuses options that do not fit it (no source, or the wrong number)', () => {
    expect(() => falInputOf(editEndpointFor('pro', 1), { ...base, imageUrls: [] }, '2')).toThrow(/source/);
    expect(() =>
      falInputOf(editEndpointFor('pro', 1), { ...base, imageUrls: [url(1), url(2)] }, '2'),
    ).toThrow(/one source/);
    expect(() => falInputOf(editEndpointFor('pro', 2), { ...base, imageUrls: [url(1)] }, '2')).toThrow(/2–4/);
    expect(editOptionsSchema.safeParse({ ...base, imageUrls: [1, 2, 3, 4, 5].map(url) }).success).toBe(false);
    expect(editOptionsSchema.safeParse({ ...base, imageUrls: ['ftp://x/y.png'] }).success).toBe(false);
  });

  test('THEN stored options are read with the schema of the endpoint that ran them', () => {
    const stored = { ...base, aspectRatio: '1:1', imageUrls: [url(7)] };
    // The text-to-image schema would silently drop the source: an edit's model keeps it.
    expect(readOptions(textToImage, stored)).not.toHaveProperty('imageUrls');
    expect(readOptions(endpointById('fal-ai/flux-pro/kontext')!, stored)).toMatchObject({
      imageUrls: [url(7)],
    });
    expect(() => readOptions(endpointById('fal-ai/flux-pro/kontext')!, { ...base })).toThrow(/imageUrls/);
    expect(endpointById('fal-ai/flux-pro/unknown')).toBeUndefined();
  });

  test('THEN prices are fal’s list prices per tier', () => {
    expect(
      [textToImage, editEndpointFor('pro', 1), editEndpointFor('pro', 2)].map((e) => e.listPriceUsd),
    ).toEqual([0.04, 0.04, 0.04]);
    expect([editEndpointFor('max', 1), editEndpointFor('max', 2)].map((e) => e.listPriceUsd)).toEqual([
      0.08, 0.08,
    ]);
  });
});

/** The refusal as an English-speaking member reads it. */
const attachmentRefusal = (facts: AttachmentFacts, maxBytes: number, locale = 'en') => {
  const refusal = refusalOf(facts, maxBytes);
  return refusal && t(locale, refusal.id, refusal.params);
};

describe('GIVEN an attachment offered as an edit source', () => {
  const MB = 1024 * 1024;
  test('THEN JPEG, PNG, WebP and GIF up to the limit pass; others are refused naming the file and why', () => {
    for (const contentType of ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/PNG; charset=x'])
      expect(attachmentRefusal({ contentType, size: 10 * MB, fileName: 'a' }, 10 * MB)).toBeUndefined();
    expect(attachmentRefusal({ contentType: 'image/png', size: 20 * MB, fileName: 'big.png' }, 10 * MB)).toBe(
      '🖼️ `big.png` is 20.0 MB: I can edit images up to 10.0 MB.',
    );
    expect(
      attachmentRefusal({ contentType: 'text/plain', size: 10, fileName: 'notes.txt' }, 10 * MB),
    ).toContain('`notes.txt` is not an image I can edit (text/plain)');
    expect(attachmentRefusal({ contentType: null, size: 10, fileName: 'a`b.heic' }, MB)).toContain(
      "`a'b.heic`",
    );
    expect(attachmentRefusal({ contentType: 'image/avif', size: 10, fileName: 'x.avif' }, MB)).toContain(
      'image/avif',
    );
  });

  test('THEN a message’s images are those with an image type or extension', () => {
    expect(isImageAttachment({ contentType: 'image/png', size: 1, fileName: 'x' })).toBe(true);
    expect(isImageAttachment({ contentType: null, size: 1, fileName: 'photo.JPG' })).toBe(true);
    expect(isImageAttachment({ contentType: 'application/pdf', size: 1, fileName: 'doc.pdf' })).toBe(false);
  });
});

describe('GIVEN any attachment Discord can describe', () => {
  const MB = 1024 * 1024;
  // Discord reports sizes up to its largest upload limit (500 MiB) and any content type string, or none.
  const attachment = fc.record({
    contentType: fc.option(
      fc.oneof(fc.constantFrom(...EDITABLE_TYPES, 'image/avif', 'text/plain'), fc.string()),
      {
        nil: null,
      },
    ),
    size: fc.integer({ min: 0, max: 500 * MB }),
    fileName: fc.string({ minLength: 1, maxLength: 1024 }),
  });

  test('THEN it is accepted exactly when its type is editable and its size within the limit, and a refusal is short', () => {
    fc.assert(
      fc.property(
        attachment,
        fc.integer({ min: MB, max: 50 * MB }),
        fc.constantFrom(...SHIPPED_LOCALES),
        (facts, maxBytes, locale) => {
          const refusal = attachmentRefusal(facts, maxBytes, locale);
          const type = facts.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
          const editable = (EDITABLE_TYPES as readonly string[]).includes(type) && facts.size <= maxBytes;
          expect(refusal === undefined).toBe(editable);
          if (refusal) expect(refusal.length).toBeLessThan(400);
        },
      ),
    );
  });
});

test('an estimate over any dimensions fal could report is a positive whole number of bytes', () => {
  fc.assert(
    fc.property(
      fc.option(fc.integer({ min: 1, max: 14_142 }), { nil: undefined }),
      fc.option(fc.integer({ min: 1, max: 14_142 }), { nil: undefined }),
      fc.constantFrom('image/jpeg', 'image/png', undefined),
      (width, height, content_type) => {
        const bytes = estimateImageBytes({
          ...(width ? { width } : {}),
          ...(height ? { height } : {}),
          ...(content_type ? { content_type } : {}),
        });
        expect(Number.isSafeInteger(bytes) && bytes > 0).toBe(true);
      },
    ),
  );
});
