// Files that reach Discord from someone other than the bot: a member's photo, another bot's picture, and
// the file a member picks for an attachment option or a modal's file upload.
import { attachmentJson, type StoredFile } from './attachments.ts';
import type { EmulatorState } from './state.ts';
import type { EmulatedAttachment, EmulatedMessage, FileSpec, PostedMessage } from './types.ts';

/** Discord replaces whitespace in uploaded file names, as it does for the bot's own uploads. */
function stored(spec: FileSpec): StoredFile {
  return { data: spec.data, contentType: spec.contentType, filename: spec.filename.replace(/\s/g, '_') };
}

export function postMessage(state: EmulatorState, channelId: string, spec: PostedMessage): EmulatedMessage {
  const channel = state.channels.get(channelId);
  if (!channel) throw new Error(`Discord emulator: unknown channel ${channelId}`);
  const attachments = (spec.files ?? []).map((f) => {
    const id = state.nextId();
    const file = stored(f);
    state.messages.files.set(id, file);
    return attachmentJson(state.cdn, `attachments/${channelId}`, id, file);
  });
  return state.messages.adopt({
    id: state.nextId(),
    type: 0,
    channel_id: channelId,
    ...(channel.guildId ? { guild_id: channel.guildId } : {}),
    author: state.user(spec.author),
    content: spec.content ?? '',
    embeds: spec.embeds ?? [],
    components: [],
    attachments,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
  });
}

/** Held under the application (ephemeral-attachments/{app}/…) rather than a channel, flagged ephemeral. */
export function ephemeralAttachment(state: EmulatorState, spec: FileSpec): EmulatedAttachment {
  const id = state.nextId();
  const file = stored(spec);
  state.messages.files.set(id, file);
  const json = {
    ...attachmentJson(state.cdn, `ephemeral-attachments/${state.applicationId}`, id, file),
    ephemeral: true,
  };
  state.messages.ephemeral.set(id, json);
  return json;
}

/** `data.resolved.attachments` for the ids an interaction carries; an id the test never made is a bug. */
export function resolvedAttachments(state: EmulatorState, ids: string[]): Record<string, EmulatedAttachment> {
  const out: Record<string, EmulatedAttachment> = {};
  for (const id of ids) {
    const attachment = state.messages.ephemeral.get(id);
    if (!attachment)
      throw new Error(`Discord emulator: no ephemeral attachment ${id} (use emu.ephemeralAttachment)`);
    out[id] = attachment;
  }
  return out;
}
