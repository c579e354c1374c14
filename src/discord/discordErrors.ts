// What a failed Discord REST call means for a delivery, read from its code and status.

const TOKEN_GONE_CODES = new Set([50027, 10015, 10062, 10008]);
const NO_ACCESS_CODES = new Set([50001, 50013, 50007]);

// @discordjs/rest throws DiscordAPIError for JSON error bodies and HTTPError otherwise, both with a
// status. Read the fields rather than use instanceof: discord.js loads the CommonJS build of
// @discordjs/rest and this ESM module the other one, so their classes are not the same objects.
const fieldOf = (error: unknown, field: 'code' | 'status'): number => {
  const value = error instanceof Error ? (error as unknown as Record<string, unknown>)[field] : undefined;
  return typeof value === 'number' ? value : 0;
};
const codeOf = (error: unknown): number => fieldOf(error, 'code');
const statusOf = (error: unknown): number => fieldOf(error, 'status');

export const isTokenGone = (error: unknown) => TOKEN_GONE_CODES.has(codeOf(error)) || statusOf(error) === 401;
export const isTooLarge = (error: unknown) => statusOf(error) === 413 || codeOf(error) === 40005;
export const isNoAccess = (error: unknown) => NO_ACCESS_CODES.has(codeOf(error)) || statusOf(error) === 403;

/** An edit of the interaction's reply that failed this way will fail every time after it (401, 404). */
export const endsProgressEdits = (error: unknown) =>
  isTokenGone(error) || statusOf(error) === 401 || statusOf(error) === 404;
