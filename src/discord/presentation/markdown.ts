import { escapeMarkdown } from 'discord.js';

// Limits from Discord's docs (Messages: content 2000, embed description 4096, title 256, field value 1024).
export const LIMITS = { content: 2000, description: 4096, title: 256, fieldValue: 1024, label: 80 } as const;

const ZWSP = '\u200B';

/**
 * A prompt shown publicly reads as the member typed it and formats nothing: markdown is escaped, a link
 * cannot be masked behind other text (`[free nitro](https://…)`) nor made clickable, and mentions,
 * already never pinged (allowed_mentions), do not even render as one.
 */
export function plainText(text: string): string {
  return escapeMarkdown(text, { maskedLink: true, heading: true, bulletedList: true, numberedList: true })
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/([a-z][a-z0-9+.-]*):\/\//gi, `$1${ZWSP}://`)
    .replace(/<(?=[@#/:]|a:|t:)/g, `<${ZWSP}`)
    .replace(/@(?=everyone|here)/g, `@${ZWSP}`);
}

/** A link Discord opens in the client: a message in a server channel, or in a DM (`@me`). */
export function messageLink(guildId: string | null, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}
