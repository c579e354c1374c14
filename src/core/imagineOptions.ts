import { z } from 'zod';

export const ASPECT_RATIOS = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'] as const;
export const OUTPUT_FORMATS = ['jpeg', 'png'] as const;
export const SAFETY_LEVELS = ['1', '2', '3', '4', '5', '6'] as const;

export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

// Prompts longer than this would not fit an embed description next to the other details, and
// Discord's modal text input (used by Edit prompt) caps at 4000.
export const PROMPT_MAX_LENGTH = 1500;
export const MAX_SEED = 2 ** 31 - 1;
export const DEFAULT_SAFETY_LEVEL: SafetyLevel = '2';

/** What a member asked for, after validation: the single shape every generation path uses. */
export const imagineOptionsSchema = z.object({
  prompt: z
    .string()
    .trim()
    .min(1, 'the prompt is empty')
    .max(PROMPT_MAX_LENGTH, `the prompt is longer than ${PROMPT_MAX_LENGTH} characters`),
  aspectRatio: z
    .enum(ASPECT_RATIOS, `aspect_ratio must be one of ${ASPECT_RATIOS.join(', ')}`)
    .default('1:1'),
  count: z
    .int('count must be a whole number')
    .min(1, 'count must be 1–4')
    .max(4, 'count must be 1–4')
    .default(1),
  seed: z
    .int('seed must be a whole number')
    .min(0, 'seed must be 0 or more')
    .max(MAX_SEED, `seed must be at most ${MAX_SEED}`)
    .optional(),
  guidance: z
    .number('guidance must be a number')
    .min(1, 'guidance must be 1–20')
    .max(20, 'guidance must be 1–20')
    .default(3.5),
  format: z.enum(OUTPUT_FORMATS, 'format must be jpeg or png').default('jpeg'),
  enhancePrompt: z.boolean('enhance_prompt must be true or false').default(false),
});

export type ImagineOptions = z.infer<typeof imagineOptionsSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Raw option values keyed by the slash command's option names. */
export interface RawImagineOptions {
  prompt?: unknown;
  aspect_ratio?: unknown;
  count?: unknown;
  seed?: unknown;
  guidance?: unknown;
  format?: unknown;
  enhance_prompt?: unknown;
}

/** Validates options server-side too: a crafted interaction can bypass Discord's client checks. */
export function parseImagineOptions(raw: RawImagineOptions): ParseResult<ImagineOptions> {
  const result = imagineOptionsSchema.safeParse({
    prompt: raw.prompt,
    aspectRatio: raw.aspect_ratio ?? undefined,
    count: raw.count ?? undefined,
    seed: raw.seed ?? undefined,
    guidance: raw.guidance ?? undefined,
    format: raw.format ?? undefined,
    enhancePrompt: raw.enhance_prompt ?? undefined,
  });
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const message =
    issue?.code === 'invalid_type' && issue.path[0] === 'prompt' ? 'the prompt is required' : issue?.message;
  return { ok: false, error: message ?? 'the options are invalid' };
}

/** The endpoint's input schema: see shared/seed (fal-ai/flux-pro/kontext/text-to-image). */
export interface FalKontextInput {
  prompt: string;
  seed?: number;
  guidance_scale: number;
  num_images: number;
  output_format: OutputFormat;
  safety_tolerance: SafetyLevel;
  enhance_prompt: boolean;
  aspect_ratio: AspectRatio;
}

export function toFalInput(
  options: ImagineOptions,
  safety: SafetyLevel = DEFAULT_SAFETY_LEVEL,
): FalKontextInput {
  const input: FalKontextInput = {
    prompt: options.prompt,
    guidance_scale: options.guidance,
    num_images: options.count,
    output_format: options.format,
    // fal refuses an integer here with 422: the enum is of strings.
    safety_tolerance: safety,
    enhance_prompt: options.enhancePrompt,
    aspect_ratio: options.aspectRatio,
  };
  if (options.seed !== undefined) input.seed = options.seed;
  return input;
}
