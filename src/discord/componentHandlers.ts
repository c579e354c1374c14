import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { BotContext } from '../context.ts';
import type { CustomIdAction } from '../core/customId.ts';

/** A button on a result: the custom_id action it answers to, and what pressing it does. */
export interface ButtonHandler {
  action: CustomIdAction;
  press(interaction: ButtonInteraction, generationId: string, ctx: BotContext): Promise<void>;
}

/** A modal the bot showed: the custom_id action of its submit, and what submitting does. */
export interface ModalHandler {
  action: CustomIdAction;
  submit(interaction: ModalSubmitInteraction, id: string, ctx: BotContext): Promise<void>;
}
