// Texts of results, buttons, modals, progress, failures and edits (what predates the catalogue).
// spread every part; keys follow the rules of en.ts (the key decides the Discord limit).
import type { Catalogue, Message } from '../message.ts';

export const en = {} as const satisfies Catalogue;

type Id = keyof typeof en;

export const de = {} as const satisfies Record<Id, Message>;

export const fr = {} as const satisfies Record<Id, Message>;
