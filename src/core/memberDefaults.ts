// A member's /preferences fill the /imagine options they left out. Pure: no discord.js, no I/O.
import type { AspectRatio, OutputFormat } from './imagineOptions.ts';

export interface Defaults {
  aspectRatio: AspectRatio | null;
  count: number | null;
  format: OutputFormat | null;
}

/**
 * Raw options with the member's defaults where they gave none. A count from a preference is lowered to
 * the server's max_count (the member did not ask for it this time); an explicit count is left for the
 * admission to refuse, as before.
 */
export function withDefaults(
  raw: Record<string, unknown>,
  defaults: Defaults,
  maxCount: number,
): Record<string, unknown> {
  const out = { ...raw };
  const missing = (key: string) => out[key] === undefined || out[key] === null;
  if (missing('aspect_ratio') && defaults.aspectRatio !== null) out.aspect_ratio = defaults.aspectRatio;
  if (missing('format') && defaults.format !== null) out.format = defaults.format;
  if (missing('count') && defaults.count !== null)
    out.count = Math.max(1, Math.min(defaults.count, maxCount));
  return out;
}
