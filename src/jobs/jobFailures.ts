import type { Generation } from '../core/generation.ts';
import type { ChannelMessages } from '../discord/channelMessages.ts';
import type { InteractionReplies } from '../discord/interactionWebhook.ts';
import { plainText } from '../discord/presentation/markdown.ts';
import { FalError } from '../fal/falErrors.ts';
import { t } from '../i18n/translate.ts';
import type { Logger } from '../logger.ts';
import type { RowContact } from '../storage/generationRow.ts';
import type { Store } from '../storage/store.ts';
import type { Delivery } from './delivery.ts';
import { failureMessage } from './failureMessage.ts';

// Stored errors outlive logs and are shown to whoever reads the database: a URL there may carry a
// token (interaction webhooks, fal's signed result links) and says nothing a member needs.
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
export const withoutUrls = (text: string) => text.replace(URL_PATTERN, '[url]');

/** Records a failed generation and tells the member why, in one sentence. */
export class JobFailures {
  private readonly deps: {
    store: Store;
    replies: InteractionReplies;
    channels: ChannelMessages;
    delivery: Delivery;
  };

  constructor(deps: {
    store: Store;
    replies: InteractionReplies;
    channels: ChannelMessages;
    delivery: Delivery;
  }) {
    this.deps = deps;
  }

  async fail(generation: Generation, error: unknown, log: Logger): Promise<Generation> {
    const reason = error instanceof Error ? error.message : String(error);
    const kind = error instanceof FalError ? error.kind : undefined;
    if (kind === 'auth') log.error({ err: error }, 'fal rejected the FAL_KEY: set a valid key');
    else if (kind === 'invalid' || kind === 'policy' || kind === 'canceled')
      log.info({ errorId: generation.id, reason }, 'generation ended');
    else log.error({ errorId: generation.id, err: error }, 'generation failed');

    const failed = await this.deps.store
      .updateGeneration(generation.id, { status: 'failed', error: withoutUrls(reason).slice(0, 500) })
      .catch((storeError: unknown) => {
        log.error({ err: storeError }, 'could not record the failure');
        return generation;
      });
    const text = failureMessage(error, generation.id, generation.locale);
    if (kind === 'canceled') await this.showCanceled(generation, text, log);
    else await this.tellMember(generation, text, log);
    return failed;
  }

  private async showCanceled(generation: Generation, text: string, log: Logger): Promise<void> {
    if (!this.deps.delivery.tokenAlive(generation)) return;
    await this.deps.replies
      .editOriginal(generation.applicationId, generation.interactionToken, {
        content: `🛑 ${text}`,
        embeds: [],
        components: [],
      })
      .catch((error: unknown) => log.warn({ err: error }, 'could not mark the reply as cancelled'));
  }

  /**
   * A stored generation the bot cannot read (written by another version, or damaged): it is ended with
   * its reason and the member told, when the columns that say who asked are still readable.
   */
  async failUnreadable(id: string, reason: string, contact: RowContact | null, log: Logger): Promise<void> {
    log.error({ errorId: id, generationId: id, reason }, 'stored generation cannot be read: marked failed');
    await this.deps.store.markUnreadable(id, `unreadable row: ${reason}`);
    if (!contact) return;
    const text = t(contact.locale, 'failure.unreadable', { errorId: id });
    await this.tellMember(contact, text, log);
  }

  /** The failure concerns only the member: say it ephemerally and remove the public "thinking…". */
  private async tellMember(
    generation: RowContact & {
      options?: Generation['options'];
      locale?: string | null;
      interactionOnly?: boolean;
    },
    text: string,
    log: Logger,
  ): Promise<void> {
    const { replies, channels, delivery } = this.deps;
    const { applicationId, interactionToken } = generation;
    if (delivery.tokenAlive(generation)) {
      try {
        // Deleted first: the first follow-up after a defer would replace the "thinking…", publicly,
        // and deleting afterwards would take the member's answer with it.
        await replies.deleteOriginal(applicationId, interactionToken);
        await replies.followUp(applicationId, interactionToken, { content: text, ephemeral: true });
        return;
      } catch (error) {
        log.warn({ err: error }, 'could not answer through the interaction');
      }
    }
    // A member's own install where the bot is not: the bot may not DM or post there, nobody can be told.
    if (generation.interactionOnly) {
      log.warn(
        { interactionOnly: true, userId: generation.userId, reason: text },
        'generation failed and nobody can be told: only the interaction could answer and it has expired',
      );
      return;
    }
    const content = generation.options
      ? t(generation.locale, 'failure.aboutPrompt', {
          prompt: plainText(generation.options.prompt.slice(0, 100)),
          text,
        })
      : text;
    await channels
      .directMessage(generation.userId, { content })
      .catch((error: unknown) => log.error({ err: error }, 'could not tell the member about the failure'));
  }
}
