// Texts of /preferences, /preset and /imagine's preset option. One part of the catalogue: en.ts, de.ts and fr.ts
// spread every part; keys follow the rules of en.ts (the key decides the Discord limit).
import type { Catalogue, Message } from '../message.ts';

export const en = {
  'command.preferences.name': 'preferences',
  'command.preferences.description':
    'Your own defaults for /imagine: shape, count, format and a style suffix',
  'option.preferences.aspect_ratio.description': 'Shape used when you give none',
  'option.preferences.count.description': 'Images per request when you give none, 1–4',
  'option.preferences.format.description': 'File format used when you give none',
  'option.preferences.style_suffix.name': 'style_suffix',
  'option.preferences.style_suffix.description': 'Text added to the end of every /imagine prompt',
  'option.preferences.clear.name': 'clear',
  'option.preferences.clear.description': 'Forget all your defaults',
  'command.preset.name': 'preset',
  'command.preset.description': 'Your named prompts for /imagine',
  'option.preset.save.name': 'save',
  'option.preset.save.description': 'Save a prompt under a name (replaces one of that name)',
  'option.preset.name.name': 'name',
  'option.preset.save.name.description': 'Name of the preset, up to 32 characters',
  'option.preset.save.prompt.description': 'The prompt; {prompt} marks where your own words go',
  'option.preset.list.description': 'Show your presets',
  'option.preset.delete.name': 'delete',
  'option.preset.delete.description': 'Delete one of your presets',
  'option.preset.delete.name.description': 'The preset to delete',
  'option.imagine.preset.name': 'preset',
  'option.imagine.preset.description': 'One of your presets (/preset save) to build the prompt from',
  'presets.preferences.current':
    'Your defaults for /imagine (options you give always win, and server limits still apply):\n• aspect_ratio: {aspectRatio}\n• count: {count}\n• format: {format}\n• style suffix: {styleSuffix}',
  'presets.preferences.unset': 'not set',
  'presets.preferences.cleared':
    'Your defaults are forgotten: /imagine uses 1:1, 1 image, jpeg and no style suffix.',
  'presets.preset.created': 'Saved the preset **{name}**. Use it with /imagine and its preset option.',
  'presets.preset.replaced': 'Replaced the prompt of your preset **{name}**.',
  'presets.preset.deleted': 'Deleted the preset **{name}**.',
  'presets.preset.notFound': 'You have no preset named **{name}**.',
  'presets.preset.none': 'You have no presets yet. Save one with /preset save.',
  'presets.preset.list': {
    one: 'Your preset ({count}):\n{list}',
    other: 'Your presets ({count} shown):\n{list}',
  },
  'presets.preset.listMore':
    'Only the first ones by name are shown: type in /preset delete to find the others.',
  'presets.imagine.unknownPreset':
    'You have no preset named **{name}**. Pick one from the list, or save it with /preset save.',
  'presets.imagine.tooLong':
    'With the preset and your style suffix the prompt would be {length} characters, over the limit of {max}. Shorten your prompt, the preset or the suffix.',
  'presets.input.nameLength': 'A preset name is 1–{max} characters (this one has {length}).',
  'presets.input.nameControl': 'A preset name cannot hold control characters.',
  'presets.input.prompt': 'I can’t save that prompt: {reason}.',
  'presets.input.limit': {
    one: 'You already have {count} preset, the most you can keep. Delete one with /preset delete first.',
    other: 'You already have {count} presets, the most you can keep. Delete one with /preset delete first.',
  },
  'presets.input.aspectRatio': 'aspect_ratio must be one of {choices}.',
  'presets.input.count': 'count must be {min}–{max}.',
  'presets.input.format': 'format must be {choices}.',
  'presets.input.suffixLength': 'The style suffix is longer than {max} characters.',
  'presets.input.suffixControl': 'The style suffix holds a character that cannot be stored.',
} as const satisfies Catalogue;

type Id = keyof typeof en;

