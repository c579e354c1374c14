import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contentOf, delivery, imagine, type Stack, startStack } from './harness.ts';

const HOSTILE = '[free nitro](https://evil.example) **bold** @everyone <@123> # Heading';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fal: { queueMs: 600 }, progressIntervalMs: 100 });
});
afterAll(() => stack.close());

/** What a Discord client would make of the text: masked links, bold, mentions, bare links, headings. */
function formatting(text: string): string[] {
  const found: string[] = [];
  if (/(?<!\\)\[[^\]]*\]\(/.test(text)) found.push('masked link');
  if (/https?:\/\//.test(text)) found.push('link');
  if (/(?<!\\)\*\*bold(?<!\\)\*\*/.test(text)) found.push('bold');
  if (/@everyone|<@\d+>/.test(text)) found.push('mention');
  if (/^#\s/m.test(text)) found.push('heading');
  return found;
}

describe('GIVEN a prompt written as markup', () => {
  test('WHEN it is shown in the progress message and the result embed THEN it renders as plain text', async () => {
    const sent = imagine(stack, { prompt: HOSTILE });
    const progress = await stack.discord.waitForRequest(
      (r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.files.length === 0,
    );
    const shown = contentOf(progress).split('\n')[0]!;
    // The progress line's own bold wrapper is ours; the prompt inside it must not format.
    expect(formatting(shown.replace(/^\*\*|\*\*$/g, ''))).toEqual([]);
    expect(shown).toContain('free nitro');

    const edit = await delivery(stack, sent);
    const embed = (edit.json as { embeds: { description: string }[] }).embeds[0]!;
    expect(formatting(embed.description)).toEqual([]);
    expect(embed.description.replace(/[\\\u200B]/g, '')).toBe(HOSTILE);
  });
});
