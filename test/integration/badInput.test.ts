import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EmulatedMessage, SentInteraction } from '../emulators/discord/index.ts';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  OptionType,
  type Stack,
  startStack,
} from './harness.ts';

let stack: Stack;
let result: EmulatedMessage;
beforeAll(async () => {
  stack = await startStack();
  const sent = imagine(stack, { prompt: 'a valid one' });
  await delivery(stack, sent);
  result = stack.discord.originalMessage(sent.token)!;
});
afterAll(() => stack.close());

type Option = { name: string; type: number; value: string | number | boolean };
const prompt = (value: string): Option => ({ name: 'prompt', type: OptionType.String, value });

// Crafted interactions bypass Discord's client-side checks: the bot must refuse each one itself.
const cases: [string, () => SentInteraction, string][] = [
  [
    'count of the wrong type',
    () => slash([prompt('x'), { name: 'count', type: OptionType.String, value: 'abc' }]),
    'count',
  ],
  [
    'count out of range',
    () => slash([prompt('x'), { name: 'count', type: OptionType.Integer, value: 40 }]),
    'count',
  ],
  [
    'guidance out of range',
    () => slash([prompt('x'), { name: 'guidance', type: OptionType.Number, value: 100 }]),
    'guidance',
  ],
  [
    'unknown aspect ratio',
    () => slash([prompt('x'), { name: 'aspect_ratio', type: OptionType.String, value: '5:4' }]),
    'aspect_ratio',
  ],
  [
    'negative seed',
    () => slash([prompt('x'), { name: 'seed', type: OptionType.Integer, value: -5 }]),
    'seed',
  ],
  [
    'unknown format',
    () => slash([prompt('x'), { name: 'format', type: OptionType.String, value: 'gif' }]),
    'format',
  ],
  [
    'boolean as text',
    () => slash([prompt('x'), { name: 'enhance_prompt', type: OptionType.String, value: 'yes' }]),
    'enhance_prompt',
  ],
  ['missing prompt', () => slash([]), 'prompt'],
  ['blank prompt', () => slash([prompt('   ')]), 'prompt'],
  ['prompt too long', () => slash([prompt('x'.repeat(5000))]), 'longer'],
  ['unknown command', () => stack.discord.slashCommand('explode', []), 'no longer available'],
  ['garbage custom_id', () => stack.discord.button('%%%garbage%%%', result), "don't recognise"],
  ['older version custom_id', () => stack.discord.button('v0:reroll:abc', result), 'older version'],
  ['deleted generation', () => stack.discord.button('v1:reroll:doesnotexist1', result), 'no longer have'],
  [
    'modal action on a button',
    () => stack.discord.button('v1:editsubmit:doesnotexist1', result),
    "don't recognise",
  ],
  [
    'cancel of an unknown generation',
    () => stack.discord.button('v1:cancel:doesnotexist1', result),
    'no longer have',
  ],
  ['garbage modal', () => stack.discord.modalSubmit('nonsense', { prompt: 'x' }), "don't recognise"],
  [
    'modal for a deleted generation',
    () => stack.discord.modalSubmit('v1:editsubmit:doesnotexist1', { prompt: 'x' }),
    'no longer have',
  ],
  [
    'modal without the prompt field',
    () => stack.discord.modalSubmit(editModalId(), { other: 'x' }),
    'prompt',
  ],
  ['modal with an empty prompt', () => stack.discord.modalSubmit(editModalId(), { prompt: '' }), 'prompt'],
];

function slash(options: Option[]): SentInteraction {
  return stack.discord.slashCommand('imagine', options);
}

function editModalId(): string {
  const rows = result.components as { components: { label?: string; custom_id?: string }[] }[];
  const edit = rows.flatMap((r) => r.components).find((b) => b.label === 'Edit prompt')!.custom_id!;
  return edit.replace(':reprompt:', ':repromptsubmit:');
}

describe('GIVEN crafted or stale interactions', () => {
  test.each(cases)('%s → an ephemeral answer, nothing sent to fal', async (_name, send, expected) => {
    const falRequests = stack.fal.requests.length;
    const answer = await ephemeralAnswer(stack, send());
    expect(contentOf(answer)).toContain(expected);
    expect((answer.json as { data?: { allowed_mentions?: unknown } }).data?.allowed_mentions).toEqual({
      parse: [],
    });
    expect(stack.fal.requests.length).toBe(falRequests);
  });

  test('the bot is still serving afterwards, and no answer broke a Discord limit', async () => {
    await delivery(stack, imagine(stack, { prompt: 'still alive @everyone <@&123>' }));
    expectNoViolations(stack);
  });
});
