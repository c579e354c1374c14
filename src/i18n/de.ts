// German. TypeScript requires every key of en.ts here, and no other (see message.ts for the shape).
import type { MessageId } from './en.ts';
import type { Message } from './message.ts';
import * as moderation from './parts/moderation.ts';
import * as presets from './parts/presets.ts';
import * as reach from './parts/reach.ts';
import * as results from './parts/results.ts';
import * as studio from './parts/studio.ts';

export const de = {
  ...studio.de,
  ...presets.de,
  ...reach.de,
  ...results.de,
  ...moderation.de,
  'command.imagine.name': 'bild',
  'command.imagine.description': 'Bilder aus einer Beschreibung erzeugen, mit FLUX.1 Kontext [pro]',
  'option.imagine.prompt.description': 'Was gezeichnet werden soll',
  'option.imagine.aspect_ratio.description': 'Form des Bildes (Standard 1:1)',

  'command.edit.name': 'bearbeiten',
  'command.edit.description': 'Ein Bild ändern, indem du sagst, was anders werden soll, mit FLUX.1 Kontext',
  'option.edit.prompt.description': 'Was geändert werden soll, z. B. „gib dem Fuchs einen roten Schal“',
  'option.edit.aspect_ratio.description': 'Form des Bildes (Standard: wie das Ausgangsbild)',
  'option.image.name': 'bild',
  'option.edit.image.description': 'Das zu bearbeitende Bild (JPEG, PNG, WebP oder GIF)',
  'option.image2.name': 'bild2',
  'option.edit.image2.description': 'Ein zweites Bild zum Kombinieren (nutzt das Mehrbild-Modell)',
  'option.image3.name': 'bild3',
  'option.edit.image3.description': 'Ein drittes Bild zum Kombinieren',
  'option.image4.name': 'bild4',
  'option.edit.image4.description': 'Ein viertes Bild zum Kombinieren',

  'option.prompt.name': 'beschreibung',
  'option.aspect_ratio.name': 'seitenverhältnis',
  'option.count.name': 'anzahl',
  'option.generation.count.description': 'Wie viele Bilder, 1–4 (Standard 1)',
  'option.seed.name': 'seed',
  'option.generation.seed.description':
    'Gleicher Seed + gleiche Beschreibung ergibt dasselbe Bild (Standard zufällig)',
  'option.guidance.name': 'genauigkeit',
  'option.generation.guidance.description': 'Wie genau die Beschreibung befolgt wird, 1–20 (Standard 3,5)',
  'option.format.name': 'format',
  'option.generation.format.description': 'Dateiformat des Bildes (Standard jpeg)',
  'option.enhance_prompt.name': 'beschreibung-verbessern',
  'option.generation.enhance_prompt.description':
    'fal schreibt die Beschreibung für bessere Ergebnisse um (Standard: nein)',

  'menu.editWithKontext.name': 'Mit Kontext bearbeiten',

  'command.usage.name': 'nutzung',
  'command.usage.description':
    'Deine Bilder heute und was übrig ist; Moderatoren sehen auch Summen und Kosten des Servers',

  'command.settings.name': 'einstellungen',
  'command.settings.description':
    'Moderatoren: die Bildregeln dieses Servers (Sicherheit, Limits, wo und wer, Sperrliste)',
  'option.show.name': 'anzeigen',
  'option.settings.show.description':
    'Jede Einstellung dieses Servers, ihr Wert und Standard, und die letzten Änderungen',
  'option.safety.name': 'sicherheit',
  'option.settings.safety.description':
    'Wie streng der Sicherheitsfilter von fal ist: 1 am strengsten … 6 am lockersten (Standard 2)',
  'option.level.name': 'stufe',
  'option.settings.safety.level.description':
    'safety_tolerance für fal: 1 am strengsten … 6 am lockersten (Standard 2)',
  'option.nsfw_level.name': 'nsfw-stufe',
  'option.settings.safety.nsfw_level.description':
    'Gilt stattdessen in altersbeschränkten Kanälen (1–6), oder „wie Stufe“',
  'choice.level.1': '1 – am strengsten',
  'choice.level.2': '2 – streng (fal-Standard)',
  'choice.level.6': '6 – am lockersten',
  'choice.level.same': 'wie Stufe',
  'option.limits.name': 'limits',
  'option.settings.limits.description':
    'Wartezeit, Tageskontingente, Bilder pro Anfrage und Tagesbudget (0 = unbegrenzt)',
  'option.cooldown.name': 'wartezeit',
  'option.settings.limits.cooldown.description':
    'Sekunden zwischen zwei Erzeugungen eines Mitglieds (0 = keine)',
  'option.daily_per_user.name': 'pro-mitglied-täglich',
  'option.settings.limits.daily_per_user.description': 'Bilder pro Mitglied und Tag, UTC (0 = unbegrenzt)',
  'option.daily_server.name': 'server-täglich',
  'option.settings.limits.daily_server.description':
    'Bilder für den ganzen Server pro Tag, UTC (0 = unbegrenzt)',
  'option.max_count.name': 'höchstanzahl',
  'option.settings.limits.max_count.description': 'Höchstens so viele Bilder pro Anfrage (1–4)',
  'option.budget.name': 'budget',
  'option.settings.limits.budget.description':
    'US$, die der Server pro Tag ausgeben darf, geschätzt nach Bildpreis (0 = unbegrenzt)',
  'option.channels.name': 'kanäle',
  'option.settings.channels.description': '/bild überall erlauben (Standard) oder nur in gelisteten Kanälen',
  'option.add.name': 'hinzufügen',
  'option.settings.channels.add.description':
    '/bild in diesem Kanal erlauben (dann nur in gelisteten Kanälen)',
  'option.remove.name': 'entfernen',
  'option.settings.channels.remove.description': 'Diesen Kanal von der Liste nehmen',
  'option.everywhere.name': 'überall',
  'option.settings.channels.everywhere.description': 'Liste leeren: /bild überall erlauben',
  'option.roles.name': 'rollen',
  'option.settings.roles.description': 'Alle erlauben (Standard) oder nur Mitglieder mit gelisteten Rollen',
  'option.settings.roles.add.description': 'Mitglieder mit dieser Rolle erlauben (dann nur gelistete Rollen)',
  'option.settings.roles.remove.description': 'Diese Rolle von der Liste nehmen',
  'option.everyone.name': 'alle',
  'option.settings.roles.everyone.description': 'Liste leeren: alle erlauben',
  'option.blocklist.name': 'sperrliste',
  'option.settings.blocklist.description':
    'In Beschreibungen abgelehnte Begriffe (ganze Wörter, Groß/klein egal; /regex/ erlaubt)',
  'option.settings.blocklist.add.description': 'Beschreibungen mit diesem Begriff ablehnen',
  'option.term.name': 'begriff',
  'option.settings.blocklist.add.term.description': 'Ein Wort oder eine Wendung, oder /regex/',
  'option.settings.blocklist.remove.description': 'Diesen Begriff wieder erlauben',
  'option.settings.blocklist.remove.term.description': 'Der Begriff, wie er gelistet ist',
  'option.list.name': 'liste',
  'option.settings.blocklist.list.description': 'Die gesperrten Begriffe zeigen',
  'option.reset.name': 'zurücksetzen',
  'option.settings.reset.description': 'Alle Einstellungen auf den Standard zurücksetzen (mit Rückfrage)',
  'error.unknownCommand': 'Diesen Befehl gibt es nicht mehr.',
  'error.outdatedButton':
    'Dieser Knopf stammt aus einer älteren Version des Bots und funktioniert nicht mehr. Versuche /bild noch einmal.',
  'error.unknownButton': 'Diesen Knopf kenne ich nicht.',
  'error.unhandled': 'Damit kann ich noch nicht umgehen.',
  'error.unreadable':
    '⚠️ Die gespeicherten Angaben zu diesem Ergebnis sind nicht mehr lesbar, daher funktionieren seine Knöpfe nicht mehr. Versuche /bild noch einmal. (Fehler-ID `{errorId}`)',
  'error.generic': '⚠️ Etwas ist schiefgegangen. Bitte versuche es noch einmal. (Fehler-ID `{errorId}`)',
  'error.notInServer': 'Das geht nur auf einem Server.',
  'error.notManager':
    'Nur Mitglieder mit der Berechtigung „Server verwalten“ können diese Einstellungen ändern.',
  'error.queueFull': {
    one: 'Du hast schon {count} Erzeugung in der Warteschlange. Bitte warte, bis sie startet, bevor du mehr anforderst.',
    other:
      'Du hast schon {count} Erzeugungen in der Warteschlange. Bitte warte, bis eine startet, bevor du mehr anforderst.',
  },
  'error.missingPermissions': {
    one: 'Ich kann in diesem Kanal keine Bilder posten: Mir fehlt hier die Berechtigung {names}. Bitte einen Moderator, sie zu erteilen.',
    other:
      'Ich kann in diesem Kanal keine Bilder posten: Mir fehlen hier die Berechtigungen {names}. Bitte einen Moderator, sie zu erteilen.',
  },
  'error.edit.unreadableFile':
    'Ich kann die als {name} angegebene Datei nicht lesen: Bitte hänge sie noch einmal an.',
  'error.edit.noImage': 'Hänge das zu bearbeitende Bild als `bild` an.',
  'error.editMessage.noImage': '🖼️ An dieser Nachricht hängt kein Bild, das ich bearbeiten könnte.',
  'error.editMessage.noneEditable': 'Kein Bild hier lässt sich bearbeiten.',
  'error.editMessage.expired':
    'Dieses Bearbeitungsformular ist abgelaufen. Nutze **Mit Kontext bearbeiten** noch einmal an der Nachricht.',
  'error.editMessage.pickOne': 'Wähle eines der angebotenen Bilder.',
  'error.usage.notInServer': '/nutzung funktioniert auf einem Server.',
  'error.resultGone':
    'Ich habe die Angaben zu diesem Bild nicht mehr, daher lassen sich seine Knöpfe nicht nutzen. Versuche /bild noch einmal.',
  'error.unknownModel': 'Dieses Ergebnis stammt von einem Modell, das diese Version des Bots nicht kennt.',
  'error.settings.levelRequired': 'stufe ist erforderlich.',
  'error.settings.unknown': 'Diesen Einstellungsbefehl gibt es nicht mehr.',
} as const satisfies Record<MessageId, Message>;
