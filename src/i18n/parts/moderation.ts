// Texts of /settings, /usage and the moderation refusals (what predates the catalogue).
// spread every part; keys follow the rules of en.ts (the key decides the Discord limit).
// {time} is a Discord timestamp (<t:…:R>), {amount}/{budget}/{price}/{min} money already formatted for
// the language, {list}/{channels}/{roles} mentions joined by the code.
import type { Catalogue, Message } from '../message.ts';

export const en = {
  // Admission (src/moderation/admission.ts)
  'refusal.dm':
    '🔒 Images can only be made in a server: the bot’s host has turned off /imagine in direct messages.',
  'refusal.channel': '🔒 In this server, images can only be made in {channels}.',
  'refusal.role': '🔒 In this server, only members with one of these roles can make images: {roles}.',
  'refusal.withheldSource':
    '🙈 That image was withheld as possibly not safe for work, so it can only be edited in an age-restricted channel.',
  'refusal.blocklist':
    '🚫 This server does not allow “{term}” in prompts. Nothing was generated; try rewording it.',
  'refusal.maxCount': {
    one: '🔢 This server allows at most {count} image per request (this one asks for {asked}). Ask again with a smaller count.',
    other:
      '🔢 This server allows at most {count} images per request (this one asks for {asked}). Ask again with a smaller count.',
  },
  // Quotas (src/moderation/refusals.ts)
  'refusal.cooldown': {
    one: '⏳ Slow down a little: this server allows one generation every {count} second. You can try again {time}.',
    other:
      '⏳ Slow down a little: this server allows one generation every {count} seconds. You can try again {time}.',
  },
  'refusal.fewerLeft.user': {
    one: '⏳ You have only {count} image left today: use /imagine with count {count}.',
    other: '⏳ You have only {count} images left today: use /imagine with count {count} or less.',
  },
  'refusal.fewerLeft.server': {
    one: '⏳ This server has only {count} image left today: use /imagine with count {count}.',
    other: '⏳ This server has only {count} images left today: use /imagine with count {count} or less.',
  },
  'refusal.usedUp.user': {
    one: '⏳ You have used your {count} image for today. You can try again {time}.',
    other: '⏳ You have used your {count} images for today. You can try again {time}.',
  },
  'refusal.usedUp.server': {
    one: '⏳ This server has used its {count} image for today. You can try again {time}.',
    other: '⏳ This server has used its {count} images for today. You can try again {time}.',
  },
  'refusal.budget': '⏳ This server has reached its daily budget of {budget}. You can try again {time}.',

  // /settings refusals (src/moderation/settingsEdits.ts, blocklist.ts)
  'error.settings.level': '{option} must be a whole number from 1 to 6.',
  'error.settings.hostMax': "The bot's host allows at most level {max}; nothing was changed.",
  'error.settings.wholeRange': '{option} must be a whole number from {min} to {max}.',
  'error.settings.amountRange': '{option} must be an amount from {min} to {max}.',
  'error.settings.budgetTooSmall': '{option} must be at least {min} (0 = no limit).',
  'error.settings.channelsFull': {
    one: 'At most {count} channel can be listed.',
    other: 'At most {count} channels can be listed.',
  },
  'error.settings.rolesFull': {
    one: 'At most {count} role can be listed.',
    other: 'At most {count} roles can be listed.',
  },
  'error.blocklist.full': {
    one: 'The blocklist is full ({count} term): remove one first.',
    other: 'The blocklist is full ({count} terms): remove one first.',
  },
  'error.blocklist.notListed': '“{term}” is not on the blocklist.',
  'error.blocklist.empty': "I can't add that term: the term is empty.",
  'error.blocklist.tooLong': {
    one: "I can't add that term: a term can be at most {count} character.",
    other: "I can't add that term: a term can be at most {count} characters.",
  },
  'error.blocklist.tooComplex':
    "I can't add that term: that pattern is too complex ({steps} steps, at most {max}).",
  'error.blocklist.nothingLeft':
    "I can't add that term: nothing is left of it once invisible characters and accents are removed.",
  'error.blocklist.badPattern':
    "I can't add that term: that pattern can't be used ({reason}); back-references like \\1 and look-arounds like (?=…) or (?<=…) are not supported.",
  'error.blocklist.listTooSlow':
    "I can't add that term: the blocklist's patterns would take {steps} steps together, at most {max}: remove or simplify one first.",

  // Setting names and values (src/moderation/settingsText.ts)
  'setting.safety_level': 'safety_level',
  'setting.nsfw_level': 'nsfw_level',
  'setting.cooldown': 'cooldown',
  'setting.daily_per_user': 'daily_per_user',
  'setting.daily_server': 'daily_server',
  'setting.max_count': 'max_count',
  'setting.budget': 'budget',
  'setting.channels': 'channels',
  'setting.roles': 'roles',
  'setting.blocklist': 'blocklist',
  'value.safety.capped': '{level} (the host caps it at {max})',
  'value.nsfw.same': 'same as safety_level',
  'value.none': 'none',
  'value.noLimit': 'no limit',
  'value.seconds': '{count} s',
  'value.images': { one: '{count} image', other: '{count} images' },
  'value.budget': '{amount} a day',
  'value.budgetImages': {
    one: '{amount} a day ({count} image at {price})',
    other: '{amount} a day ({count} images at {price})',
  },
  'value.everywhere': 'everywhere',
  'value.onlyIn': 'only in {list}',
  'value.everyone': 'everyone',
  'value.onlyRoles': 'only {list}',
  'value.emptyList': 'empty',
  'value.terms': {
    one: '{count} term (see /settings blocklist list)',
    other: '{count} terms (see /settings blocklist list)',
  },
  'value.listMore': '{list} and {count} more',
  'value.default': '{value} (default)',
  'change.added': 'added {list}',
  'change.removed': 'removed {list}',
  'change.unchanged': 'unchanged',
  'change.line': '{setting}: {before} → {after}',

  // /settings show and the change confirmations
  'embed.settings.title': '⚙️ Settings of this server',
  'settings.legend': '✏️ changed by a moderator · the rest are defaults',
  'settings.line': '**{name}**: {value} · default {default}',
  'settings.value': '**{name}**: {value}',
  'settings.footnote':
    'Safety levels: 1 strictest … 6 most permissive; the host allows up to {max}. Daily limits reset {time} (midnight UTC).',
  'field.settings.recent.name': 'Last changes',
  'settings.noChanges': 'none yet',
  'settings.nothingChanged.safety': 'Nothing changed: the safety levels are already set that way.',
  'settings.nothingChanged.limits': 'Nothing changed: the limits are already set that way.',
  'settings.nothingChanged.channels': 'Nothing changed: channels is already set that way.',
  'settings.nothingChanged.roles': 'Nothing changed: roles is already set that way.',
  'settings.nothingChanged.blocklistAdd': 'Nothing changed: that term is already on the blocklist.',
  'settings.nothingChanged.blocklistRemove': 'Nothing changed: the blocklist is unchanged.',
  'settings.nothingChanged.reset': 'Nothing changed: every setting was already at its default.',
  'settings.blocklist.empty': 'The blocklist is empty.',
  'settings.blocklist.heading':
    '🚫 **Blocklist** ({count}; whole words, case-insensitive; /regex/ as written)',
  'settings.reset.ask':
    '⚠️ Reset **every** setting of this server to the defaults? This also empties the blocklist and the channel and role lists.',
  'button.settings.reset.confirm': 'Reset to defaults',
  'button.settings.reset.cancel': 'Cancel',
  'settings.reset.cancelled': 'Nothing changed.',
  'settings.reset.done': '♻️ Settings reset to the defaults.',

  // /usage (src/moderation/usageReport.ts)
  'embed.usage.title': '📊 Your images today: {count}',
  'field.usage.remaining.name': 'Remaining today',
  'usage.remaining': '{left} ({limits}; the day ends {time})',
  'usage.noLimits': 'no daily limits',
  'usage.limits': 'daily limits: {list}',
  'usage.limit.perMember': { one: '{count} image per member', other: '{count} images per member' },
  'usage.limit.server': { one: '{count} image for the server', other: '{count} images for the server' },
  'usage.limit.budget': 'a {amount} server budget',
  'field.usage.cooldown.name': 'Cooldown',
  'usage.cooldown': 'you can generate again {time}',
  'field.usage.today.name': '🏠 This server today',
  'field.usage.month.name': '🏠 This server, last 30 days',
  'usage.spend': { one: '{count} image · estimated {spend}', other: '{count} images · estimated {spend}' },
  'usage.spendOfBudget': {
    one: '{count} image · estimated {spend} of the {budget} daily budget',
    other: '{count} images · estimated {spend} of the {budget} daily budget',
  },
  'field.usage.top.name': 'Top members (30 days)',
  'usage.nobody': 'nobody yet',
  'usage.estimates':
    'Estimates use {pro} per [pro] image (/imagine, and edits with the pro model) and {max} per [max] image; images in progress count until they fail.',
} as const satisfies Catalogue;

