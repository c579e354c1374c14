import { FalError } from '../fal/falErrors.ts';

/** One sentence for the member; `errorId` matches the log line a host would search for. */
export function failureMessage(error: unknown, errorId: string): string {
  if (error instanceof FalError) {
    switch (error.kind) {
      case 'auth':
        return "⚠️ The bot's fal key is invalid — tell the server owner.";
      case 'invalid':
        return `⚠️ fal rejected the request: ${error.detail ?? 'invalid input'}.`;
      case 'policy':
        return '🚫 fal refused this prompt under its content policy. Try rewording it.';
      case 'timeout':
        return `⌛ fal took too long to answer. Please try again. (error id \`${errorId}\`)`;
      case 'rate':
        return `⌛ fal is busy right now. Please try again in a minute. (error id \`${errorId}\`)`;
      case 'canceled':
        return 'This generation was cancelled.';
      case 'uncertain':
        return `⚠️ The connection to fal broke after the request was sent, so the bot cannot tell whether fal started it, and did not send it again (that could charge twice). Please try again. (error id \`${errorId}\`)`;
      default:
        break;
    }
  }
  return `⚠️ Something went wrong while generating. Please try again. (error id \`${errorId}\`)`;
}
