// /history: the member's own generations and edits, newest first, paged (src/discord/presentation/historyView.ts).
import { listCommand } from '../src/discord/listCommand.ts';

export const { definition, execute } = listCommand('history');
