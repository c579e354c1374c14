import { z } from 'zod';
import type { MessageId, Params } from '../i18n/translate.ts';
import type { UserMessage } from './userError.ts';

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

// Each check's message is a catalogue id (the parse.* texts), turned into a UserMessage with its
// parameters once parsing failed, so the member reads it in their language.
const PARSE_PARAMS = {
  'parse.prompt.required': {},
  'parse.prompt.empty': {},
  'parse.prompt.tooLong': { count: PROMPT_MAX_LENGTH },
  'parse.prompt.type': {},
  'parse.aspectRatio': { list: ASPECT_RATIOS.join(', ') },
  'parse.count.whole': {},
  'parse.count.range': { min: COUNT_RANGE.min, max: COUNT_RANGE.max },
  'parse.seed.whole': {},
  'parse.seed.min': { min: MIN_SEED },
  'parse.seed.max': { max: MAX_SEED },
  'parse.guidance.number': {},
  'parse.guidance.range': { min: GUIDANCE_RANGE.min, max: GUIDANCE_RANGE.max },
  'parse.format': { list: OUTPUT_FORMATS.join(' or ') },
  'parse.enhancePrompt': {},
} as const satisfies Partial<Record<MessageId, Params>>;

type ParseMessageId = keyof typeof PARSE_PARAMS;

const message = (id: ParseMessageId) => id;

/** What a member asked for, after validation: the single shape every generation path uses. */
export const imagineOptionsSchema = z.object({
  prompt: z
    .string(message('parse.prompt.type'))
    .trim()
    .min(1, message('parse.prompt.empty'))
    .max(PROMPT_MAX_LENGTH, message('parse.prompt.tooLong')),
  aspectRatio: z.enum(ASPECT_RATIOS, message('parse.aspectRatio')).default('1:1'),
  count: z
    .int(message('parse.count.whole'))
    .min(COUNT_RANGE.min, message('parse.count.range'))
    .max(COUNT_RANGE.max, message('parse.count.range'))
    .default(1),
  seed: z
    .int(message('parse.seed.whole'))
    .min(MIN_SEED, message('parse.seed.min'))
    .max(MAX_SEED, message('parse.seed.max'))
    .optional(),
  guidance: z
    .number(message('parse.guidance.number'))
    .min(GUIDANCE_RANGE.min, message('parse.guidance.range'))
    .max(GUIDANCE_RANGE.max, message('parse.guidance.range'))
    .default(3.5),
  format: z.enum(OUTPUT_FORMATS, message('parse.format')).default('jpeg'),
  enhancePrompt: z.boolean(message('parse.enhancePrompt')).default(false),
});

export type ImagineOptions = z.infer<typeof imagineOptionsSchema>;

/** `error` is catalogue data: render it with t()/tFor(), or wrap it in a NestedRefusal (src/core/nestedRefusal.ts). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: UserMessage };

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
  if (issue?.code === 'invalid_type' && issue.path[0] === 'prompt' && raw.prompt == null)
    return { ok: false, error: { id: 'parse.prompt.required' } };
  const id = issue?.message;
  if (id === undefined || !Object.hasOwn(PARSE_PARAMS, id))
    return { ok: false, error: { id: 'parse.invalid' } };
  return { ok: false, error: { id: id as ParseMessageId, params: PARSE_PARAMS[id as ParseMessageId] } };
}
