// Texts of a member's own install of the app (user-install) and the host's switch for it. One part of the catalogue: en.ts, de.ts and fr.ts
// spread every part; keys follow the rules of en.ts (the key decides the Discord limit).
import type { Catalogue, Message } from '../message.ts';

export const en = {
  // A command still offered by an old registration after the host switched user installs off.
  'reach.userInstallsOff':
    'This bot can no longer be used through your own install of the app: its host switched that off. Ask in a server where the bot is a member.',
  // Where only the interaction answers, Discord allows five follow-ups (src/jobs/delivery.ts).
  'reach.followUpsUsed': {
    one: '⚠️ {count} image could not be posted: here I can only answer with a few messages.',
    other: '⚠️ {count} images could not be posted: here I can only answer with a few messages.',
  },
} as const satisfies Catalogue;

type Id = keyof typeof en;

export const de = {
  'reach.userInstallsOff':
    'Über deine eigene Installation der App kann dieser Bot nicht mehr genutzt werden: Sein Betreiber hat das abgeschaltet. Frag in einem Server, in dem der Bot Mitglied ist.',
  'reach.followUpsUsed': {
    one: '⚠️ {count} Bild konnte nicht gepostet werden: Hier kann ich nur mit wenigen Nachrichten antworten.',
    other:
      '⚠️ {count} Bilder konnten nicht gepostet werden: Hier kann ich nur mit wenigen Nachrichten antworten.',
  },
} as const satisfies Record<Id, Message>;

export const fr = {
  'reach.userInstallsOff':
    'Ce bot ne peut plus être utilisé via ta propre installation de l’application : son hébergeur l’a désactivé. Demande dans un serveur dont le bot est membre.',
  'reach.followUpsUsed': {
    one: '⚠️ {count} image n’a pas pu être publiée : ici, je ne peux répondre qu’avec quelques messages.',
    many: '⚠️ {count} d’images n’ont pas pu être publiées : ici, je ne peux répondre qu’avec quelques messages.',
    other:
      '⚠️ {count} images n’ont pas pu être publiées : ici, je ne peux répondre qu’avec quelques messages.',
  },
} as const satisfies Record<Id, Message>;
