// The message store: creating and editing messages the way Discord applies a body, with its limits.
import { resolveAttachments, resolveEmbeds, type StoredFile } from './attachments.ts';
import { FormErrors } from './form.ts';
import { errors, isRecord } from './http.ts';
import { checkAttachmentCount, checkMessageBody } from './limits.ts';
import type { EmulatorState, InteractionRecord } from './state.ts';
import type { EmulatedAttachment, EmulatedMessage, RecordedFile } from './types.ts';

export const FLAG_SUPPRESS_EMBEDS = 1 << 2;
export const FLAG_EPHEMERAL = 1 << 6;
export const FLAG_LOADING = 1 << 7;
const FLAG_SUPPRESS_NOTIFICATIONS = 1 << 12;
const FLAG_IS_COMPONENTS_V2 = 1 << 15;
const MESSAGE_COMMAND = 3;
const CREATE_FLAGS = FLAG_SUPPRESS_EMBEDS | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_IS_COMPONENTS_V2;

export interface WriteOptions {
  uploadLimit: number;
  warn: (line: string) => void;
  interaction?: InteractionRecord;
  /** Extra flags Discord sets itself (ephemeral, loading). */
  flags?: number;
  /** A defer creates its loading message without any content. */
  allowEmpty?: boolean;
  isFollowUp?: boolean;
}

function mentionsEveryone(content: string, allowed: unknown): boolean {
  if (!/@(everyone|here)\b/.test(content)) return false;
  if (!isRecord(allowed)) return true;
  return Array.isArray(allowed.parse) && allowed.parse.includes('everyone');
}

function totalSize(files: RecordedFile[]): number {
  return files.reduce((sum, f) => sum + f.data.length, 0);
}

export class MessageStore {
  private readonly state: EmulatorState;
  private readonly byId = new Map<string, { json: EmulatedMessage; deleted: boolean }>();
  private readonly byChannel = new Map<string, string[]>();
  readonly files = new Map<string, StoredFile>();
  /** Files members picked for an attachment option or a modal's file upload. */
  readonly ephemeral = new Map<string, EmulatedAttachment>();

  constructor(state: EmulatorState) {
    this.state = state;
  }

  get(id: string): EmulatedMessage | undefined {
    const stored = this.byId.get(id);
    return stored && !stored.deleted ? stored.json : undefined;
  }

  inChannel(channelId: string): EmulatedMessage[] {
    const ids = this.byChannel.get(channelId) ?? [];
    return ids.map((id) => this.get(id)).filter((m): m is EmulatedMessage => m !== undefined);
  }

  /** Stores a message a test made up (e.g. to press a button on it). */
  adopt(message: EmulatedMessage): EmulatedMessage {
    const known = this.get(message.id);
    if (known) return known;
    this.insert(message);
    return message;
  }

  create(channelId: string, body: Record<string, unknown>, files: RecordedFile[], opts: WriteOptions) {
    const errs = new FormErrors();
    const attachments = this.validate(errs, body, files, [], channelId, opts);
    const content = typeof body.content === 'string' ? body.content : '';
    const embeds = Array.isArray(body.embeds) ? body.embeds : [];
    const components = Array.isArray(body.components) ? body.components : [];
    const hasPayload = content !== '' || embeds.length + components.length + attachments.list.length > 0;
    if (!hasPayload && !opts.allowEmpty && body.sticker_ids === undefined && body.poll === undefined) {
      throw errors.emptyMessage();
    }
    this.commitFiles(attachments.pending);
    const channel = this.state.channels.get(channelId);
    const interaction = opts.interaction;
    const json: EmulatedMessage = {
      id: this.state.nextId(),
      type: interaction?.type === 2 ? 20 : 0,
      channel_id: channelId,
      ...(channel?.guildId ? { guild_id: channel.guildId } : {}),
      author: this.state.botUser(),
      content,
      embeds: resolveEmbeds(embeds, attachments.list, opts.warn),
      components,
      attachments: attachments.list,
      flags: ((typeof body.flags === 'number' ? body.flags : 0) & CREATE_FLAGS) | (opts.flags ?? 0),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: mentionsEveryone(content, body.allowed_mentions),
      mentions: [],
      mention_roles: [],
      pinned: false,
      ...(typeof body.nonce === 'string' || typeof body.nonce === 'number' ? { nonce: body.nonce } : {}),
      ...(interaction ? this.interactionFields(interaction, opts.isFollowUp ?? false) : {}),
    };
    this.insert(json);
    return json;
  }

