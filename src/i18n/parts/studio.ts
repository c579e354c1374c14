// Texts of /history, /favorites, the ⭐ button and the history view. One part of the catalogue: en.ts, de.ts and fr.ts
// spread every part; keys follow the rules of en.ts (the key decides the Discord limit).
import type { Catalogue, Message } from '../message.ts';

export const en = {
  'command.history.name': 'history',
  'command.history.description': 'Your recent images and edits, newest first (only you see it)',
  'option.history.everywhere.description': 'Include every server and DMs (default: only this server)',
  'command.favorites.name': 'favorites',
  'command.favorites.description': 'The images you starred with ⭐ (only you see it)',
  'option.favorites.everywhere.description': 'Include every server and DMs (default: only this server)',

  'history.header.history': '### 📜 Your history · {scope} · page {page}',
  'history.header.favorites': '### ⭐ Your favourites · {scope} · page {page}',
  'history.scope.server': 'this server',
  'history.scope.everywhere': 'every server and DMs',
  'history.empty.history':
    'Nothing here yet. Make something with /imagine or /edit and it shows up in your history.',
  'history.empty.favorites': 'No favourites yet. Press ⭐ Favourite under any result to keep it here.',
  'history.unreadable': {
    one: '⚠️ {count} entry on this page could not be read and is left out.',
    other: '⚠️ {count} entries on this page could not be read and are left out.',
  },
  'history.entry.meta': '🌱 `{seed}` · {when} · {where}',
  'history.where.dm': 'in DMs',
  'history.where.channel': 'in {channel}',
  'history.hidden': {
    one: '🙈 {count} image hidden: possibly not safe for work, shown only in age-restricted channels.',
    other: '🙈 {count} images hidden: possibly not safe for work, shown only in age-restricted channels.',
  },
  'history.unavailable': {
    one: '🕳️ {count} image is no longer available from fal or Discord.',
    other: '🕳️ {count} images are no longer available from fal or Discord.',
  },
  'history.noSeed': 'unknown',
  'button.history.open': 'Open',
  'button.history.reroll': 'Reroll',
  'button.history.same': 'Same seed',
  'button.history.editImage': 'Edit image',
  'button.history.newest': 'Newest',
  'button.history.older': 'Older',
  'button.history.goTo': 'Go to message',

  'favorite.added': '⭐ Added to your favourites (see /favorites).',
  'favorite.removed': 'Removed from your favourites.',
  'error.open.notYours': 'Only the member who asked for this image, or who starred it, can open it here.',
} as const satisfies Catalogue;

type Id = keyof typeof en;

export const de = {
  'command.history.name': 'verlauf',
  'command.history.description': 'Deine letzten Bilder und Bearbeitungen, neueste zuerst (nur du siehst es)',
  'option.history.everywhere.description': 'Alle Server und DMs einbeziehen (Standard: nur dieser Server)',
  'command.favorites.name': 'favoriten',
  'command.favorites.description': 'Die Bilder, die du mit ⭐ markiert hast (nur du siehst es)',
  'option.favorites.everywhere.description': 'Alle Server und DMs einbeziehen (Standard: nur dieser Server)',

  'history.header.history': '### 📜 Dein Verlauf · {scope} · Seite {page}',
  'history.header.favorites': '### ⭐ Deine Favoriten · {scope} · Seite {page}',
  'history.scope.server': 'dieser Server',
  'history.scope.everywhere': 'alle Server und DMs',
  'history.empty.history':
    'Hier ist noch nichts. Erstelle etwas mit /bild oder /bearbeiten, dann erscheint es in deinem Verlauf.',
  'history.empty.favorites':
    'Noch keine Favoriten. Drück ⭐ Favorit unter einem Ergebnis, um es hier aufzubewahren.',
  'history.unreadable': {
    one: '⚠️ {count} Eintrag auf dieser Seite konnte nicht gelesen werden und fehlt.',
    other: '⚠️ {count} Einträge auf dieser Seite konnten nicht gelesen werden und fehlen.',
  },
  'history.entry.meta': '🌱 `{seed}` · {when} · {where}',
  'history.where.dm': 'in DMs',
  'history.where.channel': 'in {channel}',
  'history.hidden': {
    one: '🙈 {count} Bild ausgeblendet: möglicherweise nicht jugendfrei, nur in altersbeschränkten Kanälen sichtbar.',
    other:
      '🙈 {count} Bilder ausgeblendet: möglicherweise nicht jugendfrei, nur in altersbeschränkten Kanälen sichtbar.',
  },
  'history.unavailable': {
    one: '🕳️ {count} Bild ist weder bei fal noch bei Discord mehr verfügbar.',
    other: '🕳️ {count} Bilder sind weder bei fal noch bei Discord mehr verfügbar.',
  },
  'history.noSeed': 'unbekannt',
  'button.history.open': 'Öffnen',
  'button.history.reroll': 'Neu würfeln',
  'button.history.same': 'Gleicher Seed',
  'button.history.editImage': 'Bild bearbeiten',
  'button.history.newest': 'Neueste',
  'button.history.older': 'Ältere',
  'button.history.goTo': 'Zur Nachricht',

  'favorite.added': '⭐ Zu deinen Favoriten hinzugefügt (siehe /favoriten).',
  'favorite.removed': 'Aus deinen Favoriten entfernt.',
  'error.open.notYours': 'Nur wer dieses Bild angefordert oder mit ⭐ markiert hat, kann es hier öffnen.',
} as const satisfies Record<Id, Message>;

