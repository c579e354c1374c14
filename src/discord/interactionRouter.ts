import type {
  ChatInputCommandInteraction,
  Interaction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import { decodeCustomId } from '../core/customId.ts';
import { UserError } from '../core/userError.ts';
import { UnreadableRowError } from '../storage/generationRow.ts';
import { respondEphemeral } from './respond.ts';
import {
  cancelGeneration,
  deleteResult,
  reroll,
  sameSeed,
  showEditPrompt,
  submitEditPrompt,
} from './resultActions.ts';
import { isSettingsButton, pressSettingsButton } from './settingsReset.ts';

export interface SlashCommand {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
}

const OUTDATED = 'This button is from an older version of the bot and no longer works. Try /imagine again.';
const MALFORMED = "I don't recognise this button.";
const UNREADABLE = (id: string) =>
  `⚠️ The stored details of this result can't be read any more, so its buttons no longer work. Try /imagine again. (error id \`${id}\`)`;

export function createInteractionRouter(commands: SlashCommand[], ctx: BotContext) {
  const byName = new Map(commands.map((command) => [command.definition.name, command]));

  async function dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command) throw new UserError('This command is no longer available.');
      return command.execute(interaction, ctx);
    }
    if (interaction.isButton() && isSettingsButton(interaction.customId)) {
      return pressSettingsButton(interaction, ctx);
    }
    if (interaction.isButton() || interaction.isModalSubmit()) {
      const decoded = decodeCustomId(interaction.customId);
      if (!decoded.ok) throw new UserError(decoded.reason === 'outdated' ? OUTDATED : MALFORMED);
      const { action, generationId } = decoded.value;
      if (interaction.isModalSubmit()) {
        if (action !== 'editsubmit') throw new UserError(MALFORMED);
        return submitEditPrompt(interaction, generationId, ctx);
      }
      switch (action) {
        case 'reroll':
          return reroll(interaction, generationId, ctx);
        case 'same':
          return sameSeed(interaction, generationId, ctx);
        case 'edit':
          return showEditPrompt(interaction, generationId, ctx);
        case 'delete':
          return deleteResult(interaction, generationId, ctx);
        case 'cancel':
          return cancelGeneration(interaction, generationId, ctx);
        default:
          throw new UserError(MALFORMED);
      }
    }
    if (interaction.isRepliable()) throw new UserError("I don't know how to handle this yet.");
  }

  /** Never rejects: every failure becomes an ephemeral answer and a log line carrying the interaction id. */
  return async function handle(interaction: Interaction): Promise<void> {
    const log = ctx.logger.child({ interactionId: interaction.id, userId: interaction.user.id });
    try {
      await dispatch(interaction);
    } catch (error) {
      let content: string;
      if (error instanceof UserError) {
        log.info({ reason: error.message }, 'refused');
        content = error.message;
      } else if (error instanceof UnreadableRowError) {
        log.error({ errorId: interaction.id, reason: error.message }, 'stored generation cannot be read');
        content = UNREADABLE(interaction.id);
      } else {
        log.error({ err: error, errorId: interaction.id }, 'interaction failed');
        content = `⚠️ Something went wrong. Please try again. (error id \`${interaction.id}\`)`;
      }
      await respondEphemeral(interaction, content).catch((replyError: unknown) =>
        log.warn({ err: replyError }, 'could not answer the interaction'),
      );
    }
  };
}
