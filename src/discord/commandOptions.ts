import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from 'discord.js';

export type OptionValue = string | number | boolean;

export interface SubcommandCall {
  group: string | null;
  name: string;
  /** Raw option values by name: a channel or role option is its id. */
  values: Record<string, OptionValue>;
}

/**
 * Raw values rather than getChannel()/getRole(): those need the resolved objects, and the checks that
 * matter (ranges, types) are done again by the pure core anyway.
 */
export function subcommandOf(interaction: ChatInputCommandInteraction): SubcommandCall {
  let group: string | null = null;
  let level = interaction.options.data;
  const first = level[0];
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    group = first.name;
    level = first.options ?? [];
  }
  const sub = level[0];
  const values: Record<string, OptionValue> = {};
  for (const option of sub?.options ?? []) {
    if (option.value !== undefined && option.value !== null) values[option.name] = option.value;
  }
  return { group, name: sub?.name ?? '', values };
}

export const numberOf = (value: OptionValue | undefined): number | undefined =>
  typeof value === 'number' ? value : undefined;
export const stringOf = (value: OptionValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;
