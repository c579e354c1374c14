import type { z } from 'zod';
import type { ImagineOptions, SafetyLevel } from '../imagineOptions.ts';
import type { Endpoint, FalKontextInput, ModelTier } from './endpoint.ts';
import { type EditOptions, editMax, editPro, multiMax, multiPro } from './kontextEdit.ts';
import { textToImage } from './textToImage.ts';

export type { Endpoint, FalKontextInput, ModelTier } from './endpoint.ts';
export { type EditOptions, editOptionsSchema, MAX_SOURCES } from './kontextEdit.ts';
export { textToImage } from './textToImage.ts';

/** What a generation asked for: text-to-image options, or an edit's (with its sources). */
export type GenerationOptions = ImagineOptions | EditOptions;
export type AnyEndpoint = Endpoint<ImagineOptions> | Endpoint<EditOptions>;

const ENDPOINTS: readonly AnyEndpoint[] = [textToImage, editPro, editMax, multiPro, multiMax];

export function endpointById(id: string): AnyEndpoint | undefined {
  return ENDPOINTS.find((endpoint) => endpoint.id === id);
}

/** One source goes to kontext (or kontext/max), two to four to the multi endpoint of the same tier. */
export function editEndpointFor(tier: ModelTier, sources: number): Endpoint<EditOptions> {
  if (sources <= 1) return tier === 'max' ? editMax : editPro;
  return tier === 'max' ? multiMax : multiPro;
}

export function isEdit(options: GenerationOptions): options is EditOptions {
  return 'imageUrls' in options && Array.isArray(options.imageUrls);
}

/** Stored options read with the schema of the endpoint that ran them; throws naming the field. */
export function readOptions(endpoint: AnyEndpoint, value: unknown): GenerationOptions {
  const parsed = (endpoint.optionsSchema as z.ZodType<GenerationOptions>).safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
}

/** The fal input for a generation's options, by the endpoint that runs them. */
export function falInputOf(
  endpoint: AnyEndpoint,
  options: GenerationOptions,
  safety: SafetyLevel,
): FalKontextInput {
  const checked = readOptions(endpoint, options);
  return (endpoint as Endpoint<GenerationOptions>).toInput(checked, safety);
}
