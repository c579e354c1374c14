// The shape of a catalogue entry: plain text with `{name}` placeholders, or one text per plural category
// (Intl.PluralRules), chosen by the numeric `count` parameter. `other` is required: it is the fallback.

export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

export type PluralMessage = { readonly other: string } & { readonly [C in PluralCategory]?: string };

export type Message = string | PluralMessage;

export type Catalogue = Readonly<Record<string, Message>>;
