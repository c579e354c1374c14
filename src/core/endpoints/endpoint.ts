import type { z } from 'zod';
import type { AspectRatio, OutputFormat, SafetyLevel } from '../imagineOptions.ts';

/** fal bills [pro] and [max] differently; the host sets each tier's price. */
export type ModelTier = 'pro' | 'max';

/** The fields every Kontext endpoint takes (fal's schemas; shared/seed and fal.ai/models/…/api). */
export interface FalKontextInput {
  prompt: string;
  seed?: number;
  guidance_scale: number;
  num_images: number;
  output_format: OutputFormat;
  // fal refuses an integer here with 422: the enum is of strings.
  safety_tolerance: SafetyLevel;
  enhance_prompt: boolean;
  aspect_ratio?: AspectRatio;
  image_url?: string;
  image_urls?: string[];
}

/**
 * One fal endpoint: its id, what it takes, how options become its input, what it costs. A generation
 * records the id, so its stored options are read back with the schema of the endpoint that ran it.
 */
export interface Endpoint<Options> {
  id: string;
  /** Shown in result footers. */
  label: string;
  tier: ModelTier;
  /** fal's list price per image in USD, the default of the host's price for this tier. */
  listPriceUsd: number;
  /** How many source images it takes: none (text-to-image), exactly one, or two to four. */
  sources: { min: number; max: number };
  optionsSchema: z.ZodType<Options>;
  toInput(options: Options, safety: SafetyLevel): FalKontextInput;
}
