import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { encodeCustomId } from '../../core/customId.ts';
import { truncate } from '../../core/text.ts';
import { plainText } from './markdown.ts';

export type ProgressState =
  | { phase: 'waiting'; position: number }
  | { phase: 'queued'; position: number | undefined }
  | { phase: 'running'; elapsedMs: number }
  | { phase: 'uploading' };

export function progressContent(prompt: string, state: ProgressState): string {
  const head = `**${plainText(truncate(prompt.replace(/\s+/g, ' '), 200))}**`;
  switch (state.phase) {
    case 'waiting':
      return `${head}\n⏳ Waiting for a free slot: position ${state.position} in line…`;
    case 'queued':
      return `${head}\n⏳ Waiting in fal's queue${state.position === undefined ? '' : ` (position ${state.position + 1})`}…`;
    case 'running':
      return `${head}\n🎨 Generating… ${Math.round(state.elapsedMs / 1000)} s`;
    case 'uploading':
      return `${head}\n📤 Uploading…`;
  }
}

export function cancelButtonRow(generationId: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Cancel',
        emoji: { name: '🛑' },
        custom_id: encodeCustomId({ action: 'cancel', generationId }),
      },
    ],
  };
}