export const de = {
  'command.preferences.name': 'vorlieben',
  'command.preferences.description':
    'Deine eigenen Vorgaben für /bild: Format, Anzahl, Dateityp und ein Stilzusatz',
  'option.preferences.aspect_ratio.description': 'Seitenverhältnis, wenn du keines angibst',
  'option.preferences.count.description': 'Bilder pro Anfrage, wenn du keine Anzahl angibst, 1–4',
  'option.preferences.format.description': 'Dateiformat, wenn du keines angibst',
  'option.preferences.style_suffix.name': 'stilzusatz',
  'option.preferences.style_suffix.description': 'Text, der an jede /bild-Beschreibung angehängt wird',
  'option.preferences.clear.name': 'zurücksetzen',
  'option.preferences.clear.description': 'Alle deine Vorgaben vergessen',
  'command.preset.name': 'vorlage',
  'command.preset.description': 'Deine benannten Beschreibungen für /bild',
  'option.preset.save.name': 'speichern',
  'option.preset.save.description':
    'Eine Beschreibung unter einem Namen speichern (ersetzt eine gleichnamige)',
  'option.preset.name.name': 'name',
  'option.preset.save.name.description': 'Name der Vorlage, bis zu 32 Zeichen',
  'option.preset.save.prompt.description':
    'Die Beschreibung; {prompt} markiert, wo deine eigenen Worte hinkommen',
  'option.preset.list.description': 'Deine Vorlagen anzeigen',
  'option.preset.delete.name': 'löschen',
  'option.preset.delete.description': 'Eine deiner Vorlagen löschen',
  'option.preset.delete.name.description': 'Die zu löschende Vorlage',
  'option.imagine.preset.name': 'vorlage',
  'option.imagine.preset.description':
    'Eine deiner Vorlagen (/vorlage speichern), aus der die Beschreibung entsteht',
  'presets.preferences.current':
    'Deine Vorgaben für /bild (angegebene Optionen gehen immer vor, die Grenzen des Servers gelten weiter):\n• Seitenverhältnis: {aspectRatio}\n• Anzahl: {count}\n• Format: {format}\n• Stilzusatz: {styleSuffix}',
  'presets.preferences.unset': 'nicht gesetzt',
  'presets.preferences.cleared':
    'Deine Vorgaben sind vergessen: /bild nutzt 1:1, 1 Bild, jpeg und keinen Stilzusatz.',
  'presets.preset.created': 'Vorlage **{name}** gespeichert. Nutze sie mit /bild und der Option Vorlage.',
  'presets.preset.replaced': 'Die Beschreibung deiner Vorlage **{name}** wurde ersetzt.',
  'presets.preset.deleted': 'Vorlage **{name}** gelöscht.',
  'presets.preset.notFound': 'Du hast keine Vorlage namens **{name}**.',
  'presets.preset.none': 'Du hast noch keine Vorlagen. Speichere eine mit /vorlage speichern.',
  'presets.preset.list': {
    one: 'Deine Vorlage ({count}):\n{list}',
    other: 'Deine Vorlagen ({count} angezeigt):\n{list}',
  },
  'presets.preset.listMore':
    'Nur die ersten nach Namen werden angezeigt: tippe bei /vorlage löschen, um die anderen zu finden.',
  'presets.imagine.unknownPreset':
    'Du hast keine Vorlage namens **{name}**. Wähle eine aus der Liste oder speichere sie mit /vorlage speichern.',
  'presets.imagine.tooLong':
    'Mit Vorlage und Stilzusatz hätte die Beschreibung {length} Zeichen, mehr als die erlaubten {max}. Kürze deine Beschreibung, die Vorlage oder den Zusatz.',
  'presets.input.nameLength': 'Ein Vorlagenname hat 1–{max} Zeichen (dieser hat {length}).',
  'presets.input.nameControl': 'Ein Vorlagenname darf keine Steuerzeichen enthalten.',
  'presets.input.prompt': 'Diese Beschreibung kann ich nicht speichern: {reason}.',
  'presets.input.limit': {
    one: 'Du hast schon {count} Vorlage, mehr geht nicht. Lösche zuerst eine mit /vorlage löschen.',
    other: 'Du hast schon {count} Vorlagen, mehr geht nicht. Lösche zuerst eine mit /vorlage löschen.',
  },
  'presets.input.aspectRatio': 'Das Seitenverhältnis muss eines von {choices} sein.',
  'presets.input.count': 'Die Anzahl muss {min}–{max} sein.',
  'presets.input.format': 'Das Format muss {choices} sein.',
  'presets.input.suffixLength': 'Der Stilzusatz ist länger als {max} Zeichen.',
  'presets.input.suffixControl': 'Der Stilzusatz enthält ein Zeichen, das nicht gespeichert werden kann.',
} as const satisfies Record<Id, Message>;

