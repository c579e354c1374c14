// An embed as plain data (no discord.js): what /settings show and /usage answer with.
// Limits: https://discord.com/developers/docs/resources/message#embed-object-embed-limits
import { truncate } from '../core/text.ts';

export interface EmbedField {
  name: string;
  value: string;
}

export interface EmbedText {
  title: string;
  description?: string;
  fields: EmbedField[];
  footer?: { text: string };
}

const MAX_TITLE = 256;
const MAX_DESCRIPTION = 4096;
const MAX_FIELD_NAME = 256;
const MAX_FIELD_VALUE = 1024;
const MAX_FOOTER = 2048;

/** The embed cut to Discord's limits (an over-long part would make Discord refuse the whole reply). */
export function withinLimits(embed: EmbedText): EmbedText {
  return {
    title: truncate(embed.title, MAX_TITLE),
    ...(embed.description === undefined ? {} : { description: truncate(embed.description, MAX_DESCRIPTION) }),
    fields: embed.fields.map((field) => ({
      name: truncate(field.name, MAX_FIELD_NAME),
      value: truncate(field.value, MAX_FIELD_VALUE),
    })),
    ...(embed.footer === undefined ? {} : { footer: { text: truncate(embed.footer.text, MAX_FOOTER) } }),
  };
}
