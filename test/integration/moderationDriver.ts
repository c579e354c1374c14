// Drives /settings, /usage and generations as moderators and members of several emulated servers, so
// each test can use its own server and never see another test's settings.
import { DatabaseSync } from 'node:sqlite';
import {
  DefaultMemberPermissions,
  type EmulatedMessage,
  type GuildSpec,
  type InteractionContext,
  Permissions,
  type RecordedRequest,
  type SentInteraction,
  type SlashOption,
} from '../emulators/discord/index.ts';
import { contentOf, delivery, ephemeralAnswer, imagine, OptionType, type Stack } from './harness.ts';

const pad = (n: number) => String(n).padStart(3, '0');
export const guildId = (n: number) => `100000000000${pad(n)}000`;
export const channelId = (n: number, k: 1 | 2 | 3) => `200000000000${pad(n)}00${k}`;
export const roleId = (n: number) => `500000000000${pad(n)}001`;
export const NSFW_CHANNEL = 3;

/** Server n has channels 1 (general), 2 (other) and 3 (age-restricted), and a role "artists". */
export function guilds(count: number): GuildSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: guildId(i + 1),
    name: `Server ${i + 1}`,
    channels: [
      { id: channelId(i + 1, 1), name: 'general' },
      { id: channelId(i + 1, 2), name: 'other' },
      { id: channelId(i + 1, 3), name: 'nsfw', nsfw: true },
    ],
    roles: [{ id: roleId(i + 1), name: 'artists' }],
  }));
}

export const MODERATOR = { id: '300000000000000900', username: 'mod' };
export const member = (k: number) => ({ id: `300000000000000${pad(k)}`, username: `member${k}` });

export function asMember(n: number, k = 1, over: InteractionContext = {}): InteractionContext {
  return { guildId: guildId(n), channelId: channelId(n, 1), user: member(k), ...over };
}

export function asModerator(n: number, over: InteractionContext = {}): InteractionContext {
  return asMember(n, 900, {
    user: MODERATOR,
    memberPermissions: DefaultMemberPermissions | Permissions.ManageGuild,
    ...over,
  });
}

const TYPES: Record<string, number> = {
  level: OptionType.Integer,
  nsfw_level: OptionType.Integer,
  cooldown: OptionType.Integer,
  daily_per_user: OptionType.Integer,
  daily_server: OptionType.Integer,
  max_count: OptionType.Integer,
  budget: OptionType.Number,
  everywhere: OptionType.Boolean,
  everyone: OptionType.Boolean,
  term: OptionType.String,
};

/** `/settings <path...> options`, e.g. settings(stack, ['blocklist', 'add'], { term: 'x' }, ctx). */
export function settings(
  stack: Stack,
  path: [string] | [string, string],
  options: Record<string, string | number | boolean>,
  ctx: InteractionContext,
  optionTypes: Record<string, number> = {},
): SentInteraction {
  const list: SlashOption[] = Object.entries(options).map(([name, value]) => ({
    name,
    type: optionTypes[name] ?? TYPES[name] ?? OptionType.String,
    value,
  }));
  const leaf = { name: path.at(-1)!, type: 1, options: list };
  const top = path.length === 2 ? { name: path[0], type: 2, options: [leaf] } : leaf;
  return stack.discord.slashCommand('settings', [top], ctx);
}

export interface AnsweredEmbed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

/** The embeds of a message the bot sent (a reply's callback or a follow-up). */
export function embedsOf(request: RecordedRequest): AnsweredEmbed[] {
  const body = request.json as { embeds?: AnsweredEmbed[]; data?: { embeds?: AnsweredEmbed[] } } | undefined;
  return body?.embeds ?? body?.data?.embeds ?? [];
}

