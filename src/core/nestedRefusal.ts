import { type MessageId, memberLocale, type Params, t } from '../i18n/translate.ts';
import { UserError, type UserMessage } from './userError.ts';

/** The instruction field reads "instruction" where the prompt's messages say "prompt". */
const INSTRUCTION_IDS: Partial<Record<MessageId, MessageId>> = {
  'parse.prompt.required': 'parse.instruction.required',
  'parse.prompt.empty': 'parse.instruction.empty',
  'parse.prompt.tooLong': 'parse.instruction.tooLong',
  'parse.prompt.type': 'parse.instruction.type',
};

export function asInstruction(problem: UserMessage): UserMessage {
  return { ...problem, id: INSTRUCTION_IDS[problem.id] ?? problem.id };
}

/**
 * A refusal whose message wraps a problem given as data ("I can't imagine that: {error}."): both are
 * rendered in the same language, the member's, where the refusal is shown.
 */
export class NestedRefusal extends UserError {
  readonly problem: UserMessage;
  private readonly outer: Params;

  constructor(wrapper: MessageId, problem: UserMessage, params: Params = {}) {
    super({ id: wrapper, params: { ...params, error: t('en', problem.id, problem.params) } });
    this.problem = problem;
    this.outer = params;
  }

  override render(locale?: string | null, guildLocale?: string | null): string {
    if (this.id === undefined) return this.message;
    const chosen = memberLocale(locale, guildLocale);
    return t(chosen, this.id, { ...this.outer, error: t(chosen, this.problem.id, this.problem.params) });
  }
}

/** Renders an option problem (ParseResult's `error`) alone, in `locale`. */
export const renderParseError = (locale: string | null | undefined, problem: UserMessage): string =>
  t(locale, problem.id, problem.params);
