import type { APIActionRowComponent, APIButtonComponent } from 'discord-api-types/v10';
import { formatNumber, truncate } from '../../core/text.ts';
import { t } from '../../i18n/translate.ts';
import { plainText } from './markdown.ts';
import { singleButtonRow } from './resultMessage.ts';

export type ProgressState =
  | { phase: 'waiting'; position: number }
  | { phase: 'queued'; position: number | undefined }
  | { phase: 'running'; elapsedMs: number }
  | { phase: 'uploading' };

/** The progress line under the prompt, in `locale`: the requester's (Generation.locale), as the reply is public. */
export function progressContent(prompt: string, state: ProgressState, locale?: string | null): string {
  const head = `**${plainText(truncate(prompt.replace(/\s+/g, ' '), 200))}**`;
  return `${head}\n${progressLine(state, locale)}`;
}

function progressLine(state: ProgressState, locale: string | null | undefined): string {
  switch (state.phase) {
    case 'waiting':
      return t(locale, 'progress.waiting', { position: state.position });
    case 'queued':
      return state.position === undefined
        ? t(locale, 'progress.queued')
        : t(locale, 'progress.queuedAt', { position: state.position + 1 });
    case 'running':
      return t(locale, 'progress.running', {
        seconds: formatNumber(locale, Math.round(state.elapsedMs / 1000)),
      });
    case 'uploading':
      return t(locale, 'progress.uploading');
  }
}

export function cancelButtonRow(
  generationId: string,
  locale?: string | null,
): APIActionRowComponent<APIButtonComponent> {
  return singleButtonRow('cancel', t(locale, 'button.progress.cancel'), '🛑', generationId);
}
