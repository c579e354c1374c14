// Texts of results, buttons, modals, progress, failures and edits (what predates the catalogue).
// spread every part; keys follow the rules of en.ts (the key decides the Discord limit).
// Results and progress are rendered in the requester's language (Generation.locale), perhaps by another
// process later; refusals in the language of whoever pressed. {command} is a localised command name,
// {link} a message link, {seconds}/{size}/{max}/{limit} numbers already formatted for the language.
import type { Catalogue, Message } from '../message.ts';

export const en = {
  // The result message (src/discord/presentation/resultMessage.ts)
  'embed.result.imagine.title': 'Imagined',
  'embed.result.reroll.title': 'Rerolled',
  'embed.result.same_seed.title': 'Same seed',
  'embed.result.reprompt.title': 'Edited prompt',
  'embed.result.edit.title': 'Edited image',
  'embed.result.ofEdit.title': '{title} (image edit)',
  'field.result.seed.name': 'Seed',
  'field.result.aspectRatio.name': 'Aspect ratio',
  'field.result.images.name': 'Images',
  'field.result.guidance.name': 'Guidance',
  'field.result.took.name': 'Took',
  'field.result.requestedBy.name': 'Requested by',
  'field.result.source.name': 'Source',
  'result.seedUnknown': 'unknown',
  'result.aspectAsSource': 'as the source',
  'result.imagesWithheld': '{shown} ({withheld} withheld)',
  'result.sourceMessage': '[source message]({link})',
  'result.sourceUploaded': 'images uploaded with /{command}',
  'result.sourceImages': { one: '{count} source image', other: '{count} source images' },
  'result.chainStep': 'edit {step} of a chain',
  'result.withheld.only':
    '🙈 The image was withheld: fal flagged it as possibly not safe for work, and this channel is not age-restricted.',
  'result.withheld.some': {
    one: '🙈 {count} of {total} images was withheld: fal flagged it as possibly not safe for work, and this channel is not age-restricted.',
    other:
      '🙈 {count} of {total} images were withheld: fal flagged it as possibly not safe for work, and this channel is not age-restricted.',
  },
  'duration.seconds': '{seconds} s',
  'duration.minutes': '{minutes} min {seconds} s',
  'button.result.reroll': 'Reroll',
  'button.result.sameSeed': 'Same seed',
  'button.result.editPrompt': 'Edit prompt',
  'button.result.editImage': 'Edit image',
  'button.result.delete': 'Delete',
  'button.result.favourite': 'Favourite',

  // Progress (src/discord/presentation/progress.ts)
  'progress.waiting': '⏳ Waiting for a free slot: position {position} in line…',
  'progress.queued': "⏳ Waiting in fal's queue…",
  'progress.queuedAt': "⏳ Waiting in fal's queue (position {position})…",
  'progress.running': '🎨 Generating… {seconds} s',
  'progress.uploading': '📤 Uploading…',
  'button.progress.cancel': 'Cancel',

  // Edit forms (src/discord/presentation/editModal.ts, buttons/editPrompt.ts)
  'modal.edit.title': 'Edit with Kontext',
  'label.edit.instruction.label': 'What should change?',
  'label.edit.instruction.description': 'Say it like an instruction: "give the fox a red scarf"',
  'label.edit.image.label': 'Which image',
  'choice.edit.image': 'Image {number}',
  'choice.edit.messageImage': 'Image {number}: {name}',
  'modal.editPrompt.title': 'Edit prompt',
  'input.editPrompt.prompt.label': 'Prompt (same options and seed)',

  // Failures of a generation (src/jobs/failureMessage.ts, jobFailures.ts)
  'failure.auth': "⚠️ The bot's fal key is invalid — tell the server owner.",
  'failure.invalid': '⚠️ fal rejected the request: {detail}.',
  'failure.invalidInput': 'invalid input',
  'failure.policy': '🚫 fal refused this prompt under its content policy. Try rewording it.',
  'failure.timeout': '⌛ fal took too long to answer. Please try again. (error id `{errorId}`)',
  'failure.rate': '⌛ fal is busy right now. Please try again in a minute. (error id `{errorId}`)',
  'failure.canceled': 'This generation was cancelled.',
  'failure.uncertain':
    '⚠️ The connection to fal broke after the request was sent, so the bot cannot tell whether fal started it, and did not send it again (that could charge twice). Please try again. (error id `{errorId}`)',
  'failure.generic': '⚠️ Something went wrong while generating. Please try again. (error id `{errorId}`)',
  'failure.unreadable':
    '⚠️ After a restart I could not pick up one of your generations, so it was cancelled and nothing was charged. Please ask again. (error id `{errorId}`)',
  'failure.aboutPrompt': 'About your prompt "{prompt}": {text}',

  // Delivery (src/jobs/deliveryAttempt.ts)
  'delivery.tooLarge': {
    one: '⚠️ {count} image was larger than this channel accepts ({limit} MiB) and could not be posted.',
    other: '⚠️ {count} images were larger than this channel accepts ({limit} MiB) and could not be posted.',
  },

  // Option checks (src/core/imagineOptions.ts); {error} is one of the parse.* texts
  'error.options.imagine': "I can't imagine that: {error}.",
  'error.options.edit': "I can't edit that: {error}.",
  'error.options.prompt': "I can't use that prompt: {error}.",
  'error.options.instruction': "I can't use that instruction: {error}.",
  'parse.prompt.required': 'the prompt is required',
  'parse.prompt.empty': 'the prompt is empty',
  'parse.prompt.tooLong': {
    one: 'the prompt is longer than {count} character',
    other: 'the prompt is longer than {count} characters',
  },
  'parse.prompt.type': 'the prompt must be text',
  'parse.instruction.required': 'the instruction is required',
  'parse.instruction.empty': 'the instruction is empty',
  'parse.instruction.tooLong': {
    one: 'the instruction is longer than {count} character',
    other: 'the instruction is longer than {count} characters',
  },
  'parse.instruction.type': 'the instruction must be text',
  'parse.aspectRatio': 'aspect_ratio must be one of {list}',
  'parse.count.whole': 'count must be a whole number',
  'parse.count.range': 'count must be {min}–{max}',
  'parse.seed.whole': 'seed must be a whole number',
  'parse.seed.min': 'seed must be {min} or more',
  'parse.seed.max': 'seed must be at most {max}',
  'parse.guidance.number': 'guidance must be a number',
  'parse.guidance.range': 'guidance must be {min}–{max}',
  'parse.format': 'format must be {list}',
  'parse.enhancePrompt': 'enhance_prompt must be true or false',
  'parse.invalid': 'the options are invalid',

  // Edit sources (src/core/editSources.ts, src/jobs/editSources.ts)
  'error.source.notImage': '🖼️ `{name}` is not an image I can edit ({type}): use a JPEG, PNG, WebP or GIF.',
  'error.source.notImageUntyped':
    '🖼️ `{name}` is not an image I can edit (unknown type): use a JPEG, PNG, WebP or GIF.',
  'error.source.tooBig': '🖼️ `{name}` is {size} MB: I can edit images up to {max} MB.',
  'error.source.refused': '🖼️ {error}',
  'error.source.refusedNamed': '🖼️ `{name}`: {error}',
  'error.source.tooLarge': 'That image is larger than {max} MB: please use a smaller one.',
  'error.source.notImageBytes': 'That file is not a JPEG, PNG, WebP or GIF image.',
  'error.source.unreachable': 'That image could not be downloaded: try again in a moment.',
  'error.source.expired':
    "That image's link has expired: post the image again and retry with the new message.",
  'error.source.handOff': "⚠️ I couldn't hand your image to fal just now. Please try again in a moment.",

  // Button refusals (buttons/*.ts, src/discord/resultLookup.ts, src/discord/respond.ts)
  'error.notYours.delete':
    'Only the member who asked for this image, or a moderator with Manage Messages, can delete it.',
  'error.notYours.cancel':
    'Only the member who asked for this image, or a moderator with Manage Messages, can cancel it.',
  'error.noSeedYet': 'This image has no seed yet: wait until it has finished.',
  'error.delete.otherMessage': "This button doesn't belong to this message, so I won't delete anything.",
  'error.cancel.finished': 'This generation has already finished.',
  'error.editImage.notYet': 'This result has no images I can edit yet: wait until it has been posted.',
  'error.editImage.withheld':
    '🙈 These images were withheld as possibly not safe for work, so they can only be edited in an age-restricted channel.',
  'error.restarting': 'The bot is restarting. Please try again in a minute.',
} as const satisfies Catalogue;

