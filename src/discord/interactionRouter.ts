import type {
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import { decodeCustomId } from '../core/customId.ts';
import { UserError } from '../core/userError.ts';
import { UnreadableRowError } from '../storage/generationRow.ts';
import type { ButtonHandler, ModalHandler } from './componentHandlers.ts';
import { respondEphemeral } from './respond.ts';
import { isSettingsButton, pressSettingsButton } from './settingsReset.ts';

export interface SlashCommand {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
}

/** A command in a message's Apps menu. */
export interface MessageCommand {
  definition: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

export interface Handlers {
  commands: readonly SlashCommand[];
  messageCommands: readonly MessageCommand[];
  buttons: readonly ButtonHandler[];
  modals: readonly ModalHandler[];
}

const OUTDATED = 'This button is from an older version of the bot and no longer works. Try /imagine again.';
const MALFORMED = "I don't recognise this button.";
const UNREADABLE = (id: string) =>
  `⚠️ The stored details of this result can't be read any more, so its buttons no longer work. Try /imagine again. (error id \`${id}\`)`;

export function createInteractionRouter(handlers: Handlers, ctx: BotContext) {
  const byName = new Map(handlers.commands.map((command) => [command.definition.name, command]));
  const messageCommands = new Map(
    handlers.messageCommands.map((command) => [command.definition.name, command]),
  );
  const buttons = new Map(handlers.buttons.map((handler) => [handler.action, handler]));
  const modals = new Map(handlers.modals.map((handler) => [handler.action, handler]));

  async function dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command) throw new UserError('This command is no longer available.');
      return command.execute(interaction, ctx);
    }
    if (interaction.isMessageContextMenuCommand()) {
      const command = messageCommands.get(interaction.commandName);
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
        const modal = modals.get(action);
        if (!modal) throw new UserError(MALFORMED);
        return modal.submit(interaction, generationId, ctx);
      }
      const button = buttons.get(action);
      if (!button) throw new UserError(MALFORMED);
      return button.press(interaction, generationId, ctx);
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
