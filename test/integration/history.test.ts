// /history and /favorites through the emulators, on both engines: a member makes images, finds them,
// stars two, reruns one from /favorites, edits one from /history; flagged images follow the channel;
// an expired fal URL is replaced by the posted attachment's; another member sees none of it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EmulatedMessage, InteractionContext, SentInteraction } from '../emulators/discord/index.ts';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  OptionType,
  type Stack,
  settled,
  startStack,
} from './harness.ts';

const NSFW_CHANNEL = '200000000000000002';
const STRANGER = { id: '300000000000000005', username: 'someone' };

interface Node {
  type: number;
  content?: string;
  custom_id?: string;
  disabled?: boolean;
  items?: { media: { url: string }; spoiler?: boolean }[];
  components?: Node[];
}

const flat = (nodes: readonly Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.components ?? [])]);
const texts = (m: EmulatedMessage) =>
  flat(m.components as Node[]).flatMap((n) => (n.type === 10 ? [n.content ?? ''] : []));
const galleries = (m: EmulatedMessage) =>
  flat(m.components as Node[]).flatMap((n) => (n.type === 12 ? [n.items ?? []] : []));
const buttonsOf = (m: EmulatedMessage) => flat(m.components as Node[]).filter((n) => n.type === 2);
const buttonId = (m: EmulatedMessage, prefix: string) => {
  const found = buttonsOf(m).find((b) => b.custom_id?.startsWith(prefix));
  if (!found?.custom_id) throw new Error(`no button ${prefix} on ${m.id}`);
  return found.custom_id;
};
/** The prompts of the entries shown, in order (each entry's text starts with its prompt). */
const prompts = (m: EmulatedMessage) =>
  texts(m)
    .slice(1)
    .map((text) => text.split('\n')[0]);

