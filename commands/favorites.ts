// /favorites: the member's own starred results, newest first, paged (src/discord/presentation/historyView.ts).
import { listCommand } from '../src/discord/listCommand.ts';

export const { definition, execute } = listCommand('favorites');
