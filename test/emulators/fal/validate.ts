// Mirrors the pydantic (FastAPI) validation of fal's Kontext [pro] inputs (text-to-image, edit, multi). Deliberately a
// little stricter than pydantic's lax mode: numeric strings and 0/1 booleans are refused, so a bot that
// relies on coercion fails here rather than in production against a future schema.
import type { EndpointKind } from './endpoints.ts';
import type { FalInput } from './types.ts';

export interface FieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

export type Validation = { ok: true; input: FalInput } | { ok: false; errors: FieldError[] };

export const ASPECT_RATIOS = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'] as const;
const OUTPUT_FORMATS = ['jpeg', 'png'] as const;
const SAFETY_TOLERANCES = ['1', '2', '3', '4', '5', '6'] as const;

// pydantic renders literal choices as "'a', 'b' or 'c'".
function expected(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

// pydantic's HttpUrl messages; data: URIs pass too, since fal's file fields take them.
function urlError(value: string): { type: string; msg: string } | undefined {
  if (value.startsWith('data:')) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { type: 'url_parsing', msg: 'Input should be a valid URL, relative URL without a base' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { type: 'url_scheme', msg: "URL scheme should be 'http' or 'https'" };
  }
  return undefined;
}

function validateImages(
  body: Record<string, unknown>,
  kind: EndpointKind,
  input: FalInput,
  errors: FieldError[],
): void {
  if (kind === 'text') return;
  const field = kind === 'edit' ? 'image_url' : 'image_urls';
  const value = body[field];
  if (value === undefined) {
    errors.push({ loc: ['body', field], msg: 'Field required', type: 'missing', input: body });
    return;
  }
  const checkUrl = (item: unknown, loc: (string | number)[]): item is string => {
    if (typeof item !== 'string') {
      errors.push({ loc, msg: 'Input should be a valid string', type: 'string_type', input: item });
      return false;
    }
    const bad = urlError(item);
    if (bad) errors.push({ loc, ...bad, input: item });
    return bad === undefined;
  };
  if (kind === 'edit') {
    if (checkUrl(value, ['body', field])) input.image_url = value;
    return;
  }
  if (!Array.isArray(value)) {
    errors.push({
      loc: ['body', field],
      msg: 'Input should be a valid list',
      type: 'list_type',
      input: value,
    });
    return;
  }
  // fal's schema requires at least one item and states no maximum (BFL's own API takes up to 4).
  if (value.length === 0) {
    errors.push({
      loc: ['body', field],
      msg: 'List should have at least 1 item after validation, not 0',
      type: 'too_short',
      input: value,
      ctx: { field_type: 'List', min_length: 1, actual_length: 0 },
    });
    return;
  }
  const urls = value.filter((item, index) => checkUrl(item, ['body', field, index]));
  if (urls.length === value.length) input.image_urls = urls;
}

export function validateInput(body: unknown, kind: EndpointKind = 'text'): Validation {
  if (!isRecord(body)) {
    const msg = 'Input should be a valid dictionary or object to extract fields from';
    return { ok: false, errors: [{ loc: ['body'], msg, type: 'model_attributes_type', input: body }] };
  }
  const errors: FieldError[] = [];
  const fail = (field: string, type: string, msg: string, ctx?: Record<string, unknown>): void => {
    errors.push({ loc: ['body', field], msg, type, input: body[field], ...(ctx ? { ctx } : {}) });
  };
  const input: FalInput = { prompt: '' };

  const prompt = body.prompt;
  if (prompt === undefined) {
    errors.push({ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing', input: body });
  } else if (typeof prompt !== 'string') {
    fail('prompt', 'string_type', 'Input should be a valid string');
  } else if (prompt.length === 0) {
    fail('prompt', 'string_too_short', 'String should have at least 1 character', { min_length: 1 });
  } else {
    input.prompt = prompt;
  }

  const integer = (field: 'seed' | 'num_images', min?: number, max?: number) => {
    const value = body[field];
    if (value === undefined || (value === null && field === 'seed')) return;
    if (!isNumber(value)) return fail(field, 'int_type', 'Input should be a valid integer');
    if (!Number.isInteger(value)) {
      return fail(
        field,
        'int_from_float',
        'Input should be a valid integer, got a number with a fractional part',
      );
    }
    if (min !== undefined && value < min) {
      return fail(field, 'greater_than_equal', `Input should be greater than or equal to ${min}`, {
        ge: min,
      });
    }
    if (max !== undefined && value > max) {
      return fail(field, 'less_than_equal', `Input should be less than or equal to ${max}`, { le: max });
    }
    input[field] = value;
  };
  integer('seed');
  integer('num_images', 1, 4);

  const guidance = body.guidance_scale;
  if (guidance !== undefined) {
    if (!isNumber(guidance)) fail('guidance_scale', 'float_type', 'Input should be a valid number');
    else if (guidance < 1) {
      fail('guidance_scale', 'greater_than_equal', 'Input should be greater than or equal to 1', { ge: 1 });
    } else if (guidance > 20) {
      fail('guidance_scale', 'less_than_equal', 'Input should be less than or equal to 20', { le: 20 });
    } else input.guidance_scale = guidance;
  }

  const literal = <T extends string>(field: string, values: readonly T[]): T | undefined => {
    const value = body[field];
    if (value === undefined) return undefined;
    const match = values.find((v) => v === value);
    if (match === undefined) {
      const choices = expected(values);
      fail(field, 'literal_error', `Input should be ${choices}`, { expected: choices });
    }
    return match;
  };
  const outputFormat = literal('output_format', OUTPUT_FORMATS);
  if (outputFormat) input.output_format = outputFormat;
  const tolerance = literal('safety_tolerance', SAFETY_TOLERANCES);
  if (tolerance) input.safety_tolerance = tolerance;
  const aspect = literal('aspect_ratio', ASPECT_RATIOS);
  if (aspect) input.aspect_ratio = aspect;

  for (const field of ['enhance_prompt', 'sync_mode'] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') fail(field, 'bool_type', 'Input should be a valid boolean');
    else input[field] = value;
  }

  validateImages(body, kind, input, errors);

  return errors.length > 0 ? { ok: false, errors } : { ok: true, input };
}
