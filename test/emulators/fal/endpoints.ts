// The queue endpoints served, and which input image field each takes. All live under the app
// `fal-ai/flux-pro`, so their status, result and cancel share APP_PATH (as on queue.fal.run).

/** `text`: prompt only; `edit`: one `image_url`; `multi`: `image_urls` (fal calls multi experimental). */
export type EndpointKind = 'text' | 'edit' | 'multi';

export const ENDPOINTS = {
  'fal-ai/flux-pro/kontext/text-to-image': 'text',
  'fal-ai/flux-pro/kontext': 'edit',
  'fal-ai/flux-pro/kontext/max': 'edit',
  'fal-ai/flux-pro/kontext/multi': 'multi',
  'fal-ai/flux-pro/kontext/max/multi': 'multi',
} as const satisfies Record<string, EndpointKind>;

export type EndpointId = keyof typeof ENDPOINTS;

export function endpointAt(path: string): EndpointId | undefined {
  const id = path.replace(/^\//, '');
  return Object.hasOwn(ENDPOINTS, id) ? (id as EndpointId) : undefined;
}
