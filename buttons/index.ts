// Every button on a result (and the modals they open), by custom_id action: one file per button.
import type { ButtonHandler, ModalHandler } from '../src/discord/componentHandlers.ts';
import { cancel } from './cancel.ts';
import { deleteResult } from './deleteResult.ts';
import { editImage, submitImageEdit } from './editImage.ts';
import { editPrompt, submitPrompt } from './editPrompt.ts';
import { favorite } from './favorite.ts';
import { historyPage } from './historyPage.ts';
import { openEntry } from './openEntry.ts';
import { reroll } from './reroll.ts';
import { sameSeed } from './sameSeed.ts';

export const BUTTONS: readonly ButtonHandler[] = [
  reroll,
  sameSeed,
  editPrompt,
  editImage,
  deleteResult,
  cancel,
  favorite,
  historyPage,
  openEntry,
];
export const MODALS: readonly ModalHandler[] = [submitPrompt, submitImageEdit];
