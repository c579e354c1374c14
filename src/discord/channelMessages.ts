import type { REST } from '@discordjs/rest';
import { type APIChannel, type APIMessage, Routes } from 'discord-api-types/v10';
import { type OutgoingMessage, toRequest } from './interactionWebhook.ts';

/** Bot-authenticated messages, for results whose interaction token can no longer be used. */
export interface ChannelMessages {
  /** Posts in a channel, pinging only `mentionUserId`. */
  post(channelId: string, message: OutgoingMessage, mentionUserId?: string): Promise<{ id: string }>;
  directMessage(userId: string, message: OutgoingMessage): Promise<{ id: string }>;
}

export function createChannelMessages(rest: REST): ChannelMessages {
  const post = async (channelId: string, message: OutgoingMessage, mentionUserId?: string) => {
    const allowed = mentionUserId ? { allowed_mentions: { parse: [], users: [mentionUserId] } } : {};
    const sent = (await rest.post(
      Routes.channelMessages(channelId),
      toRequest(message, allowed),
    )) as APIMessage;
    return { id: sent.id };
  };
  return {
    post,
    async directMessage(userId, message) {
      const channel = (await rest.post(Routes.userChannels(), {
        body: { recipient_id: userId },
      })) as APIChannel;
      return post(channel.id, message);
    },
  };
}
