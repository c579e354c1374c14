// One member's studio, end to end through both emulators, as issue 14 asks: five images, found in
// /history, two starred, one rerun from /favorites, one edited from /history; a preset that expands and
// the blocklist that still sees it; a user-installed /imagine in a server without the bot; and a German
// member who sees German everywhere, the registered command names included. Each step records what the
// member did, what fal received and what Discord showed; STUDIO_WALKTHROUGH_OUT=<file> writes it.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EmulatedMessage, InteractionContext, SentInteraction } from '../emulators/discord/index.ts';
import {
  delivery,
  expectNoViolations,
  imagine,
  OptionType,
  type Stack,
  settled,
  startStack,
} from './harness.ts';
import { answer, asMember, asModerator, guilds, settings } from './moderationDriver.ts';

const lines: string[] = [];
const say = (line: string) => lines.push(line);

const ELSEWHERE = '100000000000000077';
const ELSEWHERE_CHANNEL = '200000000000000077';

interface Node {
  type: number;
  content?: string;
  label?: string;
  custom_id?: string;
  items?: { media: { url: string }; spoiler?: boolean }[];
  components?: Node[];
  title?: string;
}
const flat = (nodes: readonly Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.components ?? [])]);
const nodes = (m: EmulatedMessage) => flat(m.components as Node[]);
const texts = (m: EmulatedMessage) => nodes(m).flatMap((n) => (n.type === 10 ? [n.content ?? ''] : []));
const labels = (m: EmulatedMessage) => nodes(m).flatMap((n) => (n.type === 2 && n.label ? [n.label] : []));
const idOf = (m: EmulatedMessage) =>
  nodes(m)
    .find((n) => n.custom_id?.startsWith('v1:favorite:'))!
    .custom_id!.slice('v1:favorite:'.length);
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ⏎ ');