type Id = keyof typeof en;

export const de = {
  'refusal.dm':
    '🔒 Bilder lassen sich nur auf einem Server erstellen: Der Betreiber des Bots hat /bild in Direktnachrichten abgeschaltet.',
  'refusal.channel': '🔒 Auf diesem Server lassen sich Bilder nur in {channels} erstellen.',
  'refusal.role':
    '🔒 Auf diesem Server können nur Mitglieder mit einer dieser Rollen Bilder erstellen: {roles}.',
  'refusal.withheldSource':
    '🙈 Dieses Bild wurde als möglicherweise nicht jugendfrei zurückgehalten und lässt sich daher nur in einem altersbeschränkten Kanal bearbeiten.',
  'refusal.blocklist':
    '🚫 Dieser Server erlaubt „{term}“ nicht in Prompts. Es wurde nichts erzeugt; formuliere es bitte anders.',
  'refusal.maxCount': {
    one: '🔢 Dieser Server erlaubt höchstens {count} Bild pro Anfrage (diese verlangt {asked}). Frag bitte mit einer kleineren Anzahl erneut.',
    other:
      '🔢 Dieser Server erlaubt höchstens {count} Bilder pro Anfrage (diese verlangt {asked}). Frag bitte mit einer kleineren Anzahl erneut.',
  },
  'refusal.cooldown': {
    one: '⏳ Etwas langsamer bitte: Dieser Server erlaubt eine Erzeugung alle {count} Sekunde. Du kannst es {time} wieder versuchen.',
    other:
      '⏳ Etwas langsamer bitte: Dieser Server erlaubt eine Erzeugung alle {count} Sekunden. Du kannst es {time} wieder versuchen.',
  },
  'refusal.fewerLeft.user': {
    one: '⏳ Du hast heute nur noch {count} Bild übrig: Verwende /bild mit anzahl {count}.',
    other: '⏳ Du hast heute nur noch {count} Bilder übrig: Verwende /bild mit anzahl {count} oder weniger.',
  },
  'refusal.fewerLeft.server': {
    one: '⏳ Dieser Server hat heute nur noch {count} Bild übrig: Verwende /bild mit anzahl {count}.',
    other:
      '⏳ Dieser Server hat heute nur noch {count} Bilder übrig: Verwende /bild mit anzahl {count} oder weniger.',
  },
  'refusal.usedUp.user': {
    one: '⏳ Du hast dein {count} Bild für heute verbraucht. Du kannst es {time} wieder versuchen.',
    other: '⏳ Du hast deine {count} Bilder für heute verbraucht. Du kannst es {time} wieder versuchen.',
  },
  'refusal.usedUp.server': {
    one: '⏳ Dieser Server hat sein {count} Bild für heute verbraucht. Du kannst es {time} wieder versuchen.',
    other:
      '⏳ Dieser Server hat seine {count} Bilder für heute verbraucht. Du kannst es {time} wieder versuchen.',
  },
  'refusal.budget':
    '⏳ Dieser Server hat sein Tagesbudget von {budget} erreicht. Du kannst es {time} wieder versuchen.',

  'error.settings.level': '{option} muss eine ganze Zahl von 1 bis 6 sein.',
  'error.settings.hostMax': 'Der Betreiber des Bots erlaubt höchstens Stufe {max}; es wurde nichts geändert.',
  'error.settings.wholeRange': '{option} muss eine ganze Zahl von {min} bis {max} sein.',
  'error.settings.amountRange': '{option} muss ein Betrag von {min} bis {max} sein.',
  'error.settings.budgetTooSmall': '{option} muss mindestens {min} sein (0 = keine Grenze).',
  'error.settings.channelsFull': {
    one: 'Es kann höchstens {count} Kanal aufgeführt werden.',
    other: 'Es können höchstens {count} Kanäle aufgeführt werden.',
  },
  'error.settings.rolesFull': {
    one: 'Es kann höchstens {count} Rolle aufgeführt werden.',
    other: 'Es können höchstens {count} Rollen aufgeführt werden.',
  },
  'error.blocklist.full': {
    one: 'Die Sperrliste ist voll ({count} Begriff): Entferne zuerst einen.',
    other: 'Die Sperrliste ist voll ({count} Begriffe): Entferne zuerst einen.',
  },
  'error.blocklist.notListed': '„{term}“ steht nicht auf der Sperrliste.',
  'error.blocklist.empty': 'Diesen Begriff kann ich nicht hinzufügen: Er ist leer.',
  'error.blocklist.tooLong': {
    one: 'Diesen Begriff kann ich nicht hinzufügen: Ein Begriff darf höchstens {count} Zeichen lang sein.',
    other: 'Diesen Begriff kann ich nicht hinzufügen: Ein Begriff darf höchstens {count} Zeichen lang sein.',
  },
  'error.blocklist.tooComplex':
    'Diesen Begriff kann ich nicht hinzufügen: Das Muster ist zu komplex ({steps} Schritte, höchstens {max}).',
  'error.blocklist.nothingLeft':
    'Diesen Begriff kann ich nicht hinzufügen: Ohne unsichtbare Zeichen und Akzente bleibt nichts von ihm übrig.',
  'error.blocklist.badPattern':
    'Diesen Begriff kann ich nicht hinzufügen: Das Muster ist nicht verwendbar ({reason}); Rückverweise wie \\1 und Lookarounds wie (?=…) oder (?<=…) werden nicht unterstützt.',
  'error.blocklist.listTooSlow':
    'Diesen Begriff kann ich nicht hinzufügen: Die Muster der Sperrliste bräuchten zusammen {steps} Schritte, höchstens {max}: Entferne oder vereinfache zuerst eines.',

  'setting.safety_level': 'Sicherheitsstufe',
  'setting.nsfw_level': 'Stufe in NSFW-Kanälen',
  'setting.cooldown': 'Wartezeit',
  'setting.daily_per_user': 'Bilder pro Mitglied und Tag',
  'setting.daily_server': 'Bilder des Servers pro Tag',
  'setting.max_count': 'Bilder pro Anfrage',
  'setting.budget': 'Tagesbudget',
  'setting.channels': 'Kanäle',
  'setting.roles': 'Rollen',
  'setting.blocklist': 'Sperrliste',
  'value.safety.capped': '{level} (der Betreiber begrenzt sie auf {max})',
  'value.nsfw.same': 'wie die Sicherheitsstufe',
  'value.none': 'keine',
  'value.noLimit': 'keine Grenze',
  'value.seconds': '{count} s',
  'value.images': { one: '{count} Bild', other: '{count} Bilder' },
  'value.budget': '{amount} pro Tag',
  'value.budgetImages': {
    one: '{amount} pro Tag ({count} Bild zu {price})',
    other: '{amount} pro Tag ({count} Bilder zu je {price})',
  },
  'value.everywhere': 'überall',
  'value.onlyIn': 'nur in {list}',
  'value.everyone': 'alle',
  'value.onlyRoles': 'nur {list}',
  'value.emptyList': 'leer',
  'value.terms': {
    one: '{count} Begriff (siehe /einstellungen sperrliste liste)',
    other: '{count} Begriffe (siehe /einstellungen sperrliste liste)',
  },
  'value.listMore': '{list} und {count} weitere',
  'value.default': '{value} (Standard)',
  'change.added': '{list} hinzugefügt',
  'change.removed': '{list} entfernt',
  'change.unchanged': 'unverändert',
  'change.line': '{setting}: {before} → {after}',

  'embed.settings.title': '⚙️ Einstellungen dieses Servers',
  'settings.legend': '✏️ von einem Moderator geändert · der Rest sind Standardwerte',
  'settings.line': '**{name}**: {value} · Standard {default}',
  'settings.value': '**{name}**: {value}',
  'settings.footnote':
    'Sicherheitsstufen: 1 am strengsten … 6 am freizügigsten; der Betreiber erlaubt bis {max}. Tageslimits werden {time} zurückgesetzt (Mitternacht UTC).',
  'field.settings.recent.name': 'Letzte Änderungen',
  'settings.noChanges': 'noch keine',
  'settings.nothingChanged.safety': 'Nichts geändert: Die Sicherheitsstufen sind bereits so eingestellt.',
  'settings.nothingChanged.limits': 'Nichts geändert: Die Grenzen sind bereits so eingestellt.',
  'settings.nothingChanged.channels': 'Nichts geändert: Die Kanäle sind bereits so eingestellt.',
  'settings.nothingChanged.roles': 'Nichts geändert: Die Rollen sind bereits so eingestellt.',
  'settings.nothingChanged.blocklistAdd': 'Nichts geändert: Dieser Begriff steht bereits auf der Sperrliste.',
  'settings.nothingChanged.blocklistRemove': 'Nichts geändert: Die Sperrliste ist unverändert.',
  'settings.nothingChanged.reset': 'Nichts geändert: Jede Einstellung war bereits auf ihrem Standardwert.',
  'settings.blocklist.empty': 'Die Sperrliste ist leer.',
  'settings.blocklist.heading':
    '🚫 **Sperrliste** ({count}; ganze Wörter, Groß-/Kleinschreibung egal; /regex/ wie geschrieben)',
  'settings.reset.ask':
    '⚠️ **Alle** Einstellungen dieses Servers auf die Standardwerte zurücksetzen? Das leert auch die Sperrliste sowie die Kanal- und Rollenlisten.',
  'button.settings.reset.confirm': 'Auf Standard zurücksetzen',
  'button.settings.reset.cancel': 'Abbrechen',
  'settings.reset.cancelled': 'Nichts geändert.',
  'settings.reset.done': '♻️ Einstellungen auf die Standardwerte zurückgesetzt.',

  'embed.usage.title': '📊 Deine Bilder heute: {count}',
  'field.usage.remaining.name': 'Heute noch übrig',
  'usage.remaining': '{left} ({limits}; der Tag endet {time})',
  'usage.noLimits': 'keine Tageslimits',
  'usage.limits': 'Tageslimits: {list}',
  'usage.limit.perMember': { one: '{count} Bild pro Mitglied', other: '{count} Bilder pro Mitglied' },
  'usage.limit.server': { one: '{count} Bild für den Server', other: '{count} Bilder für den Server' },
  'usage.limit.budget': 'ein Serverbudget von {amount}',
  'field.usage.cooldown.name': 'Wartezeit',
  'usage.cooldown': 'du kannst {time} wieder erzeugen',
  'field.usage.today.name': '🏠 Dieser Server heute',
  'field.usage.month.name': '🏠 Dieser Server, letzte 30 Tage',
  'usage.spend': { one: '{count} Bild · geschätzt {spend}', other: '{count} Bilder · geschätzt {spend}' },
  'usage.spendOfBudget': {
    one: '{count} Bild · geschätzt {spend} von {budget} Tagesbudget',
    other: '{count} Bilder · geschätzt {spend} von {budget} Tagesbudget',
  },
  'field.usage.top.name': 'Aktivste Mitglieder (30 Tage)',
  'usage.nobody': 'noch niemand',
  'usage.estimates':
    'Die Schätzungen rechnen mit {pro} pro [pro]-Bild (/bild und Bearbeitungen mit dem Pro-Modell) und {max} pro [max]-Bild; laufende Bilder zählen, bis sie fehlschlagen.',
} as const satisfies Record<Id, Message>;

