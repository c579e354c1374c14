// French. TypeScript requires every key of en.ts here, and no other (see message.ts for the shape).
// French plurals: 0 and 1 are `one`; large round numbers (1 000 000) are `many` (« d’images »).
import type { MessageId } from './en.ts';
import type { Message } from './message.ts';
import * as moderation from './parts/moderation.ts';
import * as presets from './parts/presets.ts';
import * as reach from './parts/reach.ts';
import * as results from './parts/results.ts';
import * as studio from './parts/studio.ts';

export const fr = {
  ...studio.fr,
  ...presets.fr,
  ...reach.fr,
  ...results.fr,
  ...moderation.fr,
  'command.imagine.name': 'imaginer',
  'command.imagine.description': 'Créer des images à partir d’une description avec FLUX.1 Kontext [pro]',
  'option.imagine.prompt.description': 'Ce qu’il faut dessiner',
  'option.imagine.aspect_ratio.description': 'Forme de l’image (par défaut 1:1)',

  'command.edit.name': 'modifier',
  'command.edit.description': 'Modifier une image en disant ce qu’il faut changer, avec FLUX.1 Kontext',
  'option.edit.prompt.description': 'Ce qu’il faut changer, p. ex. « donne une écharpe rouge au renard »',
  'option.edit.aspect_ratio.description': 'Forme de l’image (par défaut celle de l’image source)',
  'option.image.name': 'image',
  'option.edit.image.description': 'L’image à modifier (JPEG, PNG, WebP ou GIF)',
  'option.image2.name': 'image2',
  'option.edit.image2.description': 'Une deuxième image à combiner (utilise le modèle multi-images)',
  'option.image3.name': 'image3',
  'option.edit.image3.description': 'Une troisième image à combiner',
  'option.image4.name': 'image4',
  'option.edit.image4.description': 'Une quatrième image à combiner',

  'option.prompt.name': 'description',
  'option.aspect_ratio.name': 'proportions',
  'option.count.name': 'nombre',
  'option.generation.count.description': 'Combien d’images, 1–4 (par défaut 1)',
  'option.seed.name': 'graine',
  'option.generation.seed.description':
    'Même graine + même description donne la même image (par défaut aléatoire)',
  'option.guidance.name': 'guidage',
  'option.generation.guidance.description': 'À quel point suivre la description, 1–20 (par défaut 3,5)',
  'option.format.name': 'format',
  'option.generation.format.description': 'Format du fichier image (par défaut jpeg)',
  'option.enhance_prompt.name': 'améliorer-description',
  'option.generation.enhance_prompt.description':
    'fal réécrit la description pour de meilleurs résultats (par défaut non)',

  'menu.editWithKontext.name': 'Modifier avec Kontext',

  'command.usage.name': 'utilisation',
  'command.usage.description':
    'Tes images du jour et ce qui reste ; les modérateurs voient aussi les totaux et dépenses',

  'command.settings.name': 'paramètres',
  'command.settings.description':
    'Modérateurs : les règles d’images du serveur (sécurité, limites, où et qui, liste noire)',
  'option.show.name': 'afficher',
  'option.settings.show.description':
    'Chaque réglage du serveur, sa valeur, sa valeur par défaut et les derniers changements',
  'option.safety.name': 'sécurité',
  'option.settings.safety.description':
    'Sévérité du filtre de sécurité de fal : 1 le plus strict … 6 le plus permissif (défaut 2)',
  'option.level.name': 'niveau',
  'option.settings.safety.level.description':
    'safety_tolerance envoyé à fal : 1 le plus strict … 6 le plus permissif (par défaut 2)',
  'option.nsfw_level.name': 'niveau-nsfw',
  'option.settings.safety.nsfw_level.description':
    'Utilisé à la place dans les salons avec limite d’âge (1–6), ou « comme le niveau »',
  'choice.level.1': '1 – le plus strict',
  'choice.level.2': '2 – strict (défaut de fal)',
  'choice.level.6': '6 – le plus permissif',
  'choice.level.same': 'comme le niveau',
  'option.limits.name': 'limites',
  'option.settings.limits.description':
    'Délai, quotas quotidiens, images par demande et budget quotidien (0 = sans limite)',
  'option.cooldown.name': 'délai',
  'option.settings.limits.cooldown.description': 'Secondes entre deux générations d’un membre (0 = aucun)',
  'option.daily_per_user.name': 'par-membre-par-jour',
  'option.settings.limits.daily_per_user.description': 'Images par membre et par jour, UTC (0 = sans limite)',
  'option.daily_server.name': 'serveur-par-jour',
  'option.settings.limits.daily_server.description':
    'Images pour tout le serveur par jour, UTC (0 = sans limite)',
  'option.max_count.name': 'nombre-max',
  'option.settings.limits.max_count.description': 'Nombre maximal d’images par demande (1–4)',
  'option.budget.name': 'budget',
  'option.settings.limits.budget.description':
    'US$ que le serveur peut dépenser par jour, estimé selon le prix par image (0 = sans limite)',
  'option.channels.name': 'salons',
  'option.settings.channels.description':
    'Autoriser /imaginer partout (par défaut) ou seulement dans les salons listés',
  'option.add.name': 'ajouter',
  'option.settings.channels.add.description':
    'Autoriser /imaginer dans ce salon (puis seulement dans les salons listés)',
  'option.remove.name': 'retirer',
  'option.settings.channels.remove.description': 'Retirer ce salon de la liste',
  'option.everywhere.name': 'partout',
  'option.settings.channels.everywhere.description': 'Vider la liste : autoriser /imaginer partout',
  'option.roles.name': 'rôles',
  'option.settings.roles.description':
    'Autoriser tout le monde (par défaut) ou seulement les membres ayant un rôle listé',
  'option.settings.roles.add.description':
    'Autoriser les membres ayant ce rôle (puis seulement les rôles listés)',
  'option.settings.roles.remove.description': 'Retirer ce rôle de la liste',
  'option.everyone.name': 'tout-le-monde',
  'option.settings.roles.everyone.description': 'Vider la liste : autoriser tout le monde',
  'option.blocklist.name': 'liste-noire',
  'option.settings.blocklist.description':
    'Termes refusés dans les descriptions (mots entiers, sans casse ; /regex/ permis)',
  'option.settings.blocklist.add.description': 'Refuser les descriptions contenant ce terme',
  'option.term.name': 'terme',
  'option.settings.blocklist.add.term.description': 'Un mot ou une expression, ou /regex/',
  'option.settings.blocklist.remove.description': 'Autoriser à nouveau ce terme',
  'option.settings.blocklist.remove.term.description': 'Le terme tel qu’il est listé',
  'option.list.name': 'liste',
  'option.settings.blocklist.list.description': 'Afficher les termes bloqués',
  'option.reset.name': 'réinitialiser',
  'option.settings.reset.description': 'Remettre tous les réglages par défaut (demande confirmation)',
  'error.unknownCommand': 'Cette commande n’est plus disponible.',
  'error.outdatedButton':
    'Ce bouton vient d’une ancienne version du bot et ne fonctionne plus. Réessaie /imaginer.',
  'error.unknownButton': 'Je ne reconnais pas ce bouton.',
  'error.unhandled': 'Je ne sais pas encore traiter ceci.',
  'error.unreadable':
    '⚠️ Les détails enregistrés de ce résultat ne sont plus lisibles, ses boutons ne fonctionnent donc plus. Réessaie /imaginer. (identifiant d’erreur `{errorId}`)',
  'error.generic': '⚠️ Un problème est survenu. Réessaie, s’il te plaît. (identifiant d’erreur `{errorId}`)',
  'error.notInServer': 'Cela ne fonctionne que sur un serveur.',
  'error.notManager':
    'Seuls les membres ayant la permission « Gérer le serveur » peuvent modifier ces réglages.',
  'error.queueFull': {
    one: 'Tu as déjà {count} génération en attente. Attends qu’elle commence avant d’en demander plus.',
    many: 'Tu as déjà {count} de générations en attente. Attends qu’une commence avant d’en demander plus.',
    other: 'Tu as déjà {count} générations en attente. Attends qu’une commence avant d’en demander plus.',
  },
  'error.missingPermissions': {
    one: 'Je ne peux pas publier d’images dans ce salon : il me manque ici la permission {names}. Demande à un modérateur de me l’accorder.',
    many: 'Je ne peux pas publier d’images dans ce salon : il me manque ici les permissions {names}. Demande à un modérateur de me les accorder.',
    other:
      'Je ne peux pas publier d’images dans ce salon : il me manque ici les permissions {names}. Demande à un modérateur de me les accorder.',
  },
  'error.edit.unreadableFile': 'Je n’arrive pas à lire le fichier donné comme {name} : joins-le à nouveau.',
  'error.edit.noImage': 'Joins l’image à modifier comme `image`.',
  'error.editMessage.noImage': '🖼️ Ce message n’a aucune image jointe que je pourrais modifier.',
  'error.editMessage.noneEditable': 'Aucune image ici ne peut être modifiée.',
  'error.editMessage.expired':
    'Ce formulaire de modification a expiré. Utilise à nouveau **Modifier avec Kontext** sur le message.',
  'error.editMessage.pickOne': 'Choisis l’une des images proposées.',
  'error.usage.notInServer': '/utilisation fonctionne sur un serveur.',
  'error.resultGone':
    'Je n’ai plus les détails de cette image, ses boutons ne peuvent donc plus servir. Réessaie /imaginer.',
  'error.unknownModel': 'Ce résultat vient d’un modèle que cette version du bot ne connaît pas.',
  'error.settings.levelRequired': 'niveau est requis.',
  'error.settings.unknown': 'Cette commande de réglages n’est plus disponible.',
} as const satisfies Record<MessageId, Message>;