/** An embed as one text, line by line: title, description, each field's name then value, footer. */
export function embedText(embed: AnsweredEmbed): string {
  const fields = (embed.fields ?? []).flatMap((field) => [field.name, field.value]);
  return [embed.title, embed.description, ...fields, embed.footer?.text]
    .filter((line) => line !== undefined)
    .join('\n');
}

/** The ephemeral text the bot answered this interaction with: its content, then its embeds' text. */
export async function answer(stack: Stack, sent: SentInteraction): Promise<string> {
  const request = await ephemeralAnswer(stack, sent);
  return [contentOf(request), ...embedsOf(request).map(embedText)].filter(Boolean).join('\n');
}

export async function generate(
  stack: Stack,
  prompt: string,
  ctx: InteractionContext,
  extra: Record<string, string | number | boolean> = {},
): Promise<{ sent: SentInteraction; edit: RecordedRequest; message: EmulatedMessage }> {
  const sent = imagine(stack, { prompt, ...extra }, ctx);
  const edit = await delivery(stack, sent);
  const message = stack.discord.originalMessage(sent.token);
  if (!message) throw new Error('no original message');
  return { sent, edit, message };
}

export function buttonId(message: EmulatedMessage, label: string): string {
  const rows = message.components as { components: { label?: string; custom_id?: string }[] }[];
  const id = rows.flatMap((row) => row.components).find((b) => b.label === label)?.custom_id;
  if (!id) throw new Error(`no ${label} button on message ${message.id}`);
  return id;
}

/** Presses Edit prompt and submits the form with a new prompt. */
export async function editPrompt(
  stack: Stack,
  message: EmulatedMessage,
  prompt: string,
  ctx: InteractionContext,
): Promise<SentInteraction> {
  const press = stack.discord.button(buttonId(message, 'Edit prompt'), message, ctx);
  await press.callback();
  const modal = stack.discord.lastModal(press.token) as { custom_id: string };
  return stack.discord.modalSubmit(modal.custom_id, { prompt }, { ...ctx, message });
}

export function falSubmits(stack: Stack): number {
  return stack.fal.requests.filter((r) => r.method === 'POST').length;
}

export function generationIdOf(message: EmulatedMessage): string {
  return buttonId(message, 'Reroll').split(':')[2]!;
}

/** Reads the bot's database file directly, as a host inspecting it would. */
export function queryDb(
  stack: Stack,
  sql: string,
  ...params: (string | number)[]
): Record<string, unknown>[] {
  const db = new DatabaseSync(stack.config.databaseUrl.replace(/^sqlite:/, ''), { readOnly: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

/**
 * Resolves with the quota reservation once the runner has reported the generation and the policy has
 * settled it. The row can turn 'failed' (and the member be told) just before the runner reports it,
 * so neither the generation's status nor the member's message is enough to wait for.
 */
function reservationWhenSettled(
  stack: Stack,
  column: 'id' | 'interaction_id',
  value: string,
): Promise<Record<string, unknown>> {
  const { events } = stack.bot.runner!;
  return new Promise((resolve) => {
    const check = () => {
      const row = queryDb(
        stack,
        `SELECT r.* FROM generations g JOIN quota_reservations r ON r.generation_id = g.id WHERE g.${column} = ?`,
        value,
      )[0];
      if (row && row.status !== 'reserved') {
        events.off('settled', onSettled);
        resolve(row);
      }
    };
    // The policy's listener was registered first, at start-up, so it has written by the time this runs.
    const onSettled = (generation: { id: string; interactionId: string }) => {
      if ((column === 'id' ? generation.id : generation.interactionId) === value) check();
    };
    events.on('settled', onSettled);
    check();
  });
}

export const reservationSettled = (stack: Stack, generationId: string) =>
  reservationWhenSettled(stack, 'id', generationId);

/** For an interaction whose generation id the test does not know yet (its reply is still "thinking…"). */
export const settledFor = (stack: Stack, sent: SentInteraction) =>
  reservationWhenSettled(stack, 'interaction_id', sent.id);