export const fr = {
  'command.preferences.name': 'préférences',
  'command.preferences.description':
    'Tes valeurs par défaut pour /imaginer : format, nombre, type de fichier, suffixe de style',
  'option.preferences.aspect_ratio.description': 'Proportions utilisées quand tu n’en donnes pas',
  'option.preferences.count.description': 'Images par demande quand tu n’en donnes pas, 1–4',
  'option.preferences.format.description': 'Format de fichier utilisé quand tu n’en donnes pas',
  'option.preferences.style_suffix.name': 'suffixe_de_style',
  'option.preferences.style_suffix.description': 'Texte ajouté à la fin de chaque description /imaginer',
  'option.preferences.clear.name': 'effacer',
  'option.preferences.clear.description': 'Oublier toutes tes valeurs par défaut',
  'command.preset.name': 'préréglage',
  'command.preset.description': 'Tes descriptions nommées pour /imaginer',
  'option.preset.save.name': 'enregistrer',
  'option.preset.save.description': 'Enregistrer une description sous un nom (remplace celle du même nom)',
  'option.preset.name.name': 'nom',
  'option.preset.save.name.description': 'Nom du préréglage, 32 caractères au plus',
  'option.preset.save.prompt.description': 'La description ; {prompt} marque l’endroit de tes propres mots',
  'option.preset.list.description': 'Afficher tes préréglages',
  'option.preset.delete.name': 'supprimer',
  'option.preset.delete.description': 'Supprimer un de tes préréglages',
  'option.preset.delete.name.description': 'Le préréglage à supprimer',
  'option.imagine.preset.name': 'préréglage',
  'option.imagine.preset.description':
    'Un de tes préréglages (/préréglage enregistrer) pour construire la description',
  'presets.preferences.current':
    'Tes valeurs par défaut pour /imaginer (les options que tu donnes priment toujours, les limites du serveur s’appliquent) :\n• proportions : {aspectRatio}\n• nombre : {count}\n• format : {format}\n• suffixe de style : {styleSuffix}',
  'presets.preferences.unset': 'non défini',
  'presets.preferences.cleared':
    'Tes valeurs par défaut sont oubliées : /imaginer utilise 1:1, 1 image, jpeg et aucun suffixe de style.',
  'presets.preset.created':
    'Préréglage **{name}** enregistré. Utilise-le avec /imaginer et son option préréglage.',
  'presets.preset.replaced': 'La description de ton préréglage **{name}** a été remplacée.',
  'presets.preset.deleted': 'Préréglage **{name}** supprimé.',
  'presets.preset.notFound': 'Tu n’as aucun préréglage nommé **{name}**.',
  'presets.preset.none': 'Tu n’as encore aucun préréglage. Enregistres-en un avec /préréglage enregistrer.',
  'presets.preset.list': {
    one: 'Ton préréglage ({count}) :\n{list}',
    many: 'Tes préréglages ({count} affichés) :\n{list}',
    other: 'Tes préréglages ({count} affichés) :\n{list}',
  },
  'presets.preset.listMore':
    'Seuls les premiers par nom sont affichés : tape dans /préréglage supprimer pour trouver les autres.',
  'presets.imagine.unknownPreset':
    'Tu n’as aucun préréglage nommé **{name}**. Choisis-en un dans la liste, ou enregistre-le avec /préréglage enregistrer.',
  'presets.imagine.tooLong':
    'Avec le préréglage et ton suffixe de style, la description ferait {length} caractères, au-delà de la limite de {max}. Raccourcis ta description, le préréglage ou le suffixe.',
  'presets.input.nameLength': 'Un nom de préréglage fait 1 à {max} caractères (celui-ci en a {length}).',
  'presets.input.nameControl': 'Un nom de préréglage ne peut pas contenir de caractères de contrôle.',
  'presets.input.prompt': 'Je ne peux pas enregistrer cette description : {reason}.',
  'presets.input.limit': {
    one: 'Tu as déjà {count} préréglage, le maximum. Supprimes-en un avec /préréglage supprimer d’abord.',
    many: 'Tu as déjà {count} préréglages, le maximum. Supprimes-en un avec /préréglage supprimer d’abord.',
    other: 'Tu as déjà {count} préréglages, le maximum. Supprimes-en un avec /préréglage supprimer d’abord.',
  },
  'presets.input.aspectRatio': 'Les proportions doivent être l’une de {choices}.',
  'presets.input.count': 'Le nombre doit être de {min} à {max}.',
  'presets.input.format': 'Le format doit être {choices}.',
  'presets.input.suffixLength': 'Le suffixe de style dépasse {max} caractères.',
  'presets.input.suffixControl': 'Le suffixe de style contient un caractère qui ne peut pas être enregistré.',
} as const satisfies Record<Id, Message>;
