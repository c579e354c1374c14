import { z } from 'zod';
import { ASPECT_RATIOS, imagineOptionsSchema } from '../imagineOptions.ts';
import type { Endpoint, ModelTier } from './endpoint.ts';
import { baseInput } from './textToImage.ts';

export const MAX_SOURCES = 4;

/**
 * An edit: the /imagine options, the shape optional (fal then keeps the source's), and the URLs fal
 * fetches the sources from, in order. Those are fal storage URLs (or fal's own result URLs), never a
 * Discord CDN URL, whose signature expires within a day.
 */
export const editOptionsSchema = imagineOptionsSchema.extend({
  aspectRatio: z.enum(ASPECT_RATIOS, `aspect_ratio must be one of ${ASPECT_RATIOS.join(', ')}`).optional(),
  imageUrls: z
    .array(z.url({ protocol: /^https?$/, error: 'each source must be an http(s) URL' }))
    .min(1, 'an edit needs a source image')
    .max(MAX_SOURCES, `an edit takes at most ${MAX_SOURCES} source images`),
});

export type EditOptions = z.infer<typeof editOptionsSchema>;

function single(id: string, tier: ModelTier, listPriceUsd: number): Endpoint<EditOptions> {
  return {
    id,
    label: `FLUX.1 Kontext [${tier}]`,
    tier,
    listPriceUsd,
    sources: { min: 1, max: 1 },
    optionsSchema: editOptionsSchema.refine((o) => o.imageUrls.length === 1, 'this model takes one source'),
    toInput: (options, safety) => ({ ...baseInput(options, safety), image_url: options.imageUrls[0]! }),
  };
}

// fal lists the multi endpoints as experimental; BFL's own API takes up to four images.
function multi(id: string, tier: ModelTier, listPriceUsd: number): Endpoint<EditOptions> {
  return {
    id,
    label: `FLUX.1 Kontext [${tier}] multi`,
    tier,
    listPriceUsd,
    sources: { min: 2, max: MAX_SOURCES },
    optionsSchema: editOptionsSchema.refine((o) => o.imageUrls.length >= 2, 'this model takes 2–4 sources'),
    toInput: (options, safety) => ({ ...baseInput(options, safety), image_urls: [...options.imageUrls] }),
  };
}

export const editPro = single('fal-ai/flux-pro/kontext', 'pro', 0.04);
export const editMax = single('fal-ai/flux-pro/kontext/max', 'max', 0.08);
export const multiPro = multi('fal-ai/flux-pro/kontext/multi', 'pro', 0.04);
export const multiMax = multi('fal-ai/flux-pro/kontext/max/multi', 'max', 0.08);
