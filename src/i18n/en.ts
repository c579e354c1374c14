// English: the source of truth. Every other language must have exactly these keys (see de.ts, fr.ts).
// Keys name where the text is used, and that decides its Discord limit (test/i18n/limits.test.ts):
// command.*.name / option.*.name 1–32, lowercase, no spaces; menu.*.name (message command) 1–32;
// *.description 1–100; choice.* 1–100; everything else is message content (≤ 2000).
import type { Catalogue } from './message.ts';
import * as moderation from './parts/moderation.ts';
import * as presets from './parts/presets.ts';
import * as reach from './parts/reach.ts';
import * as results from './parts/results.ts';
import * as studio from './parts/studio.ts';

export const en = {
  ...studio.en,
  ...presets.en,
  ...reach.en,
  ...results.en,
  ...moderation.en,
  // /imagine
  'command.imagine.name': 'imagine',
  'command.imagine.description': 'Create images from a prompt with FLUX.1 Kontext [pro]',
  'option.imagine.prompt.description': 'What to draw',
  'option.imagine.aspect_ratio.description': 'Shape of the image (default 1:1)',

  // /edit
  'command.edit.name': 'edit',
  'command.edit.description': 'Change an image by saying what to change, with FLUX.1 Kontext',
  'option.edit.prompt.description': 'What to change, e.g. "give the fox a red scarf"',
  'option.edit.aspect_ratio.description': 'Shape of the image (default the source image’s)',
  'option.image.name': 'image',
  'option.edit.image.description': 'The image to edit (JPEG, PNG, WebP or GIF)',
  'option.image2.name': 'image2',
  'option.edit.image2.description': 'A second image to combine (uses the multi-image model)',
  'option.image3.name': 'image3',
  'option.edit.image3.description': 'A third image to combine',
  'option.image4.name': 'image4',
  'option.edit.image4.description': 'A fourth image to combine',

  // Options /imagine and /edit share (src/discord/generationOptions.ts)
  'option.prompt.name': 'prompt',
  'option.aspect_ratio.name': 'aspect_ratio',
  'option.count.name': 'count',
  'option.generation.count.description': 'How many images, 1–4 (default 1)',
  'option.seed.name': 'seed',
  'option.generation.seed.description': 'Same seed + same prompt gives the same image (default random)',
  'option.guidance.name': 'guidance',
  'option.generation.guidance.description': 'How closely to follow the prompt, 1–20 (default 3.5)',
  'option.format.name': 'format',
  'option.generation.format.description': 'Image file format (default jpeg)',
  'option.enhance_prompt.name': 'enhance_prompt',
  'option.generation.enhance_prompt.description':
    'Let fal rewrite the prompt for better results (default false)',

  // "Edit with Kontext" (message command)
  'menu.editWithKontext.name': 'Edit with Kontext',

  // /usage
  'command.usage.name': 'usage',
  'command.usage.description':
    'Your images today and what is left; moderators also see the server totals and spend',

  // /settings
  'command.settings.name': 'settings',
  'command.settings.description':
    "Moderators: this server's image rules (safety, limits, where and who, blocklist)",
  'option.show.name': 'show',
  'option.settings.show.description':
    'Every setting of this server, its value and default, and the last changes',
  'option.safety.name': 'safety',
  'option.settings.safety.description':
    "How strict fal's safety filter is: 1 strictest … 6 most permissive (default 2)",
  'option.level.name': 'level',
  'option.settings.safety.level.description':
    'safety_tolerance sent to fal: 1 strictest … 6 most permissive (default 2)',
  'option.nsfw_level.name': 'nsfw_level',
  'option.settings.safety.nsfw_level.description':
    'Used instead in age-restricted channels (1–6), or "same as level"',
  'choice.level.1': '1 – strictest',
  'choice.level.2': '2 – strict (fal default)',
  'choice.level.6': '6 – most permissive',
  'choice.level.same': 'same as level',
  'option.limits.name': 'limits',
  'option.settings.limits.description':
    'Cooldown, daily quotas, images per request and daily budget (0 = no limit)',
  'option.cooldown.name': 'cooldown',
  'option.settings.limits.cooldown.description': "Seconds between a member's generations (0 = none)",
  'option.daily_per_user.name': 'daily_per_user',
  'option.settings.limits.daily_per_user.description': 'Images per member per day, UTC (0 = no limit)',
  'option.daily_server.name': 'daily_server',
  'option.settings.limits.daily_server.description':
    'Images for the whole server per day, UTC (0 = no limit)',
  'option.max_count.name': 'max_count',
  'option.settings.limits.max_count.description': 'Most images one request may ask for (1–4)',
  'option.budget.name': 'budget',
  'option.settings.limits.budget.description':
    'US$ the server may spend per day, estimated from the price per image (0 = no limit)',
  'option.channels.name': 'channels',
  'option.settings.channels.description': 'Allow /imagine everywhere (default) or only in listed channels',
  'option.add.name': 'add',
  'option.settings.channels.add.description': 'Allow /imagine in this channel (then only in listed channels)',
  'option.remove.name': 'remove',
  'option.settings.channels.remove.description': 'Take this channel off the list',
  'option.everywhere.name': 'everywhere',
  'option.settings.channels.everywhere.description': 'Empty the list: allow /imagine everywhere',
  'option.roles.name': 'roles',
  'option.settings.roles.description': 'Allow everyone (default) or only members with listed roles',
  'option.settings.roles.add.description': 'Allow members with this role (then only listed roles)',
  'option.settings.roles.remove.description': 'Take this role off the list',
  'option.everyone.name': 'everyone',
  'option.settings.roles.everyone.description': 'Empty the list: allow everyone',
  'option.blocklist.name': 'blocklist',
  'option.settings.blocklist.description':
    'Terms refused in prompts (whole words, case-insensitive; /regex/ allowed)',
  'option.settings.blocklist.add.description': 'Refuse prompts containing this term',
  'option.term.name': 'term',
  'option.settings.blocklist.add.term.description': 'A word or phrase, or /regex/',
  'option.settings.blocklist.remove.description': 'Allow this term again',
  'option.settings.blocklist.remove.term.description': 'The term as listed',
  'option.list.name': 'list',
  'option.settings.blocklist.list.description': 'Show the blocked terms',
  'option.reset.name': 'reset',
  'option.settings.reset.description': 'Put every setting back to the defaults (asks for confirmation)',
  // Refusals and failures, shown ephemerally (src/core/userError.ts renders them in the member's language)
  'error.unknownCommand': 'This command is no longer available.',
  'error.outdatedButton':
    'This button is from an older version of the bot and no longer works. Try /imagine again.',
  'error.unknownButton': "I don't recognise this button.",
  'error.unhandled': "I don't know how to handle this yet.",
  'error.unreadable':
    "⚠️ The stored details of this result can't be read any more, so its buttons no longer work. Try /imagine again. (error id `{errorId}`)",
  'error.generic': '⚠️ Something went wrong. Please try again. (error id `{errorId}`)',
  'error.notInServer': 'This only works in a server.',
  'error.notManager': 'Only members with the Manage Server permission can change these settings.',
  'error.queueFull': {
    one: 'You already have {count} generation waiting in line. Please wait for one to start before asking for more.',
    other:
      'You already have {count} generations waiting in line. Please wait for one to start before asking for more.',
  },
  'error.missingPermissions': {
    one: "I can't post images in this channel: I'm missing the {names} permission here. Ask a moderator to grant it.",
    other:
      "I can't post images in this channel: I'm missing the {names} permissions here. Ask a moderator to grant them.",
  },
  'error.edit.unreadableFile': "I can't read the file given as {name}: please attach it again.",
  'error.edit.noImage': 'Attach the image to edit as `image`.',
  'error.editMessage.noImage': '🖼️ This message has no image attached that I could edit.',
  'error.editMessage.noneEditable': 'No image here can be edited.',
  'error.editMessage.expired': 'This edit form has expired. Use **Edit with Kontext** on the message again.',
  'error.editMessage.pickOne': 'Pick one of the images offered.',
  'error.usage.notInServer': '/usage works in a server.',
  'error.resultGone':
    "I no longer have this image's details, so its buttons can't be used. Try /imagine again.",
  'error.unknownModel': 'This result was made by a model this version of the bot does not know.',
  'error.settings.levelRequired': 'level is required.',
  'error.settings.unknown': 'This settings command is no longer available.',
} as const satisfies Catalogue;

export type MessageId = keyof typeof en;
