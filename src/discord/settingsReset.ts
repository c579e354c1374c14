import {
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  ComponentType,
  MessageFlags,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import { resetPatch } from '../moderation/settingsEdits.ts';
import { describeChanges } from '../moderation/settingsText.ts';
import { requireManageServer } from './moderatorCheck.ts';

// Not generation buttons (those are v1:<action>:<generationId>): the server comes from the interaction.
const CONFIRM = 'settings:reset:confirm';
const CANCEL = 'settings:reset:cancel';

export function isSettingsButton(customId: string): boolean {
  return customId === CONFIRM || customId === CANCEL;
}

export async function askReset(interaction: ChatInputCommandInteraction): Promise<void> {
  await interaction.reply({
    content:
      '⚠️ Reset **every** setting of this server to the defaults? This also empties the blocklist and the channel and role lists.',
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: 'Reset to defaults',
            custom_id: CONFIRM,
          },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Cancel', custom_id: CANCEL },
        ],
      },
    ],
  });
}

/** The press is a new interaction: the permission is checked again, since it may have changed meanwhile. */
export async function pressSettingsButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireManageServer(interaction);
  if (interaction.customId === CANCEL) {
    await interaction.update({ content: 'Nothing changed.', components: [] });
    return;
  }
  const changes = await ctx.moderation.settings.change(
    guildId,
    { userId: interaction.user.id, userName: interaction.user.username },
    () => resetPatch(),
  );
  const summary = describeChanges(
    changes,
    ctx.config.moderation,
    'every setting was already at its default.',
  );
  await interaction.update({
    content: changes.length === 0 ? summary : `♻️ Settings reset to the defaults.\n${summary}`.slice(0, 2000),
    components: [],
    allowedMentions: { parse: [] },
  });
}
