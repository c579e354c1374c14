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
// fal's schema types the seed as an unbounded integer and reports values above 2^31 (it draws from
// 0…2^32-1); Discord's integer options reach ±2^53. Every seed that a JavaScript number holds exactly
// is accepted, and this one constant bounds the command option, the schema and the stored row.
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
/** The range fal draws a seed from when none is sent: rerolls draw from the same one. */
export const FAL_RANDOM_SEED_LIMIT = 2 ** 32;
export const DEFAULT_SAFETY_LEVEL: SafetyLevel = '2';
export const MIN_SEED = 0;
export const COUNT_RANGE = { min: 1, max: 4 } as const;
export const GUIDANCE_RANGE = { min: 1, max: 20 } as const;

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
    .min(COUNT_RANGE.min, `count must be ${COUNT_RANGE.min}–${COUNT_RANGE.max}`)
    .max(COUNT_RANGE.max, `count must be ${COUNT_RANGE.min}–${COUNT_RANGE.max}`)
    .default(1),
  seed: z
    .int('seed must be a whole number')
    .min(MIN_SEED, `seed must be ${MIN_SEED} or more`)
    .max(MAX_SEED, `seed must be at most ${MAX_SEED}`)
    .optional(),
  guidance: z
    .number('guidance must be a number')
    .min(GUIDANCE_RANGE.min, `guidance must be ${GUIDANCE_RANGE.min}–${GUIDANCE_RANGE.max}`)
    .max(GUIDANCE_RANGE.max, `guidance must be ${GUIDANCE_RANGE.min}–${GUIDANCE_RANGE.max}`)
    .default(3.5),
  format: z.enum(OUTPUT_FORMATS, `format must be ${OUTPUT_FORMATS.join(' or ')}`).default('jpeg'),
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
