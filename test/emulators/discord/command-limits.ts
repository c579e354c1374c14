// What Discord accepts as an application command: names, descriptions, options, choices.
import { countChars, type FormErrors } from './form.ts';
import { isRecord } from './http.ts';

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

/** The keys a localisation map may have: https://discord.com/developers/docs/reference#locales */
export const LOCALES: ReadonlySet<string> = new Set(
  [
    'id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro',
    'fi sv-SE vi tr cs el bg ru uk hi th zh-CN ja zh-TW ko ar he',
  ]
    .join(' ')
    .split(' '),
);

/**
 * A `*_localizations` map: locale → text (null = none), each text checked like the default one.
 * Returns the texts by locale, for the duplicate-name check of sibling options.
 */
function checkLocalizations(
  errs: FormErrors,
  path: string,
  map: unknown,
  checkText: (path: string, text: unknown) => void,
): Map<string, string> {
  const texts = new Map<string, string>();
  if (map === undefined || map === null) return texts;
  if (!isRecord(map)) {
    errs.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return texts;
  }
  for (const [locale, text] of Object.entries(map)) {
    if (!LOCALES.has(locale)) {
      errs.add(
        `${path}.${locale}`,
        'BASE_TYPE_CHOICES',
        `Value must be one of {${[...LOCALES].join(', ')}}.`,
      );
      continue;
    }
    if (text === null) continue;
    checkText(`${path}.${locale}`, text);
    if (typeof text === 'string') texts.set(locale, text);
  }
  return texts;
}

function checkName(errs: FormErrors, path: string, name: unknown, chatInput: boolean): void {
  const ok = typeof name === 'string' && countChars(name) >= 1 && countChars(name) <= 32;
  if (!ok) {
    errs.add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
    return;
  }
  if (chatInput && (!NAME.test(name) || name !== name.toLowerCase())) {
    errs.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkDescription(errs: FormErrors, path: string, description: unknown): void {
  const n = typeof description === 'string' ? countChars(description) : 0;
  if (n < 1 || n > 100) errs.add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
}

function checkChoiceName(errs: FormErrors, path: string, name: unknown): void {
  const n = typeof name === 'string' ? countChars(name) : 0;
  if (n < 1 || n > 100) errs.add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100.');
}

/** Name and description of a command or option, with their localisations; the localised names. */
function checkTexts(
  errs: FormErrors,
  path: string,
  item: Record<string, unknown>,
  chatInput: boolean,
  described: boolean,
): Map<string, string> {
  checkName(errs, `${path}name`, item.name, chatInput);
  const names = checkLocalizations(errs, `${path}name_localizations`, item.name_localizations, (p, text) =>
    checkName(errs, p, text, chatInput),
  );
  if (described) {
    checkDescription(errs, `${path}description`, item.description);
    checkLocalizations(errs, `${path}description_localizations`, item.description_localizations, (p, text) =>
      checkDescription(errs, p, text),
    );
  }
  return names;
}

function checkOptions(errs: FormErrors, path: string, options: unknown, depth: number): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errs.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > 25) errs.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const names = new Set<string>();
  const localizedNames = new Map<string, Set<string>>();
  let optionalSeen = false;
  let subcommands = 0;
  for (const [i, option] of (options as unknown[]).entries()) {
    const p = `${path}.${i}`;
    if (!isRecord(option)) {
      errs.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used');
      continue;
    }
    const localized = checkTexts(errs, `${p}.`, option, true, true);
    if (typeof option.name === 'string') {
      if (names.has(option.name))
        errs.add(`${p}.name`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Duplicate');
      names.add(option.name);
      // Siblings must differ in every language too; an option without a translation shows its name.
      for (const locale of LOCALES) {
        const shown = localized.get(locale) ?? option.name;
        const seen = localizedNames.get(locale) ?? new Set<string>();
        if (localized.has(locale) && seen.has(shown)) {
          errs.add(
            `${p}.name_localizations.${locale}`,
            'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
            'Duplicate',
          );
        }
        localizedNames.set(locale, seen.add(shown));
      }
    }
    const type = option.type;
    if (typeof type !== 'number' || type < 1 || type > 11) {
      errs.add(`${p}.type`, 'BASE_TYPE_CHOICES', 'Value must be one of {1..11}.');
      continue;
    }
    if (type === SUB_COMMAND || type === SUB_COMMAND_GROUP) {
      subcommands++;
      if (depth >= (type === SUB_COMMAND_GROUP ? 1 : 2)) {
        errs.add(`${p}.type`, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommands nest too deeply');
      }
      checkOptions(errs, `${p}.options`, option.options, depth + 1);
      continue;
    }
    if (option.required === true && optionalSeen) {
      errs.add(
        p,
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (option.required !== true) optionalSeen = true;
    if (Array.isArray(option.choices)) {
      if (option.choices.length > 25)
        errs.add(`${p}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      for (const [j, choice] of (option.choices as unknown[]).entries()) {
        const name = isRecord(choice) ? choice.name : undefined;
        checkChoiceName(errs, `${p}.choices.${j}.name`, name);
        if (isRecord(choice)) {
          checkLocalizations(
            errs,
            `${p}.choices.${j}.name_localizations`,
            choice.name_localizations,
            (q, text) => checkChoiceName(errs, q, text),
          );
        }
        const value = isRecord(choice) ? choice.value : undefined;
        if (typeof value === 'string' && countChars(value) > 100) {
          errs.add(`${p}.choices.${j}.value`, 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
        }
      }
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const v = option[key];
      if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 6000)) {
        errs.add(`${p}.${key}`, 'NUMBER_TYPE_MAX', 'Must be between 0 and 6000.');
      }
    }
  }
  if (subcommands > 0 && subcommands < options.length) {
    errs.add(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-commands and options cannot be mixed');
  }
}

export function checkCommand(errs: FormErrors, path: string, command: Record<string, unknown>): void {
  const type = command.type ?? 1;
  checkTexts(errs, path, command, type === 1, type === 1);
  if (type !== 1 && command.description)
    errs.add(`${path}description`, 'BASE_TYPE_BAD_LENGTH', 'Must be empty.');
  // Context-menu commands (user 2, message 3) take their target, never options.
  if (type === 1) checkOptions(errs, `${path}options`, command.options, 0);
  else if (Array.isArray(command.options) && command.options.length > 0)
    errs.add(
      `${path}options`,
      'APPLICATION_COMMAND_OPTIONS_INVALID',
      'Context menu commands cannot have options',
    );
  const perms = command.default_member_permissions;
  if (perms !== undefined && perms !== null && (typeof perms !== 'string' || !/^\d+$/.test(perms))) {
    errs.add(`${path}default_member_permissions`, 'NUMBER_TYPE_COERCE', 'Value is not a permission bit set.');
  }
}