  edit(
    id: string,
    body: Record<string, unknown>,
    files: RecordedFile[],
    opts: WriteOptions,
  ): EmulatedMessage {
    const message = this.get(id);
    if (!message) throw errors.unknownMessage();
    const errs = new FormErrors();
    const attachments = this.validate(errs, body, files, message.attachments, message.channel_id, opts);
    const next: EmulatedMessage = { ...message, attachments: attachments.list };
    if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) next.embeds = Array.isArray(body.embeds) ? body.embeds : [];
    if ('components' in body) next.components = Array.isArray(body.components) ? body.components : [];
    if (typeof body.flags === 'number') {
      next.flags = (message.flags & ~FLAG_SUPPRESS_EMBEDS) | (body.flags & FLAG_SUPPRESS_EMBEDS);
    }
    next.flags &= ~FLAG_LOADING;
    if ('embeds' in body || files.length > 0)
      next.embeds = resolveEmbeds(next.embeds, next.attachments, opts.warn);
    const empty =
      next.content === '' && next.embeds.length + next.components.length + next.attachments.length === 0;
    if (empty) throw errors.emptyMessage();
    this.commitFiles(attachments.pending);
    next.mention_everyone = mentionsEveryone(next.content, body.allowed_mentions);
    // Filling in a deferred "thinking" message is not shown as an edit.
    next.edited_timestamp = message.flags & FLAG_LOADING ? null : new Date().toISOString();
    const stored = this.byId.get(id);
    if (stored) stored.json = next;
    return next;
  }

  delete(id: string): void {
    const stored = this.byId.get(id);
    if (!stored || stored.deleted) throw errors.unknownMessage();
    stored.deleted = true;
  }

  private validate(
    errs: FormErrors,
    body: Record<string, unknown>,
    files: RecordedFile[],
    existing: EmulatedAttachment[],
    channelId: string,
    opts: WriteOptions,
  ) {
    const size = totalSize(files);
    if (size > opts.uploadLimit) throw errors.tooLarge(size, opts.uploadLimit);
    checkMessageBody(errs, body);
    const ctx = { cdn: this.state.cdn, channelId, nextId: () => this.state.nextId() };
    const attachments = resolveAttachments(errs, existing, body.attachments, files, ctx);
    checkAttachmentCount(errs, attachments.list.length);
    errs.throwIfAny();
    return attachments;
  }

  private commitFiles(pending: [string, StoredFile][]): void {
    for (const [id, file] of pending) this.files.set(id, file);
  }

  private insert(json: EmulatedMessage): void {
    this.byId.set(json.id, { json, deleted: false });
    const list = this.byChannel.get(json.channel_id);
    if (list) list.push(json.id);
    else this.byChannel.set(json.channel_id, [json.id]);
  }

  private interactionFields(interaction: InteractionRecord, isFollowUp: boolean): Record<string, unknown> {
    const data = isRecord(interaction.payload.data) ? interaction.payload.data : {};
    const metadata: Record<string, unknown> = {
      id: interaction.id,
      type: interaction.type,
      user: interaction.user,
      authorizing_integration_owners: interaction.payload.authorizing_integration_owners,
      ...(interaction.type === 2 ? { name: data.name, command_type: data.type ?? 1 } : {}),
      ...(data.type === MESSAGE_COMMAND ? { target_message_id: data.target_id } : {}),
      ...(interaction.sourceMessageId ? { interacted_message_id: interaction.sourceMessageId } : {}),
      ...(isFollowUp && interaction.originalMessageId
        ? { original_response_message_id: interaction.originalMessageId }
        : {}),
    };
    return {
      webhook_id: this.state.applicationId,
      application_id: this.state.applicationId,
      interaction_metadata: metadata,
      ...(interaction.type === 2
        ? { interaction: { id: interaction.id, type: 2, name: data.name, user: interaction.user } }
        : {}),
    };
  }
}
