// Buttons outlive the process, so a custom_id carries only a version, an action and a generation id;
// everything else is read back from the database. Discord caps custom_id at 100 characters.
export const CUSTOM_ID_VERSION = 'v1';
export const CUSTOM_ID_ACTIONS = [
  'reroll',
  'same',
  'reprompt',
  'repromptsubmit',
  'editimage',
  'editimagesubmit',
  'editmsgsubmit',
  'delete',
  'cancel',
  // The member's studio: ⭐ on a result, a page of /history or /favorites, one entry opened again.
  'favorite',
  'history',
  'open',
] as const;
export type CustomIdAction = (typeof CUSTOM_ID_ACTIONS)[number];

// Results posted before image editing existed carry `edit` (the Edit prompt button) and `editsubmit`
// (its modal): they keep doing what their label says.
const LEGACY_ACTIONS: Readonly<Record<string, CustomIdAction>> = {
  edit: 'reprompt',
  editsubmit: 'repromptsubmit',
};

export interface CustomId {
  action: CustomIdAction;
  generationId: string;
}

export type CustomIdDecodeResult =
  | { ok: true; value: CustomId }
  | { ok: false; reason: 'malformed' | 'outdated' | 'unknown-action' };

const GENERATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function encodeCustomId(id: CustomId): string {
  if (!GENERATION_ID.test(id.generationId)) throw new Error(`invalid generation id: ${id.generationId}`);
  return `${CUSTOM_ID_VERSION}:${id.action}:${id.generationId}`;
}

export function decodeCustomId(raw: string): CustomIdDecodeResult {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 100)
    return { ok: false, reason: 'malformed' };
  const parts = raw.split(':');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [version, written, generationId] = parts as [string, string, string];
  const action = Object.hasOwn(LEGACY_ACTIONS, written) ? LEGACY_ACTIONS[written]! : written;
  if (!/^v\d+$/.test(version)) return { ok: false, reason: 'malformed' };
  if (version !== CUSTOM_ID_VERSION) return { ok: false, reason: 'outdated' };
  if (!isAction(action)) return { ok: false, reason: 'unknown-action' };
  if (!GENERATION_ID.test(generationId)) return { ok: false, reason: 'malformed' };
  return { ok: true, value: { action, generationId } };
}

function isAction(value: string): value is CustomIdAction {
  return (CUSTOM_ID_ACTIONS as readonly string[]).includes(value);
}
