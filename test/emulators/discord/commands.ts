// Application command registration: /applications/{app}[/guilds/{guild}]/commands.
import { checkCommand } from './command-limits.ts';
import { FormErrors } from './form.ts';
import { ApiError, bodyOf, errors, isRecord, type Reply, type RouteContext } from './http.ts';
import type { EmulatorState } from './state.ts';

/** Chat input 100, user and message context menus 15 each, per scope. */
const COMMAND_CAPS: [number, number][] = [
  [1, 100],
  [2, 15],
  [3, 15],
];

function scopeOf(ctx: RouteContext): string {
  const { state, params } = ctx;
  if (params.app !== state.applicationId) {
    throw new ApiError(403, 50001, 'Missing Access', [`commands for unknown application ${params.app}`]);
  }
  if (params.guild === undefined) return 'global';
  if (!state.guilds.some((g) => g.id === params.guild)) {
    throw new ApiError(403, 50001, 'Missing Access', [
      `commands for guild ${params.guild} the bot is not in`,
    ]);
  }
  return params.guild;
}

/** Keeps the id of a command that already existed under that name and type, like Discord does. */
function store(
  state: EmulatorState,
  scope: string,
  command: Record<string, unknown>,
  old?: Record<string, unknown>,
) {
  const type = command.type ?? 1;
  const existing = old ?? state.commands.get(scope)?.find((c) => c.name === command.name && c.type === type);
  return {
    default_member_permissions: null,
    description: '',
    name_localizations: null,
    description_localizations: null,
    dm_permission: true,
    contexts: null,
    integration_types: [0],
    nsfw: false,
    ...command,
    id: existing?.id ?? state.nextId(),
    application_id: state.applicationId,
    version: state.nextId(),
    type,
    ...(scope === 'global' ? {} : { guild_id: scope }),
  };
}

const LOCALIZATION_MAPS = ['name_localizations', 'description_localizations'];

/**
 * A command as the list answers it without ?with_localizations=true: Discord leaves the maps out
 * (in command, options and choices) and sends the texts in the requester's locale, which is English here.
 */
function withoutLocalizations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocalizations);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !LOCALIZATION_MAPS.includes(key))
      .map(([key, v]) => [key, key === 'options' || key === 'choices' ? withoutLocalizations(v) : v]),
  );
}

export function listCommands(ctx: RouteContext): Reply {
  const list = ctx.state.commands.get(scopeOf(ctx)) ?? [];
  const full = ctx.query.with_localizations === 'true';
  return { status: 200, body: full ? list : list.map(withoutLocalizations) };
}

export function overwriteCommands(ctx: RouteContext): Reply {
  const scope = scopeOf(ctx);
  const errs = new FormErrors();
  if (!Array.isArray(ctx.json)) errs.add('_root', 'BASE_TYPE_ARRAY', 'Must be an array.');
  const list = (Array.isArray(ctx.json) ? ctx.json : []).filter(isRecord);
  for (const [i, command] of list.entries()) checkCommand(errs, `${i}.`, command);
  const keys = list.map((c) => `${c.type ?? 1}:${String(c.name)}`);
  if (new Set(keys).size !== keys.length)
    errs.add('_root', 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Duplicate names');
  // https://discord.com/developers/docs/interactions/application-commands#registering-a-command
  for (const [type, max] of COMMAND_CAPS) {
    if (list.filter((c) => (c.type ?? 1) === type).length > max)
      errs.add('_root', 'BASE_TYPE_MAX_LENGTH', `Max ${max} commands of type ${type}`);
  }
  errs.throwIfAny();
  const stored = list.map((command) => store(ctx.state, scope, command));
  ctx.state.commands.set(scope, stored);
  ctx.state.commandWrites++;
  return { status: 200, body: stored };
}

export function createCommand(ctx: RouteContext): Reply {
  const scope = scopeOf(ctx);
  const body = bodyOf(ctx);
  const errs = new FormErrors();
  checkCommand(errs, '', body);
  errs.throwIfAny();
  const list = ctx.state.commands.get(scope) ?? [];
  const command = store(ctx.state, scope, body);
  const at = list.findIndex((c) => c.id === command.id);
  if (at >= 0) list[at] = command;
  else list.push(command);
  ctx.state.commands.set(scope, list);
  ctx.state.commandWrites++;
  return { status: at >= 0 ? 200 : 201, body: command };
}

function findCommand(ctx: RouteContext): { list: Record<string, unknown>[]; at: number } {
  const list = ctx.state.commands.get(scopeOf(ctx)) ?? [];
  const at = list.findIndex((c) => c.id === ctx.params.command);
  if (at < 0) throw errors.unknownCommand();
  return { list, at };
}

export function getCommand(ctx: RouteContext): Reply {
  const { list, at } = findCommand(ctx);
  return { status: 200, body: list[at] };
}

export function editCommand(ctx: RouteContext): Reply {
  const { list, at } = findCommand(ctx);
  const merged = { ...list[at], ...bodyOf(ctx) };
  const errs = new FormErrors();
  checkCommand(errs, '', merged);
  errs.throwIfAny();
  const command = store(ctx.state, scopeOf(ctx), merged, list[at]);
  list[at] = command;
  ctx.state.commandWrites++;
  return { status: 200, body: command };
}

export function deleteCommand(ctx: RouteContext): Reply {
  const { list, at } = findCommand(ctx);
  list.splice(at, 1);
  ctx.state.commandWrites++;
  return { status: 204 };
}