describe.each(['sqlite', 'postgres'] as const)('GIVEN a member with images on %s', (database) => {
  let stack: Stack;
  const made: { prompt: string; id: string; message: EmulatedMessage; seed: number }[] = [];

  const originalEdit = (sent: SentInteraction) =>
    stack.discord.waitForRequest(
      (r) =>
        r.method === 'PATCH' &&
        r.route === `/webhooks/${stack.discord.applicationId}/${sent.token}/messages/@original`,
    );

  async function list(
    name: 'history' | 'favorites',
    ctx: InteractionContext = {},
    everywhere?: boolean,
  ): Promise<EmulatedMessage> {
    const options =
      everywhere === undefined ? [] : [{ name: 'everywhere', type: OptionType.Boolean, value: everywhere }];
    const sent = stack.discord.slashCommand(name, options, ctx);
    const callback = (await sent.callback()).json as { type: number; data?: { flags?: number } };
    expect(callback).toMatchObject({ type: 5, data: { flags: 64 } });
    await originalEdit(sent);
    const message = stack.discord.originalMessage(sent.token)!;
    expect(message.flags & 64).toBe(64);
    return message;
  }

  async function press(message: EmulatedMessage, customId: string): Promise<EmulatedMessage> {
    const sent = stack.discord.button(customId, message);
    await originalEdit(sent);
    return stack.discord.message(message.id)!;
  }

  async function make(prompt: string, ctx: InteractionContext = {}) {
    const sent = imagine(stack, { prompt }, ctx);
    await delivery(stack, sent);
    const message = stack.discord.originalMessage(sent.token)!;
    const id = buttonId(message, 'v1:favorite:').slice('v1:favorite:'.length);
    const generation = await settled(stack, id);
    made.push({ prompt, id, message, seed: generation.seed! });
  }

  beforeAll(async () => {
    stack = await startStack({ database });
    for (const n of [1, 2, 3, 4, 5]) await make(`a paper boat number ${n}`);
  });
  afterAll(() => stack.close());

  test('WHEN they ask for /history THEN their five images are there, newest first, paged both ways', async () => {
    await make('nsfw-test a sixth boat', { channelId: NSFW_CHANNEL });
    const first = await list('history');
    expect(texts(first)[0]).toContain('Your history · this server · page 1');
    expect(prompts(first)).toEqual([6, 5, 4, 3, 2].map((n) => made[n - 1]!.prompt));
    expect(texts(first)[2]).toContain(`\`${made[4]!.seed}\``);
    const stored = await stack.bot.ctx.store.getGeneration(made[4]!.id);
    expect(galleries(first)[0]!.map((item) => item.media.url)).toEqual(stored!.outputUrls);
    // Not an age-restricted channel: the flagged image is left out, and the entry says so.
    expect(galleries(first)).toHaveLength(4);
    expect(texts(first)[1]).toContain('1 image hidden');

    const older = await press(first, buttonId(first, 'v1:history:hs2_'));
    expect(prompts(older)).toEqual([made[0]!.prompt]);
    expect(texts(older)[0]).toContain('page 2');
    expect(buttonsOf(older).find((b) => b.custom_id === 'v1:history:hs')?.disabled).toBeUndefined();
    const back = await press(older, 'v1:history:hs');
    expect(prompts(back)).toEqual(prompts(first));
    made.pop();
    expectNoViolations(stack);
  });

  test('WHEN /history is asked in an age-restricted channel THEN the flagged image is a spoiler item', async () => {
    const shown = await list('history', { channelId: NSFW_CHANNEL });
    const items = galleries(shown)[0]!;
    expect(items).toHaveLength(1);
    expect(items[0]!.spoiler).toBe(true);
    expectNoViolations(stack);
  });

  test('WHEN they star two results THEN /favorites lists exactly those, and Reroll there runs the same prompt', async () => {
    for (const n of [2, 4]) {
      const star = stack.discord.button(`v1:favorite:${made[n - 1]!.id}`, made[n - 1]!.message);
      expect(contentOf(await ephemeralAnswer(stack, star))).toContain('Added to your favourites');
    }
    const favorites = await list('favorites');
    expect(prompts(favorites)).toEqual([made[3]!.prompt, made[1]!.prompt]);

    const jobs = stack.fal.jobs.length;
    const reroll = stack.discord.button(`v1:reroll:${made[1]!.id}`, favorites);
    await delivery(stack, reroll);
    expect(stack.fal.jobs.length).toBe(jobs + 1);
    expect(stack.fal.jobs.at(-1)!.input.prompt).toBe(made[1]!.prompt);
    expect(stack.fal.jobs.at(-1)!.seed).not.toBe(made[1]!.seed);

    // A second press removes it again.
    const unstar = stack.discord.button(`v1:favorite:${made[3]!.id}`, made[3]!.message);
    expect(contentOf(await ephemeralAnswer(stack, unstar))).toContain('Removed from your favourites');
    expect(prompts(await list('favorites'))).toEqual([made[1]!.prompt]);
    expectNoViolations(stack);
  });

  test('WHEN Edit image is pressed on a /history entry THEN the modal opens and fal gets that image', async () => {
    const shown = await list('history', {}, true);
    expect(texts(shown)[0]).toContain('every server and DMs');
    const target = made[2]!;
    const pressed = stack.discord.button(`v1:editimage:${target.id}`, shown);
    expect(((await pressed.callback()).json as { type: number }).type).toBe(9);
    const modal = stack.discord.lastModal(pressed.token) as { custom_id: string };
    const submit = stack.discord.modalSubmit(
      modal.custom_id,
      { prompt: 'add a red sail' },
      { message: shown },
    );
    await delivery(stack, submit);
    const stored = await stack.bot.ctx.store.getGeneration(target.id);
    expect(stack.fal.jobs.at(-1)!.input.image_url).toBe(stored!.outputUrls![0]);
    const posted = stack.discord.originalMessage(submit.token)!;
    const edit = await settled(stack, buttonId(posted, 'v1:favorite:').slice('v1:favorite:'.length));
    expect(edit.source).toMatchObject({ messageId: target.message.id, generationId: target.id });
    expectNoViolations(stack);
  });

  test('WHEN Open is pressed THEN the result comes back ephemerally; a stranger may not open it', async () => {
    const shown = await list('history');
    const target = made[4]!;
    const open = stack.discord.button(`v1:open:${target.id}`, shown);
    await originalEdit(open);
    const opened = stack.discord.originalMessage(open.token)!;
    expect(opened.flags & 64).toBe(64);
    expect(texts(opened)[0]).toContain(target.prompt);
    expect(buttonsOf(opened).some((b) => b.custom_id === `v1:reroll:${target.id}`)).toBe(true);
    const refused = stack.discord.button(`v1:open:${target.id}`, shown, { user: STRANGER });
    expect(contentOf(await ephemeralAnswer(stack, refused))).toContain('Only the member who asked');
    expectNoViolations(stack);
  });

  test("WHEN fal no longer serves the images THEN the posted attachments' URLs are shown instead", async () => {
    // A restart empties the bot's short cache of probe answers, as time would.
    await stack.restartBot();
    await stack.discord.waitForConnection();
    stack.fal.expireFiles();
    const shown = await list('history');
    const urls = galleries(shown).flatMap((items) => items.map((item) => item.media.url));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls)
      expect(url.startsWith(`${stack.discord.apiUrl.replace(/\/api$/, '')}/attachments/`)).toBe(true);
    expect((await fetch(urls[0]!)).status).toBe(200);
    expectNoViolations(stack);
  });

  test('WHEN another member asks for /history THEN none of these are in it', async () => {
    const theirs = await list('history', { user: STRANGER });
    expect(prompts(theirs)).toEqual([]);
    expect(texts(theirs)[0]).toContain('Nothing here yet');
    expectNoViolations(stack);
  });
});