export const fr = {
  'command.history.name': 'historique',
  'command.history.description':
    'Tes dernières images et retouches, les plus récentes d’abord (visible par toi seul)',
  'option.history.everywhere.description':
    'Inclure tous les serveurs et les MP (par défaut : ce serveur seulement)',
  'command.favorites.name': 'favoris',
  'command.favorites.description': 'Les images que tu as marquées d’une ⭐ (visible par toi seul)',
  'option.favorites.everywhere.description':
    'Inclure tous les serveurs et les MP (par défaut : ce serveur seulement)',

  'history.header.history': '### 📜 Ton historique · {scope} · page {page}',
  'history.header.favorites': '### ⭐ Tes favoris · {scope} · page {page}',
  'history.scope.server': 'ce serveur',
  'history.scope.everywhere': 'tous les serveurs et les MP',
  'history.empty.history':
    'Rien pour l’instant. Crée quelque chose avec /imaginer ou /modifier et cela apparaîtra dans ton historique.',
  'history.empty.favorites':
    'Pas encore de favoris. Appuie sur ⭐ Favori sous un résultat pour le garder ici.',
  'history.unreadable': {
    one: '⚠️ {count} entrée de cette page est illisible et n’est pas affichée.',
    many: '⚠️ {count} entrées de cette page sont illisibles et ne sont pas affichées.',
    other: '⚠️ {count} entrées de cette page sont illisibles et ne sont pas affichées.',
  },
  'history.entry.meta': '🌱 `{seed}` · {when} · {where}',
  'history.where.dm': 'en MP',
  'history.where.channel': 'dans {channel}',
  'history.hidden': {
    one: '🙈 {count} image masquée : peut-être réservée aux adultes, visible seulement dans les salons soumis à une limite d’âge.',
    many: '🙈 {count} images masquées : peut-être réservées aux adultes, visibles seulement dans les salons soumis à une limite d’âge.',
    other:
      '🙈 {count} images masquées : peut-être réservées aux adultes, visibles seulement dans les salons soumis à une limite d’âge.',
  },
  'history.unavailable': {
    one: '🕳️ {count} image n’est plus disponible, ni chez fal ni sur Discord.',
    many: '🕳️ {count} images ne sont plus disponibles, ni chez fal ni sur Discord.',
    other: '🕳️ {count} images ne sont plus disponibles, ni chez fal ni sur Discord.',
  },
  'history.noSeed': 'inconnue',
  'button.history.open': 'Ouvrir',
  'button.history.reroll': 'Relancer',
  'button.history.same': 'Même graine',
  'button.history.editImage': 'Retoucher l’image',
  'button.history.newest': 'Plus récentes',
  'button.history.older': 'Plus anciennes',
  'button.history.goTo': 'Aller au message',

  'favorite.added': '⭐ Ajoutée à tes favoris (voir /favoris).',
  'favorite.removed': 'Retirée de tes favoris.',
  'error.open.notYours':
    'Seul le membre qui a demandé cette image, ou qui l’a marquée d’une ⭐, peut l’ouvrir ici.',
} as const satisfies Record<Id, Message>;