type Id = keyof typeof en;

export const de = {
  'embed.result.imagine.title': 'Erzeugt',
  'embed.result.reroll.title': 'Neu gewürfelt',
  'embed.result.same_seed.title': 'Gleicher Seed',
  'embed.result.reprompt.title': 'Beschreibung geändert',
  'embed.result.edit.title': 'Bild bearbeitet',
  'embed.result.ofEdit.title': '{title} (Bildbearbeitung)',
  'field.result.seed.name': 'Seed',
  'field.result.aspectRatio.name': 'Seitenverhältnis',
  'field.result.images.name': 'Bilder',
  'field.result.guidance.name': 'Genauigkeit',
  'field.result.took.name': 'Dauer',
  'field.result.requestedBy.name': 'Angefragt von',
  'field.result.source.name': 'Quelle',
  'result.seedUnknown': 'unbekannt',
  'result.aspectAsSource': 'wie die Quelle',
  'result.imagesWithheld': '{shown} ({withheld} zurückgehalten)',
  'result.sourceMessage': '[Ausgangsnachricht]({link})',
  'result.sourceUploaded': 'mit /{command} hochgeladene Bilder',
  'result.sourceImages': { one: '{count} Ausgangsbild', other: '{count} Ausgangsbilder' },
  'result.chainStep': 'Bearbeitung {step} einer Kette',
  'result.withheld.only':
    '🙈 Das Bild wurde zurückgehalten: fal hat es als möglicherweise nicht jugendfrei markiert, und dieser Kanal ist nicht altersbeschränkt.',
  'result.withheld.some': {
    one: '🙈 {count} von {total} Bildern wurde zurückgehalten: fal hat es als möglicherweise nicht jugendfrei markiert, und dieser Kanal ist nicht altersbeschränkt.',
    other:
      '🙈 {count} von {total} Bildern wurden zurückgehalten: fal hat sie als möglicherweise nicht jugendfrei markiert, und dieser Kanal ist nicht altersbeschränkt.',
  },
  'duration.seconds': '{seconds} s',
  'duration.minutes': '{minutes} min {seconds} s',
  'button.result.reroll': 'Neu würfeln',
  'button.result.sameSeed': 'Gleicher Seed',
  'button.result.editPrompt': 'Beschreibung ändern',
  'button.result.editImage': 'Bild bearbeiten',
  'button.result.delete': 'Löschen',
  'button.result.favourite': 'Favorit',

  'progress.waiting': '⏳ Warte auf einen freien Platz: Position {position} in der Schlange…',
  'progress.queued': '⏳ Warte in der Schlange von fal…',
  'progress.queuedAt': '⏳ Warte in der Schlange von fal (Position {position})…',
  'progress.running': '🎨 Wird erzeugt… {seconds} s',
  'progress.uploading': '📤 Wird hochgeladen…',
  'button.progress.cancel': 'Abbrechen',

  'modal.edit.title': 'Mit Kontext bearbeiten',
  'label.edit.instruction.label': 'Was soll sich ändern?',
  'label.edit.instruction.description': 'Sag es als Anweisung: „gib dem Fuchs einen roten Schal“',
  'label.edit.image.label': 'Welches Bild',
  'choice.edit.image': 'Bild {number}',
  'choice.edit.messageImage': 'Bild {number}: {name}',
  'modal.editPrompt.title': 'Beschreibung ändern',
  'input.editPrompt.prompt.label': 'Beschreibung (gleiche Optionen und Seed)',

  'failure.auth': '⚠️ Der fal-Schlüssel des Bots ist ungültig — sag es dem Serverinhaber.',
  'failure.invalid': '⚠️ fal hat die Anfrage abgelehnt: {detail}.',
  'failure.invalidInput': 'ungültige Eingabe',
  'failure.policy':
    '🚫 fal hat diese Beschreibung nach seinen Inhaltsrichtlinien abgelehnt. Versuch es anders zu formulieren.',
  'failure.timeout':
    '⌛ fal hat zu lange nicht geantwortet. Bitte versuch es noch einmal. (Fehler-ID `{errorId}`)',
  'failure.rate':
    '⌛ fal ist gerade ausgelastet. Bitte versuch es in einer Minute noch einmal. (Fehler-ID `{errorId}`)',
  'failure.canceled': 'Diese Erzeugung wurde abgebrochen.',
  'failure.uncertain':
    '⚠️ Die Verbindung zu fal brach ab, nachdem die Anfrage gesendet war. Der Bot kann daher nicht wissen, ob fal sie begonnen hat, und hat sie nicht erneut gesendet (das könnte doppelt kosten). Bitte versuch es noch einmal. (Fehler-ID `{errorId}`)',
  'failure.generic':
    '⚠️ Beim Erzeugen ist etwas schiefgegangen. Bitte versuch es noch einmal. (Fehler-ID `{errorId}`)',
  'failure.unreadable':
    '⚠️ Nach einem Neustart konnte ich eine deiner Erzeugungen nicht fortsetzen. Sie wurde abgebrochen und nichts wurde berechnet. Bitte frag noch einmal. (Fehler-ID `{errorId}`)',
  'failure.aboutPrompt': 'Zu deiner Beschreibung „{prompt}“: {text}',

  'delivery.tooLarge': {
    one: '⚠️ {count} Bild war größer, als dieser Kanal annimmt ({limit} MiB), und konnte nicht gepostet werden.',
    other:
      '⚠️ {count} Bilder waren größer, als dieser Kanal annimmt ({limit} MiB), und konnten nicht gepostet werden.',
  },

  'error.options.imagine': 'Das kann ich nicht erzeugen: {error}.',
  'error.options.edit': 'Das kann ich nicht bearbeiten: {error}.',
  'error.options.prompt': 'Diese Beschreibung kann ich nicht verwenden: {error}.',
  'error.options.instruction': 'Diese Anweisung kann ich nicht verwenden: {error}.',
  'parse.prompt.required': 'die Beschreibung fehlt',
  'parse.prompt.empty': 'die Beschreibung ist leer',
  'parse.prompt.tooLong': {
    one: 'die Beschreibung ist länger als {count} Zeichen',
    other: 'die Beschreibung ist länger als {count} Zeichen',
  },
  'parse.prompt.type': 'die Beschreibung muss Text sein',
  'parse.instruction.required': 'die Anweisung fehlt',
  'parse.instruction.empty': 'die Anweisung ist leer',
  'parse.instruction.tooLong': {
    one: 'die Anweisung ist länger als {count} Zeichen',
    other: 'die Anweisung ist länger als {count} Zeichen',
  },
  'parse.instruction.type': 'die Anweisung muss Text sein',
  'parse.aspectRatio': 'aspect_ratio muss eines von {list} sein',
  'parse.count.whole': 'count muss eine ganze Zahl sein',
  'parse.count.range': 'count muss zwischen {min} und {max} liegen',
  'parse.seed.whole': 'seed muss eine ganze Zahl sein',
  'parse.seed.min': 'seed muss mindestens {min} sein',
  'parse.seed.max': 'seed darf höchstens {max} sein',
  'parse.guidance.number': 'guidance muss eine Zahl sein',
  'parse.guidance.range': 'guidance muss zwischen {min} und {max} liegen',
  'parse.format': 'format muss {list} sein',
  'parse.enhancePrompt': 'enhance_prompt muss wahr oder falsch sein',
  'parse.invalid': 'die Optionen sind ungültig',

  'error.source.notImage':
    '🖼️ `{name}` ist kein Bild, das ich bearbeiten kann ({type}): nimm ein JPEG, PNG, WebP oder GIF.',
  'error.source.notImageUntyped':
    '🖼️ `{name}` ist kein Bild, das ich bearbeiten kann (unbekannter Typ): nimm ein JPEG, PNG, WebP oder GIF.',
  'error.source.tooBig': '🖼️ `{name}` ist {size} MB groß: ich kann Bilder bis {max} MB bearbeiten.',
  'error.source.refused': '🖼️ {error}',
  'error.source.refusedNamed': '🖼️ `{name}`: {error}',
  'error.source.tooLarge': 'Dieses Bild ist größer als {max} MB: bitte nimm ein kleineres.',
  'error.source.notImageBytes': 'Diese Datei ist kein JPEG-, PNG-, WebP- oder GIF-Bild.',
  'error.source.unreachable':
    'Dieses Bild konnte nicht heruntergeladen werden: versuch es gleich noch einmal.',
  'error.source.expired':
    'Der Link dieses Bildes ist abgelaufen: poste das Bild erneut und versuch es mit der neuen Nachricht.',
  'error.source.handOff':
    '⚠️ Ich konnte dein Bild gerade nicht an fal übergeben. Bitte versuch es gleich noch einmal.',

  'error.notYours.delete':
    'Nur das Mitglied, das dieses Bild angefragt hat, oder ein Moderator mit „Nachrichten verwalten“ kann es löschen.',
  'error.notYours.cancel':
    'Nur das Mitglied, das dieses Bild angefragt hat, oder ein Moderator mit „Nachrichten verwalten“ kann es abbrechen.',
  'error.noSeedYet': 'Dieses Bild hat noch keinen Seed: warte, bis es fertig ist.',
  'error.delete.otherMessage': 'Dieser Button gehört nicht zu dieser Nachricht, also lösche ich nichts.',
  'error.cancel.finished': 'Diese Erzeugung ist bereits fertig.',
  'error.editImage.notYet':
    'Dieses Ergebnis hat noch keine Bilder, die ich bearbeiten kann: warte, bis es gepostet ist.',
  'error.editImage.withheld':
    '🙈 Diese Bilder wurden als möglicherweise nicht jugendfrei zurückgehalten und können daher nur in einem altersbeschränkten Kanal bearbeitet werden.',
  'error.restarting': 'Der Bot startet gerade neu. Bitte versuch es in einer Minute noch einmal.',
} as const satisfies Record<Id, Message>;

