import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import { decodeCustomId } from '../core/customId.ts';
import { UserError } from '../core/userError.ts';
import { memberLocale, t } from '../i18n/translate.ts';
import { UnreadableRowError } from '../storage/generationRow.ts';
import type { ButtonHandler, ModalHandler } from './componentHandlers.ts';
import { respondEphemeral } from './respond.ts';
import { isSettingsButton, pressSettingsButton } from './settingsReset.ts';

export interface SlashCommand {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /** Answers an option declared with `autocomplete: true` (≤ 25 choices). */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
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

const OUTDATED = { id: 'error.outdatedButton' } as const;
const MALFORMED = { id: 'error.unknownButton' } as const;

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
      if (!command) throw new UserError({ id: 'error.unknownCommand' });
      return command.execute(interaction, ctx);
    }
    if (interaction.isMessageContextMenuCommand()) {
      const command = messageCommands.get(interaction.commandName);
      if (!command) throw new UserError({ id: 'error.unknownCommand' });
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
    if (interaction.isRepliable()) throw new UserError({ id: 'error.unhandled' });
  }

  /** Autocomplete cannot carry a message: a failure is logged and answered with no choices. */
  async function suggest(interaction: AutocompleteInteraction, log: typeof ctx.logger): Promise<void> {
    try {
      const command = byName.get(interaction.commandName);
      if (!command?.autocomplete) throw new Error(`no autocomplete for /${interaction.commandName}`);
      await command.autocomplete(interaction, ctx);
    } catch (error) {
      log.error({ err: error, errorId: interaction.id }, 'autocomplete failed');
      if (!interaction.responded)
        await interaction
          .respond([])
          .catch((replyError: unknown) => log.warn({ err: replyError }, 'could not answer the autocomplete'));
    }
  }

  /** Never rejects: every failure becomes an ephemeral answer and a log line carrying the interaction id. */
  return async function handle(interaction: Interaction): Promise<void> {
    const log = ctx.logger.child({ interactionId: interaction.id, userId: interaction.user.id });
    if (interaction.isAutocomplete()) return suggest(interaction, log);
    try {
      await dispatch(interaction);
    } catch (error) {
      let content: string;
      // In the member's language (else the server's, else English); the log keeps the English text.
      const locale = memberLocale(interaction.locale, interaction.guildLocale);
      if (error instanceof UserError) {
        log.info({ reason: error.message }, 'refused');
        content = error.render(interaction.locale, interaction.guildLocale);
      } else if (error instanceof UnreadableRowError) {
        log.error({ errorId: interaction.id, reason: error.message }, 'stored generation cannot be read');
        content = t(locale, 'error.unreadable', { errorId: interaction.id });
      } else {
        log.error({ err: error, errorId: interaction.id }, 'interaction failed');
        content = t(locale, 'error.generic', { errorId: interaction.id });
      }
      await respondEphemeral(interaction, content).catch((replyError: unknown) =>
        log.warn({ err: replyError }, 'could not answer the interaction'),
      );
    }
  };
}
