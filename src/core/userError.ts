import { type MessageId, memberLocale, type Params, t } from '../i18n/translate.ts';

/** A refusal as catalogue data: rendered in the member's language where it is shown. */
export interface UserMessage {
  id: MessageId;
  params?: Params;
}

/**
 * An expected failure whose message is written for the member (shown ephemerally, logged at info).
 * Thrown with a catalogue id (`new UserError({ id: 'error.notInServer' })`) it is shown in the member's
 * language; `message` is always the English text, for logs. A plain text is shown as it is.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly id: MessageId | undefined;
  readonly params: Params | undefined;

  constructor(message: string | UserMessage) {
    super(typeof message === 'string' ? message : t('en', message.id, message.params));
    this.id = typeof message === 'string' ? undefined : message.id;
    this.params = typeof message === 'string' ? undefined : message.params;
  }

  /** The text for a member whose client speaks `locale`, in a server set to `guildLocale`. */
  render(locale?: string | null, guildLocale?: string | null): string {
    if (this.id === undefined) return this.message;
    return t(memberLocale(locale, guildLocale), this.id, this.params);
  }
}