export const fr = {
  'embed.result.imagine.title': 'Imaginé',
  'embed.result.reroll.title': 'Relancé',
  'embed.result.same_seed.title': 'Même graine',
  'embed.result.reprompt.title': 'Description modifiée',
  'embed.result.edit.title': 'Image modifiée',
  'embed.result.ofEdit.title': '{title} (modification d’image)',
  'field.result.seed.name': 'Graine',
  'field.result.aspectRatio.name': 'Format',
  'field.result.images.name': 'Images',
  'field.result.guidance.name': 'Fidélité',
  'field.result.took.name': 'Durée',
  'field.result.requestedBy.name': 'Demandé par',
  'field.result.source.name': 'Source',
  'result.seedUnknown': 'inconnue',
  'result.aspectAsSource': 'comme la source',
  'result.imagesWithheld': '{shown} ({withheld} retenue(s))',
  'result.sourceMessage': '[message source]({link})',
  'result.sourceUploaded': 'images envoyées avec /{command}',
  'result.sourceImages': {
    one: '{count} image source',
    many: '{count} d’images sources',
    other: '{count} images sources',
  },
  'result.chainStep': 'modification {step} d’une chaîne',
  'result.withheld.only':
    '🙈 L’image a été retenue : fal l’a signalée comme potentiellement réservée aux adultes, et ce salon n’est pas soumis à une limite d’âge.',
  'result.withheld.some': {
    one: '🙈 {count} image sur {total} a été retenue : fal l’a signalée comme potentiellement réservée aux adultes, et ce salon n’est pas soumis à une limite d’âge.',
    many: '🙈 {count} d’images sur {total} ont été retenues : fal les a signalées comme potentiellement réservées aux adultes, et ce salon n’est pas soumis à une limite d’âge.',
    other:
      '🙈 {count} images sur {total} ont été retenues : fal les a signalées comme potentiellement réservées aux adultes, et ce salon n’est pas soumis à une limite d’âge.',
  },
  'duration.seconds': '{seconds} s',
  'duration.minutes': '{minutes} min {seconds} s',
  'button.result.reroll': 'Relancer',
  'button.result.sameSeed': 'Même graine',
  'button.result.editPrompt': 'Modifier la description',
  'button.result.editImage': 'Modifier l’image',
  'button.result.delete': 'Supprimer',
  'button.result.favourite': 'Favori',

  'progress.waiting': '⏳ En attente d’une place libre : position {position} dans la file…',
  'progress.queued': '⏳ En attente dans la file de fal…',
  'progress.queuedAt': '⏳ En attente dans la file de fal (position {position})…',
  'progress.running': '🎨 Génération… {seconds} s',
  'progress.uploading': '📤 Envoi…',
  'button.progress.cancel': 'Annuler',

  'modal.edit.title': 'Modifier avec Kontext',
  'label.edit.instruction.label': 'Que faut-il changer ?',
  'label.edit.instruction.description':
    'Formulez-le comme une consigne : « donne une écharpe rouge au renard »',
  'label.edit.image.label': 'Quelle image',
  'choice.edit.image': 'Image {number}',
  'choice.edit.messageImage': 'Image {number} : {name}',
  'modal.editPrompt.title': 'Modifier la description',
  'input.editPrompt.prompt.label': 'Description (mêmes options et graine)',

  'failure.auth': '⚠️ La clé fal du bot n’est pas valide — prévenez le propriétaire du serveur.',
  'failure.invalid': '⚠️ fal a refusé la demande : {detail}.',
  'failure.invalidInput': 'entrée non valide',
  'failure.policy':
    '🚫 fal a refusé cette description en vertu de sa politique de contenu. Essayez de la reformuler.',
  'failure.timeout':
    '⌛ fal a mis trop de temps à répondre. Veuillez réessayer. (identifiant d’erreur `{errorId}`)',
  'failure.rate':
    '⌛ fal est occupé en ce moment. Veuillez réessayer dans une minute. (identifiant d’erreur `{errorId}`)',
  'failure.canceled': 'Cette génération a été annulée.',
  'failure.uncertain':
    '⚠️ La connexion à fal a été coupée après l’envoi de la demande : le bot ne peut pas savoir si fal l’a commencée, et ne l’a pas renvoyée (cela pourrait être facturé deux fois). Veuillez réessayer. (identifiant d’erreur `{errorId}`)',
  'failure.generic':
    '⚠️ Un problème est survenu pendant la génération. Veuillez réessayer. (identifiant d’erreur `{errorId}`)',
  'failure.unreadable':
    '⚠️ Après un redémarrage, je n’ai pas pu reprendre une de vos générations : elle a été annulée et rien n’a été facturé. Veuillez redemander. (identifiant d’erreur `{errorId}`)',
  'failure.aboutPrompt': 'À propos de votre description « {prompt} » : {text}',

  'delivery.tooLarge': {
    one: '⚠️ {count} image dépassait la taille acceptée par ce salon ({limit} Mio) et n’a pas pu être publiée.',
    many: '⚠️ {count} d’images dépassaient la taille acceptée par ce salon ({limit} Mio) et n’ont pas pu être publiées.',
    other:
      '⚠️ {count} images dépassaient la taille acceptée par ce salon ({limit} Mio) et n’ont pas pu être publiées.',
  },

  'error.options.imagine': 'Je ne peux pas imaginer cela : {error}.',
  'error.options.edit': 'Je ne peux pas modifier cela : {error}.',
  'error.options.prompt': 'Je ne peux pas utiliser cette description : {error}.',
  'error.options.instruction': 'Je ne peux pas utiliser cette consigne : {error}.',
  'parse.prompt.required': 'la description est obligatoire',
  'parse.prompt.empty': 'la description est vide',
  'parse.prompt.tooLong': {
    one: 'la description dépasse {count} caractère',
    many: 'la description dépasse {count} de caractères',
    other: 'la description dépasse {count} caractères',
  },
  'parse.prompt.type': 'la description doit être du texte',
  'parse.instruction.required': 'la consigne est obligatoire',
  'parse.instruction.empty': 'la consigne est vide',
  'parse.instruction.tooLong': {
    one: 'la consigne dépasse {count} caractère',
    many: 'la consigne dépasse {count} de caractères',
    other: 'la consigne dépasse {count} caractères',
  },
  'parse.instruction.type': 'la consigne doit être du texte',
  'parse.aspectRatio': 'aspect_ratio doit être l’un de {list}',
  'parse.count.whole': 'count doit être un nombre entier',
  'parse.count.range': 'count doit être entre {min} et {max}',
  'parse.seed.whole': 'seed doit être un nombre entier',
  'parse.seed.min': 'seed doit valoir au moins {min}',
  'parse.seed.max': 'seed doit valoir au plus {max}',
  'parse.guidance.number': 'guidance doit être un nombre',
  'parse.guidance.range': 'guidance doit être entre {min} et {max}',
  'parse.format': 'format doit être {list}',
  'parse.enhancePrompt': 'enhance_prompt doit être vrai ou faux',
  'parse.invalid': 'les options ne sont pas valides',

  'error.source.notImage':
    '🖼️ `{name}` n’est pas une image que je peux modifier ({type}) : utilisez un JPEG, PNG, WebP ou GIF.',
  'error.source.notImageUntyped':
    '🖼️ `{name}` n’est pas une image que je peux modifier (type inconnu) : utilisez un JPEG, PNG, WebP ou GIF.',
  'error.source.tooBig': '🖼️ `{name}` fait {size} Mo : je peux modifier des images jusqu’à {max} Mo.',
  'error.source.refused': '🖼️ {error}',
  'error.source.refusedNamed': '🖼️ `{name}` : {error}',
  'error.source.tooLarge': 'Cette image dépasse {max} Mo : veuillez en utiliser une plus petite.',
  'error.source.notImageBytes': 'Ce fichier n’est pas une image JPEG, PNG, WebP ou GIF.',
  'error.source.unreachable': 'Cette image n’a pas pu être téléchargée : réessayez dans un moment.',
  'error.source.expired':
    'Le lien de cette image a expiré : publiez de nouveau l’image et réessayez avec le nouveau message.',
  'error.source.handOff':
    '⚠️ Je n’ai pas pu transmettre votre image à fal pour l’instant. Veuillez réessayer dans un moment.',

  'error.notYours.delete':
    'Seul le membre qui a demandé cette image, ou un modérateur avec la permission Gérer les messages, peut la supprimer.',
  'error.notYours.cancel':
    'Seul le membre qui a demandé cette image, ou un modérateur avec la permission Gérer les messages, peut l’annuler.',
  'error.noSeedYet': 'Cette image n’a pas encore de graine : attendez qu’elle soit terminée.',
  'error.delete.otherMessage': 'Ce bouton n’appartient pas à ce message : je ne supprime donc rien.',
  'error.cancel.finished': 'Cette génération est déjà terminée.',
  'error.editImage.notYet':
    'Ce résultat n’a pas encore d’image que je peux modifier : attendez qu’il soit publié.',
  'error.editImage.withheld':
    '🙈 Ces images ont été retenues comme potentiellement réservées aux adultes : elles ne peuvent être modifiées que dans un salon soumis à une limite d’âge.',
  'error.restarting': 'Le bot redémarre. Veuillez réessayer dans une minute.',
} as const satisfies Record<Id, Message>;
