import { FalError } from '../fal/falErrors.ts';
import { t } from '../i18n/translate.ts';

/**
 * One sentence for the member, in `locale` (the requester's); `errorId` matches the log line a host
 * would search for. fal's own detail stays as fal wrote it.
 */
export function failureMessage(error: unknown, errorId: string, locale?: string | null): string {
  const params = { errorId };
  if (error instanceof FalError) {
    switch (error.kind) {
      case 'auth':
        return t(locale, 'failure.auth');
      case 'invalid':
        return t(locale, 'failure.invalid', { detail: error.detail ?? t(locale, 'failure.invalidInput') });
      case 'policy':
        return t(locale, 'failure.policy');
      case 'timeout':
        return t(locale, 'failure.timeout', params);
      case 'rate':
        return t(locale, 'failure.rate', params);
      case 'canceled':
        return t(locale, 'failure.canceled');
      case 'uncertain':
        return t(locale, 'failure.uncertain', params);
      default:
        break;
    }
  }
  return t(locale, 'failure.generic', params);
}
