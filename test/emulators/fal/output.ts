// What a finished run returns, shaped like fal's Kontext output. Image bytes are not kept: each download
// re-renders from its spec (cheap once the size's template exists), so 500 big PNGs cost no memory.
import {
  contentType,
  type ImageFactory,
  type ImageFormat,
  type ImageSpec,
  imageDimensions,
  variantOf,
} from './images.ts';
import type { JobState } from './jobs.ts';
import type { FalInput, FalOutput } from './types.ts';

export interface OutputContext {
  baseUrl(): string;
  longSide: number;
  generationMs: number;
  nsfw: (input: FalInput, index: number) => boolean;
  factory: ImageFactory;
  /** Served at /files/{name}. */
  files: Map<string, ImageSpec>;
  omitNsfwFlags: boolean;
}

export function buildOutput(state: JobState, ctx: OutputContext): FalOutput {
  const { job } = state;
  const { input } = job;
  const format: ImageFormat = input.output_format ?? 'jpeg';
  // An edit keeps its (first) source's shape unless an aspect ratio was asked for, as Kontext does.
  const source = state.inputs?.[0];
  const shape =
    input.aspect_ratio ?? (source?.width && source.height ? `${source.width}:${source.height}` : '1:1');
  const { width, height } = imageDimensions(shape, ctx.longSide);
  // The input bytes enter the variant, so an edit of an edit differs from an edit of the original.
  const sources = (job.inputImages ?? []).map((image) => image.sha256);
  // Encoding the size's template here, at completion, keeps the first download from stalling.
  ctx.factory.prepare(width, height, format);
  const count = input.num_images ?? 1;
  const images = [];
  const nsfw: boolean[] = [];
  for (let index = 0; index < count; index++) {
    const spec: ImageSpec = {
      width,
      height,
      format,
      variant: variantOf(job.seed, input.prompt, index, ...sources),
      label: `seed=${job.seed} index=${index}${sources.map((sha) => ` from=${sha.slice(0, 12)}`).join('')}`,
    };
    let url: string;
    if (input.sync_mode) {
      url = `data:${contentType(format)};base64,${ctx.factory.render(spec).toString('base64')}`;
    } else {
      const name = `${job.requestId}-${index}.${format}`;
      ctx.files.set(name, spec);
      url = `${ctx.baseUrl()}/files/${name}`;
    }
    images.push({ url, width, height, content_type: contentType(format) });
    nsfw.push(ctx.nsfw(input, index));
  }
  return {
    images,
    seed: job.seed,
    ...(ctx.omitNsfwFlags ? {} : { has_nsfw_concepts: nsfw }),
    prompt: input.prompt,
    timings: { inference: ctx.generationMs / 1000 },
  };
}
