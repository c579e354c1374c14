import { type ImagineOptions, imagineOptionsSchema, type SafetyLevel } from '../imagineOptions.ts';
import type { Endpoint, FalKontextInput } from './endpoint.ts';

/** FLUX.1 Kontext [pro] text-to-image: the endpoint /imagine has always used (shared/seed). */
export const textToImage: Endpoint<ImagineOptions> = {
  id: 'fal-ai/flux-pro/kontext/text-to-image',
  label: 'FLUX.1 Kontext [pro]',
  tier: 'pro',
  listPriceUsd: 0.04,
  sources: { min: 0, max: 0 },
  optionsSchema: imagineOptionsSchema,
  toInput: (options, safety) => baseInput(options, safety),
};

export function baseInput(
  options: Omit<ImagineOptions, 'aspectRatio'> & { aspectRatio?: ImagineOptions['aspectRatio'] },
  safety: SafetyLevel,
): FalKontextInput {
  const input: FalKontextInput = {
    prompt: options.prompt,
    guidance_scale: options.guidance,
    num_images: options.count,
    output_format: options.format,
    safety_tolerance: safety,
    enhance_prompt: options.enhancePrompt,
  };
  if (options.aspectRatio !== undefined) input.aspect_ratio = options.aspectRatio;
  if (options.seed !== undefined) input.seed = options.seed;
  return input;
}