export const fr = {
  'refusal.dm':
    '🔒 Les images ne peuvent être créées que sur un serveur : l’hébergeur du bot a désactivé /imaginer en messages privés.',
  'refusal.channel': '🔒 Sur ce serveur, les images ne peuvent être créées que dans {channels}.',
  'refusal.role':
    '🔒 Sur ce serveur, seuls les membres ayant l’un de ces rôles peuvent créer des images : {roles}.',
  'refusal.withheldSource':
    '🙈 Cette image a été retenue car elle n’est peut-être pas tout public ; elle ne peut donc être modifiée que dans un salon soumis à une limite d’âge.',
  'refusal.blocklist':
    '🚫 Ce serveur n’autorise pas « {term} » dans les prompts. Rien n’a été généré ; essayez de reformuler.',
  'refusal.maxCount': {
    one: '🔢 Ce serveur autorise au plus {count} image par demande (celle-ci en demande {asked}). Redemandez avec un nombre plus petit.',
    many: '🔢 Ce serveur autorise au plus {count} d’images par demande (celle-ci en demande {asked}). Redemandez avec un nombre plus petit.',
    other:
      '🔢 Ce serveur autorise au plus {count} images par demande (celle-ci en demande {asked}). Redemandez avec un nombre plus petit.',
  },
  'refusal.cooldown': {
    one: '⏳ Doucement : ce serveur autorise une génération toutes les {count} seconde. Vous pourrez réessayer {time}.',
    many: '⏳ Doucement : ce serveur autorise une génération toutes les {count} de secondes. Vous pourrez réessayer {time}.',
    other:
      '⏳ Doucement : ce serveur autorise une génération toutes les {count} secondes. Vous pourrez réessayer {time}.',
  },
  'refusal.fewerLeft.user': {
    one: '⏳ Il ne vous reste que {count} image aujourd’hui : utilisez /imaginer avec nombre {count}.',
    many: '⏳ Il ne vous reste que {count} d’images aujourd’hui : utilisez /imaginer avec nombre {count} ou moins.',
    other:
      '⏳ Il ne vous reste que {count} images aujourd’hui : utilisez /imaginer avec nombre {count} ou moins.',
  },
  'refusal.fewerLeft.server': {
    one: '⏳ Il ne reste à ce serveur que {count} image aujourd’hui : utilisez /imaginer avec nombre {count}.',
    many: '⏳ Il ne reste à ce serveur que {count} d’images aujourd’hui : utilisez /imaginer avec nombre {count} ou moins.',
    other:
      '⏳ Il ne reste à ce serveur que {count} images aujourd’hui : utilisez /imaginer avec nombre {count} ou moins.',
  },
  'refusal.usedUp.user': {
    one: '⏳ Vous avez utilisé votre {count} image du jour. Vous pourrez réessayer {time}.',
    many: '⏳ Vous avez utilisé vos {count} d’images du jour. Vous pourrez réessayer {time}.',
    other: '⏳ Vous avez utilisé vos {count} images du jour. Vous pourrez réessayer {time}.',
  },
  'refusal.usedUp.server': {
    one: '⏳ Ce serveur a utilisé son {count} image du jour. Vous pourrez réessayer {time}.',
    many: '⏳ Ce serveur a utilisé ses {count} d’images du jour. Vous pourrez réessayer {time}.',
    other: '⏳ Ce serveur a utilisé ses {count} images du jour. Vous pourrez réessayer {time}.',
  },
  'refusal.budget':
    '⏳ Ce serveur a atteint son budget quotidien de {budget}. Vous pourrez réessayer {time}.',

  'error.settings.level': '{option} doit être un nombre entier de 1 à 6.',
  'error.settings.hostMax': 'L’hébergeur du bot autorise au plus le niveau {max} ; rien n’a été modifié.',
  'error.settings.wholeRange': '{option} doit être un nombre entier de {min} à {max}.',
  'error.settings.amountRange': '{option} doit être un montant de {min} à {max}.',
  'error.settings.budgetTooSmall': '{option} doit valoir au moins {min} (0 = sans limite).',
  'error.settings.channelsFull': {
    one: 'Au plus {count} salon peut être listé.',
    many: 'Au plus {count} de salons peuvent être listés.',
    other: 'Au plus {count} salons peuvent être listés.',
  },
  'error.settings.rolesFull': {
    one: 'Au plus {count} rôle peut être listé.',
    many: 'Au plus {count} de rôles peuvent être listés.',
    other: 'Au plus {count} rôles peuvent être listés.',
  },
  'error.blocklist.full': {
    one: 'La liste noire est pleine ({count} terme) : retirez-en un d’abord.',
    many: 'La liste noire est pleine ({count} de termes) : retirez-en un d’abord.',
    other: 'La liste noire est pleine ({count} termes) : retirez-en un d’abord.',
  },
  'error.blocklist.notListed': '« {term} » n’est pas sur la liste noire.',
  'error.blocklist.empty': 'Je ne peux pas ajouter ce terme : il est vide.',
  'error.blocklist.tooLong': {
    one: 'Je ne peux pas ajouter ce terme : un terme peut compter au plus {count} caractère.',
    many: 'Je ne peux pas ajouter ce terme : un terme peut compter au plus {count} de caractères.',
    other: 'Je ne peux pas ajouter ce terme : un terme peut compter au plus {count} caractères.',
  },
  'error.blocklist.tooComplex':
    'Je ne peux pas ajouter ce terme : ce motif est trop complexe ({steps} étapes, au plus {max}).',
  'error.blocklist.nothingLeft':
    'Je ne peux pas ajouter ce terme : il n’en reste rien une fois les caractères invisibles et les accents retirés.',
  'error.blocklist.badPattern':
    'Je ne peux pas ajouter ce terme : ce motif est inutilisable ({reason}) ; les références arrière comme \\1 et les assertions comme (?=…) ou (?<=…) ne sont pas prises en charge.',
  'error.blocklist.listTooSlow':
    'Je ne peux pas ajouter ce terme : les motifs de la liste noire demanderaient ensemble {steps} étapes, au plus {max} : retirez ou simplifiez-en un d’abord.',

  'setting.safety_level': 'Niveau de sécurité',
  'setting.nsfw_level': 'Niveau dans les salons NSFW',
  'setting.cooldown': 'Délai',
  'setting.daily_per_user': 'Images par membre et par jour',
  'setting.daily_server': 'Images du serveur par jour',
  'setting.max_count': 'Images par demande',
  'setting.budget': 'Budget quotidien',
  'setting.channels': 'Salons',
  'setting.roles': 'Rôles',
  'setting.blocklist': 'Liste noire',
  'value.safety.capped': '{level} (l’hébergeur le limite à {max})',
  'value.nsfw.same': 'comme le niveau de sécurité',
  'value.none': 'aucun',
  'value.noLimit': 'sans limite',
  'value.seconds': '{count} s',
  'value.images': { one: '{count} image', many: '{count} d’images', other: '{count} images' },
  'value.budget': '{amount} par jour',
  'value.budgetImages': {
    one: '{amount} par jour ({count} image à {price})',
    many: '{amount} par jour ({count} d’images à {price})',
    other: '{amount} par jour ({count} images à {price})',
  },
  'value.everywhere': 'partout',
  'value.onlyIn': 'seulement dans {list}',
  'value.everyone': 'tout le monde',
  'value.onlyRoles': 'seulement {list}',
  'value.emptyList': 'vide',
  'value.terms': {
    one: '{count} terme (voir /paramètres liste-noire liste)',
    many: '{count} de termes (voir /paramètres liste-noire liste)',
    other: '{count} termes (voir /paramètres liste-noire liste)',
  },
  'value.listMore': '{list} et {count} de plus',
  'value.default': '{value} (par défaut)',
  'change.added': '{list} ajouté',
  'change.removed': '{list} retiré',
  'change.unchanged': 'inchangé',
  'change.line': '{setting} : {before} → {after}',

  'embed.settings.title': '⚙️ Paramètres de ce serveur',
  'settings.legend': '✏️ modifié par un modérateur · le reste est par défaut',
  'settings.line': '**{name}** : {value} · par défaut {default}',
  'settings.value': '**{name}** : {value}',
  'settings.footnote':
    'Niveaux de sécurité : 1 le plus strict … 6 le plus permissif ; l’hébergeur autorise jusqu’à {max}. Les limites quotidiennes se réinitialisent {time} (minuit UTC).',
  'field.settings.recent.name': 'Dernières modifications',
  'settings.noChanges': 'aucune pour l’instant',
  'settings.nothingChanged.safety': 'Rien n’a changé : les niveaux de sécurité sont déjà réglés ainsi.',
  'settings.nothingChanged.limits': 'Rien n’a changé : les limites sont déjà réglées ainsi.',
  'settings.nothingChanged.channels': 'Rien n’a changé : les salons sont déjà réglés ainsi.',
  'settings.nothingChanged.roles': 'Rien n’a changé : les rôles sont déjà réglés ainsi.',
  'settings.nothingChanged.blocklistAdd': 'Rien n’a changé : ce terme est déjà sur la liste noire.',
  'settings.nothingChanged.blocklistRemove': 'Rien n’a changé : la liste noire est inchangée.',
  'settings.nothingChanged.reset': 'Rien n’a changé : chaque paramètre était déjà à sa valeur par défaut.',
  'settings.blocklist.empty': 'La liste noire est vide.',
  'settings.blocklist.heading':
    '🚫 **Liste noire** ({count} ; mots entiers, sans tenir compte de la casse ; /regex/ tel qu’écrit)',
  'settings.reset.ask':
    '⚠️ Remettre **tous** les paramètres de ce serveur par défaut ? Cela vide aussi la liste noire et les listes de salons et de rôles.',
  'button.settings.reset.confirm': 'Remettre par défaut',
  'button.settings.reset.cancel': 'Annuler',
  'settings.reset.cancelled': 'Rien n’a changé.',
  'settings.reset.done': '♻️ Paramètres remis par défaut.',

  'embed.usage.title': '📊 Vos images aujourd’hui : {count}',
  'field.usage.remaining.name': 'Restant aujourd’hui',
  'usage.remaining': '{left} ({limits} ; la journée se termine {time})',
  'usage.noLimits': 'pas de limite quotidienne',
  'usage.limits': 'limites quotidiennes : {list}',
  'usage.limit.perMember': {
    one: '{count} image par membre',
    many: '{count} d’images par membre',
    other: '{count} images par membre',
  },
  'usage.limit.server': {
    one: '{count} image pour le serveur',
    many: '{count} d’images pour le serveur',
    other: '{count} images pour le serveur',
  },
  'usage.limit.budget': 'un budget serveur de {amount}',
  'field.usage.cooldown.name': 'Délai',
  'usage.cooldown': 'vous pourrez générer à nouveau {time}',
  'field.usage.today.name': '🏠 Ce serveur aujourd’hui',
  'field.usage.month.name': '🏠 Ce serveur, 30 derniers jours',
  'usage.spend': {
    one: '{count} image · environ {spend}',
    many: '{count} d’images · environ {spend}',
    other: '{count} images · environ {spend}',
  },
  'usage.spendOfBudget': {
    one: '{count} image · environ {spend} sur un budget quotidien de {budget}',
    many: '{count} d’images · environ {spend} sur un budget quotidien de {budget}',
    other: '{count} images · environ {spend} sur un budget quotidien de {budget}',
  },
  'field.usage.top.name': 'Membres les plus actifs (30 jours)',
  'usage.nobody': 'personne pour l’instant',
  'usage.estimates':
    'Les estimations comptent {pro} par image [pro] (/imaginer, et les modifications avec le modèle pro) et {max} par image [max] ; les images en cours comptent tant qu’elles n’ont pas échoué.',
} as const satisfies Record<Id, Message>;
