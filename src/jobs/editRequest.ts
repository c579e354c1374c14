import type { HostModeration } from '../config.ts';
import type { SourceRef } from '../core/editSources.ts';
import { type EditOptions, editEndpointFor } from '../core/endpoints/index.ts';
import type { EditSource, Generation } from '../core/generation.ts';
import { type OutputFormat, parseImagineOptions } from '../core/imagineOptions.ts';
import { asInstruction, NestedRefusal } from '../core/nestedRefusal.ts';
import type { GenerationRequest } from './startGeneration.ts';

/** The instruction as an edit's options: the /imagine defaults, no aspect ratio (fal keeps the source's). */
export function instructionOptions(instruction: unknown, format: OutputFormat = 'jpeg'): EditOptions {
  const parsed = parseImagineOptions({ prompt: instruction, format });
  if (!parsed.ok) throw new NestedRefusal('error.options.instruction', asInstruction(parsed.error));
  const { aspectRatio: _ignored, ...rest } = parsed.value;
  return { ...rest, imageUrls: [] };
}

/** An edit of one image, from the Edit image button or the Apps menu; `parent` when it is our result. */
export function singleImageEdit(input: {
  options: EditOptions;
  source: SourceRef;
  link: EditSource | null;
  parent: Generation | null;
  flagged: boolean;
  host: HostModeration;
}): GenerationRequest {
  return {
    action: 'edit',
    endpoint: editEndpointFor(input.host.editModel, 1),
    options: input.options,
    parent: input.parent,
    sources: [input.source],
    source: input.link,
    chainStep: (input.parent?.chainStep ?? 0) + 1,
    sourceFlagged: input.flagged,
  };
}
