import type { REST } from '@discordjs/rest';
import { type APIMessage, MessageFlags, Routes } from 'discord-api-types/v10';
import type { OutgoingFile, ResultMessage } from './presentation/resultMessage.ts';

export type OutgoingMessage = Partial<Omit<ResultMessage, 'files'>> & {
  files?: OutgoingFile[];
  ephemeral?: boolean;
};

/**
 * Messages addressed by an interaction token (edit original, follow-up, delete). Only the application id
 * and the token are needed, both stored with the generation, so delivery works after a restart.
 */
export interface InteractionReplies {
  editOriginal(applicationId: string, token: string, message: OutgoingMessage): Promise<{ id: string }>;
  followUp(applicationId: string, token: string, message: OutgoingMessage): Promise<{ id: string }>;
  deleteOriginal(applicationId: string, token: string): Promise<void>;
  /** The reply as Discord has it now: its id and the names of its attachments. */
  getOriginal(applicationId: string, token: string): Promise<{ id: string; attachments: string[] }>;
}

/**
 * The request for @discordjs/rest. With files the multipart body is built here: its own builder copies
 * every Buffer into a new Blob on each attempt, and the result images already are Blobs.
 */
export function toRequest(
  message: OutgoingMessage,
  extra: Record<string, unknown> = {},
): {
  body: Record<string, unknown> | FormData;
  passThroughBody?: true;
} {
  const files = message.files ?? [];
  const body: Record<string, unknown> = {
    // Prompts are echoed back: never let them ping anyone.
    allowed_mentions: { parse: [] },
  };
  if (message.content !== undefined) body.content = message.content;
  if (message.embeds !== undefined) body.embeds = message.embeds;
  if (message.components !== undefined) body.components = message.components;
  if (message.ephemeral) body.flags = MessageFlags.Ephemeral;
  Object.assign(body, extra);
  // The id names the upload's form field (files[n]); the spec types it as a snowflake string.
  if (message.files !== undefined) {
    body.attachments = files.map((file, index) => ({ id: String(index), filename: file.name }));
  }
  if (files.length === 0) return { body };
  const form = new FormData();
  form.append('payload_json', JSON.stringify(body));
  for (const [index, file] of files.entries()) {
    const blob =
      file.data instanceof Blob
        ? file.data
        : new Blob([file.data as Uint8Array<ArrayBuffer>], { type: file.contentType });
    form.append(`files[${index}]`, blob, file.name);
  }
  return { body: form, passThroughBody: true };
}

export function createInteractionReplies(rest: REST): InteractionReplies {
  return {
    async editOriginal(applicationId, token, message) {
      const sent = (await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
        ...toRequest(message),
        auth: false,
      })) as APIMessage;
      return { id: sent.id };
    },
    async followUp(applicationId, token, message) {
      const sent = (await rest.post(Routes.webhook(applicationId, token), {
        ...toRequest(message),
        auth: false,
        query: new URLSearchParams({ wait: 'true' }),
      })) as APIMessage;
      return { id: sent.id };
    },
    async getOriginal(applicationId, token) {
      const message = (await rest.get(Routes.webhookMessage(applicationId, token, '@original'), {
        auth: false,
      })) as APIMessage;
      return { id: message.id, attachments: message.attachments.map((attachment) => attachment.filename) };
    },
    async deleteOriginal(applicationId, token) {
      await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
    },
  };
}
