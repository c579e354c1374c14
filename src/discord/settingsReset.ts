import {
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  ComponentType,
  MessageFlags,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import { t } from '../i18n/translate.ts';
import { resetPatch } from '../moderation/settingsEdits.ts';
import { describeChanges } from '../moderation/settingsText.ts';
import { requireManageServer } from './moderatorCheck.ts';
import { languageOf } from './settingsActions.ts';

// Not generation buttons (those are v1:<action>:<generationId>): the server comes from the interaction.
const CONFIRM = 'settings:reset:confirm';
const CANCEL = 'settings:reset:cancel';

export function isSettingsButton(customId: string): boolean {
  return customId === CONFIRM || customId === CANCEL;
}

export async function askReset(interaction: ChatInputCommandInteraction): Promise<void> {
  const lang = languageOf(interaction);
  await interaction.reply({
    content: t(lang, 'settings.reset.ask'),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: t(lang, 'button.settings.reset.confirm'),
            custom_id: CONFIRM,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: t(lang, 'button.settings.reset.cancel'),
            custom_id: CANCEL,
          },
        ],
      },
    ],
  });
}

/** The press is a new interaction: the permission is checked again, since it may have changed meanwhile. */
export async function pressSettingsButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireManageServer(interaction);
  const lang = languageOf(interaction);
  if (interaction.customId === CANCEL) {
    await interaction.update({ content: t(lang, 'settings.reset.cancelled'), components: [] });
    return;
  }
  const changes = await ctx.moderation.settings.change(
    guildId,
    { userId: interaction.user.id, userName: interaction.user.username },
    () => resetPatch(),
  );
  const summary = describeChanges(changes, ctx.config.moderation, 'settings.nothingChanged.reset', lang);
  await interaction.update({
    content: changes.length === 0 ? summary : `${t(lang, 'settings.reset.done')}\n${summary}`.slice(0, 2000),
    components: [],
    allowedMentions: { parse: [] },
  });
}
