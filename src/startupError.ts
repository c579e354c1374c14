import { ZodError } from 'zod';

/**
 * The one line a server owner reads when the bot cannot start: never a JSON dump or a stack. Zod's
 * message is the issue list as JSON, so its issues are named instead.
 */
export function describeStartupError(error: unknown): string {
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    });
    return oneLine(`invalid data: ${issues.join('; ')}`);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const prefix = typeof code === 'string' && !error.message.includes(code) ? `${code}: ` : '';
    return oneLine(`${prefix}${error.message}`);
  }
  return oneLine(String(error));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}