describe('GIVEN a community server, a server without the bot, and the bot in both languages', () => {
  let stack: Stack;
  const me = asMember(1, 1);
  const made: { prompt: string; id: string; message: EmulatedMessage }[] = [];

  beforeAll(async () => {
    stack = await startStack({
      discord: {
        guilds: [...guilds(1), { id: ELSEWHERE, botMember: false, channels: [{ id: ELSEWHERE_CHANNEL }] }],
      },
    });
  });
  afterAll(async () => {
    if (process.env.STUDIO_WALKTHROUGH_OUT)
      writeFileSync(process.env.STUDIO_WALKTHROUGH_OUT, `${lines.join('\n')}\n`);
    await stack?.close();
  });

  const falPrompt = () => String(stack.fal.jobs.at(-1)!.input.prompt);

  async function result(did: string, sent: SentInteraction) {
    await delivery(stack, sent);
    const message = stack.discord.originalMessage(sent.token)!;
    const generation = await settled(stack, idOf(message));
    const embed = message.embeds[0] as { title: string; fields: { name: string; value: string }[] };
    say(`- member: ${did}`);
    say(`  fal received: prompt=${JSON.stringify(falPrompt())} seed→${generation.seed}`);
    say(`  bot posted: "${embed.title}" · ${embed.fields.map((f) => `${f.name} ${f.value}`).join(' · ')}`);
    say(`  buttons: ${labels(message).join(' | ')}`);
    return { message, generation };
  }

  async function view(did: string, sent: SentInteraction): Promise<EmulatedMessage> {
    await stack.discord.waitForRequest(
      (r) =>
        r.method === 'PATCH' &&
        r.route === `/webhooks/${stack.discord.applicationId}/${sent.token}/messages/@original`,
    );
    const message = stack.discord.originalMessage(sent.token)!;
    expect(message.flags & 64).toBe(64);
    say(`- member: ${did}`);
    for (const text of texts(message)) say(`  shown (only them): ${oneLine(text)}`);
    say(`  buttons: ${labels(message).join(' | ')}`);
    return message;
  }

  async function told(did: string, sent: SentInteraction): Promise<string> {
    const text = await answer(stack, sent);
    say(`- member: ${did}`);
    say(`  bot answered (only them): ${oneLine(text)}`);
    return text;
  }

  test('WHEN a member makes five images THEN /history, ⭐, /favorites, Reroll and Edit image all work from them', async () => {
    say('## A member makes five images and uses their studio');
    for (const subject of ['a lighthouse', 'a paper boat', 'a red fox', 'a tea house', 'a glass whale']) {
      const prompt = `${subject}, watercolour`;
      const { message, generation } = await result(
        `/imagine prompt:"${prompt}"`,
        imagine(stack, { prompt }, me),
      );
      made.push({ prompt, id: generation.id, message });
    }
    const history = await view('/history', stack.discord.slashCommand('history', [], me));
    expect(
      texts(history)
        .slice(1)
        .map((t) => t.split('\n')[0]),
    ).toEqual(made.map((m) => m.prompt).reverse());

    for (const target of [made[1]!, made[3]!]) {
      const text = await told(
        `⭐ on "${target.prompt}"`,
        stack.discord.button(`v1:favorite:${target.id}`, target.message, me),
      );
      expect(text).toContain('Added to your favourites');
    }
    const favorites = await view('/favorites', stack.discord.slashCommand('favorites', [], me));
    expect(
      texts(favorites)
        .slice(1)
        .map((t) => t.split('\n')[0]),
    ).toEqual([made[3]!.prompt, made[1]!.prompt]);

    const rerun = await result(
      `Reroll on "${made[1]!.prompt}" in /favorites`,
      stack.discord.button(`v1:reroll:${made[1]!.id}`, favorites, me),
    );
    expect(falPrompt()).toBe(made[1]!.prompt);
    expect(rerun.generation.parentId).toBe(made[1]!.id);

    const source = await stack.bot.ctx.store.getGeneration(made[2]!.id);
    const pressed = stack.discord.button(`v1:editimage:${made[2]!.id}`, history, me);
    expect(((await pressed.callback()).json as { type: number }).type).toBe(9);
    const modal = stack.discord.lastModal(pressed.token) as { custom_id: string; title: string };
    say(`- member: Edit image on "${made[2]!.prompt}" in /history → form "${modal.title}"`);
    const edited = await result(
      'submits "give the fox a red scarf"',
      stack.discord.modalSubmit(
        modal.custom_id,
        { prompt: 'give the fox a red scarf' },
        { ...me, message: history },
      ),
    );
    expect(stack.fal.jobs.at(-1)!.input.image_url).toBe(source!.outputUrls![0]);
    say(`  fal fetched: image_url = the stored fal URL of "${made[2]!.prompt}"`);
    expect(edited.generation.source).toMatchObject({
      generationId: made[2]!.id,
      messageId: made[2]!.message.id,
    });
    expectNoViolations(stack);
  });

  test('WHEN a preset expands THEN fal gets the expanded prompt, and the blocklist still refuses it', async () => {
    say('\n## A preset, and the blocklist on the expanded prompt');
    const saved = await told(
      '/preset save name:noir prompt:"film noir still of {prompt}, rain on the window"',
      stack.discord.slashCommand(
        'preset',
        [
          {
            name: 'save',
            type: 1,
            options: [
              { name: 'name', type: OptionType.String, value: 'noir' },
              {
                name: 'prompt',
                type: OptionType.String,
                value: 'film noir still of {prompt}, rain on the window',
              },
            ],
          },
        ],
        me,
      ),
    );
    expect(saved).toContain('noir');
    await result(
      '/imagine prompt:"a detective" preset:noir',
      imagine(stack, { prompt: 'a detective', preset: 'noir' }, me),
    );
    expect(falPrompt()).toBe('film noir still of a detective, rain on the window');

    const added = await told(
      '(moderator) /settings blocklist add term:rain',
      settings(stack, ['blocklist', 'add'], { term: 'rain' }, asModerator(1)),
    );
    expect(added).toContain('rain');
    const jobs = stack.fal.jobs.length;
    const refusal = await told(
      '/imagine prompt:"a detective" preset:noir',
      imagine(stack, { prompt: 'a detective', preset: 'noir' }, me),
    );
    expect(refusal).toContain('does not allow “rain” in prompts');
    expect(stack.fal.jobs.length).toBe(jobs);
    say('  fal received: nothing');
    expectNoViolations(stack);
  });

  test('WHEN the member uses their own install in a server without the bot THEN only the interaction answers', async () => {
    say('\n## A user-installed /imagine in a server the bot is not in');
    const where: InteractionContext = {
      install: 'user',
      guildId: ELSEWHERE,
      channelId: ELSEWHERE_CHANNEL,
      user: me.user,
    };
    const sent = imagine(stack, { prompt: 'a lantern festival' }, where);
    await result('/imagine prompt:"a lantern festival" (app installed to their account)', sent);
    expect(stack.fal.jobs.at(-1)!.input.safety_tolerance).toBe('1');
    const botToken = stack.discord.requests.filter(
      (r) =>
        r.headers.authorization !== undefined &&
        (r.route.includes(ELSEWHERE) || r.route.includes(ELSEWHERE_CHANNEL)),
    );
    expect(botToken).toEqual([]);
    const answered = stack.discord.requests.filter(
      (r) => r.route.includes(sent.token) || r.route.includes(sent.id),
    );
    say(
      `  Discord saw: ${answered.map((r) => `${r.method} ${r.route.replace(sent.token, '<token>')}`).join(', ')}`,
    );
    say(
      `  requests with the bot token about that server or channel: ${botToken.length}; fal safety_tolerance "1"`,
    );
    expectNoViolations(stack);
  });

  test('WHEN a German member uses it THEN commands, results, buttons, forms, lists and refusals are German', async () => {
    say('\n## A German member (Discord client language: Deutsch)');
    const de = asMember(1, 2, { locale: 'de' });
    const names = (
      stack.discord.commands() as { name: string; name_localizations?: Record<string, string> }[]
    ).map((c) => `/${c.name_localizations?.de ?? c.name}`);
    say(`- registered command names in German: ${names.join(', ')}`);
    for (const name of ['/bild', '/bearbeiten', '/verlauf', '/favoriten', '/vorlieben', '/vorlage'])
      expect(names).toContain(name);

    const { message } = await result(
      '/bild beschreibung:"ein Leuchtturm im Nebel"',
      imagine(stack, { prompt: 'ein Leuchtturm im Nebel' }, de),
    );
    const embed = message.embeds[0] as { title: string; fields: { name: string }[] };
    expect(embed.fields.map((f) => f.name)).toContain('Seed');
    expect(labels(message)).toContain('Neu würfeln');
    const id = idOf(message);

    const star = await told('⭐ auf dem Ergebnis', stack.discord.button(`v1:favorite:${id}`, message, de));
    expect(star).toContain('Favoriten');
    const list = await view('/verlauf', stack.discord.slashCommand('history', [], de));
    expect(texts(list)[0]).toContain('Verlauf');
    const opened = await view('„Öffnen“ im Verlauf', stack.discord.button(`v1:open:${id}`, list, de));
    expect(labels(opened)).toEqual(
      expect.arrayContaining(['Neu würfeln', 'Bild bearbeiten', 'Favorit', 'Zur Nachricht']),
    );

    const pressed = stack.discord.button(`v1:editimage:${id}`, message, de);
    await pressed.callback();
    const modal = stack.discord.lastModal(pressed.token) as { title: string };
    say(`- member: „Bild bearbeiten“ → form "${modal.title}"`);
    expect(modal.title).toBe('Mit Kontext bearbeiten');

    const refusal = await told(
      '/bild beschreibung:"rain at night" (enthält den gesperrten Begriff)',
      imagine(stack, { prompt: 'rain at night' }, de),
    );
    expect(refusal).toContain('Dieser Server erlaubt „rain“ nicht in Prompts');
    expectNoViolations(stack);
  });
});
