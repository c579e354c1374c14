import type { REST } from '@discordjs/rest';
import { type APIChannel, type APIMessage, Routes } from 'discord-api-types/v10';

/** What a delivery needs to know of a message Discord already has. */
export interface SeenMessage {
  id: string;
  channelId: string;
  /** Posted through an interaction token (the reply or a follow-up) rather than by the bot user. */
  viaInteraction: boolean;
  attachments: string[];
  embedFooters: string[];
}

/** Reads back what the bot posted, so a restarted delivery can tell which parts Discord already has. */
export interface MessageLookup {
  original(applicationId: string, token: string): Promise<SeenMessage>;
  /** The channel's latest messages (Discord returns at most 100; needs Read Message History). */
  recent(channelId: string): Promise<SeenMessage[]>;
  /** The bot's DM channel with the user; Discord returns the existing one when there is one. */
  dmChannelId(userId: string): Promise<string>;
}

const RECENT_LIMIT = 100;

function seen(message: APIMessage): SeenMessage {
  return {
    id: message.id,
    channelId: message.channel_id,
    viaInteraction: message.webhook_id !== undefined || message.interaction_metadata !== undefined,
    attachments: message.attachments.map((attachment) => attachment.filename),
    embedFooters: message.embeds.flatMap((embed) => (embed.footer ? [embed.footer.text] : [])),
  };
}

export function createMessageLookup(rest: REST): MessageLookup {
  return {
    async original(applicationId, token) {
      const message = (await rest.get(Routes.webhookMessage(applicationId, token, '@original'), {
        auth: false,
      })) as APIMessage;
      return seen(message);
    },
    async recent(channelId) {
      const messages = (await rest.get(Routes.channelMessages(channelId), {
        query: new URLSearchParams({ limit: String(RECENT_LIMIT) }),
      })) as APIMessage[];
      return messages.map(seen);
    },
    async dmChannelId(userId) {
      const channel = (await rest.post(Routes.userChannels(), {
        body: { recipient_id: userId },
      })) as APIChannel;
      return channel.id;
    },
  };
}
