// One member's afternoon with image editing, end to end through both emulators: a photo edited from the
// Apps menu, the result edited again with its button, rerolled, two images combined with /edit, and the
// refusals a member meets. Each step records what the member did, what fal received and what the bot
// posted; WALKTHROUGH_OUT=<file> also writes that transcript (the closing note quotes it).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { afterAll, expect, test } from 'vitest';
import type { EmulatedMessage, RecordedRequest, SentInteraction } from '../emulators/discord/index.ts';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  type Stack,
  settled,
  startStack,
} from './harness.ts';
import { answer, asMember, asModerator, guilds, settings } from './moderationDriver.ts';

const lines: string[] = [];
let stack: Stack | undefined;
afterAll(async () => {
  if (process.env.WALKTHROUGH_OUT) writeFileSync(process.env.WALKTHROUGH_OUT, `${lines.join('\n')}\n`);
  await stack?.close();
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);
function photo(r: number, g: number, b: number): Buffer {
  const data = Buffer.alloc(96 * 64 * 4);
  for (let i = 0; i < 96 * 64; i++) data.set([r, g, b, 255], i * 4);
  return Buffer.from(jpeg.encode({ data, width: 96, height: 64 }, 90).data);
}
const buttonId = (message: EmulatedMessage, label: string) =>
  (message.components as { components: { label?: string; custom_id?: string }[] }[])
    .flatMap((row) => row.components)
    .find((b) => b.label === label)!.custom_id!;

function falReceived(s: Stack): string {
  const job = s.fal.jobs.at(-1)!;
  const { prompt, image_url, image_urls, ...rest } = job.input as unknown as Record<string, unknown>;
  const sources = (job.inputImages ?? []).map(
    (i) => `${i.contentType} ${i.bytes} B sha256 ${i.sha256.slice(0, 12)}`,
  );
  const urls = image_url ? 'image_url' : image_urls ? `image_urls[${(image_urls as unknown[]).length}]` : '';
  return `fal received: POST /${job.endpoint} prompt=${JSON.stringify(prompt)} ${urls} ${JSON.stringify(rest)}\n    fetched: ${sources.join(' | ') || 'none'}`;
}

function botPosted(request: RecordedRequest, message: EmulatedMessage): string {
  const embed = message.embeds[0] as {
    title: string;
    fields: { name: string; value: string }[];
    footer: { text: string };
  };
  const field = (name: string) => embed.fields.find((f) => f.name === name)?.value;
  const files = request.files.map((f) => `${f.filename} (sha256 ${sha(f.data)})`).join(', ');
  const source = field('Source');
  return `bot posted: new message ${message.id}: "${embed.title}" seed ${field('Seed')} · ${field('Aspect ratio')}${source ? ` · Source: ${source}` : ''} · ${embed.footer.text.split(' · ')[0]}\n    files: ${files}`;
}

async function step(s: Stack, did: string, sent: SentInteraction) {
  const posted = await delivery(s, sent);
  const message = s.discord.originalMessage(sent.token)!;
  lines.push(`- member: ${did}`, `  ${falReceived(s)}`, `  ${botPosted(posted, message)}`);
  return { posted, message, generation: await settled(s, buttonId(message, 'Reroll').split(':')[2]!) };
}

async function refused(s: Stack, did: string, sent: SentInteraction) {
  const text = contentOf(await ephemeralAnswer(s, sent));
  lines.push(`- member: ${did}`, `  bot answered (only them): ${text}`);
  return text;
}

test('GIVEN a member WHEN they edit a photo, chain, reroll, combine and hit the limits THEN each step reaches fal and Discord as shown', async () => {
  const s = await startStack({ discord: { guilds: guilds(1) } });
  stack = s;
  const me = asMember(1, 1);
  const [guild] = guilds(1);
  const channel = guild!.channels![0]!.id;
  const fox = photo(200, 90, 30);

  const photoMessage = s.discord.postMessage(channel, {
    author: { id: me.user!.id, username: me.user!.username! },
    content: 'my fox',
    files: [{ filename: 'fox.jpg', contentType: 'image/jpeg', data: fox }],
  });
  lines.push(
    `- member posts a photo: fox.jpg (${fox.length} B, sha256 ${sha(fox)}) in message ${photoMessage.id}`,
  );

  const menu = s.discord.messageCommand('Edit with Kontext', photoMessage, me);
  await menu.callback();
  const modal = s.discord.lastModal(menu.token) as { custom_id: string; components: { label: string }[] };
  lines.push(
    `- member: Apps → Edit with Kontext on it → a form "${modal.components.map((c) => c.label).join(' / ')}"`,
  );
  const uploadsBefore = s.fal.uploads.length;
  const first = await step(
    s,
    'types "give the fox a red scarf" and submits',
    s.discord.modalSubmit(modal.custom_id, { prompt: 'give the fox a red scarf' }, me),
  );
  const upload = s.fal.uploads.at(-1)!;
  expect(s.fal.uploads.length).toBe(uploadsBefore + 1);
  expect(upload.sha256).toBe(createHash('sha256').update(fox).digest('hex'));
  lines.push(
    `  (the bot uploaded fox.jpg to fal storage first: ${upload.contentType}, lifecycle ${JSON.stringify(upload.lifecycle)}; fal was given that file_url, not Discord's)`,
  );
  expect(s.fal.jobs.at(-1)!.inputImages![0]!.sha256).toBe(upload.sha256);

  const press = s.discord.button(buttonId(first.message, 'Edit image'), first.message, me);
  await press.callback();
  const second = await step(
    s,
    'presses ✏️ Edit image on the result, types "make it night, with snow falling"',
    s.discord.modalSubmit(
      (s.discord.lastModal(press.token) as { custom_id: string }).custom_id,
      { prompt: 'make it night, with snow falling' },
      { ...me, message: first.message },
    ),
  );
  expect(s.fal.jobs.at(-1)!.inputImages![0]!.sha256).toBe(
    createHash('sha256').update(first.posted.files[0]!.data).digest('hex'),
  );
  expect(second.generation.chainStep).toBe(2);

  const reroll = await step(
    s,
    'presses 🎲 Reroll on that edit',
    s.discord.button(buttonId(second.message, 'Reroll'), second.message, me),
  );
  expect(s.fal.jobs.at(-1)!.input.image_url).toBe(s.fal.jobs.at(-2)!.input.image_url);
  expect(reroll.generation.seed).not.toBe(second.generation.seed);

  const foxFile = s.discord.ephemeralAttachment({
    filename: 'fox.jpg',
    contentType: 'image/jpeg',
    data: fox,
  });
  const hat = s.discord.ephemeralAttachment({
    filename: 'hat.jpg',
    contentType: 'image/jpeg',
    data: photo(20, 40, 220),
  });
  const combine = s.discord.slashCommand(
    'edit',
    [
      { name: 'image', type: 11, value: foxFile.id },
      { name: 'prompt', type: 3, value: 'put the blue hat from image 2 on the fox' },
      { name: 'image2', type: 11, value: hat.id },
      { name: 'aspect_ratio', type: 3, value: '16:9' },
    ],
    me,
  );
  await step(
    s,
    '/edit image:fox.jpg image2:hat.jpg prompt:"put the blue hat from image 2 on the fox" aspect_ratio:16:9',
    combine,
  );
  expect(s.fal.jobs.at(-1)!.endpoint).toBe('fal-ai/flux-pro/kontext/multi');

  const huge = s.discord.ephemeralAttachment({
    filename: 'huge.png',
    contentType: 'image/png',
    data: Buffer.alloc(20 * 1024 * 1024),
  });
  const tooLarge = await refused(
    s,
    '/edit image:huge.png (20 MB) prompt:"brighter"',
    s.discord.slashCommand(
      'edit',
      [
        { name: 'image', type: 11, value: huge.id },
        { name: 'prompt', type: 3, value: 'brighter' },
      ],
      me,
    ),
  );
  expect(tooLarge).toContain('20.0 MB');
  const notes = s.discord.ephemeralAttachment({
    filename: 'notes.txt',
    contentType: 'text/plain',
    data: Buffer.from('hello'),
  });
  expect(
    await refused(
      s,
      '/edit image:notes.txt prompt:"brighter"',
      s.discord.slashCommand(
        'edit',
        [
          { name: 'image', type: 11, value: notes.id },
          { name: 'prompt', type: 3, value: 'brighter' },
        ],
        me,
      ),
    ),
  ).toContain('not an image');

  await answer(s, settings(s, ['blocklist', 'add'], { term: 'blood' }, asModerator(1)));
  await answer(s, settings(s, ['safety'], { level: 5 }, asModerator(1)));
  lines.push('- a moderator adds "blood" to the blocklist and sets safety level 5');
  const press2 = s.discord.button(buttonId(second.message, 'Edit image'), second.message, me);
  await press2.callback();
  const blockedModal = (s.discord.lastModal(press2.token) as { custom_id: string }).custom_id;
  const jobs = s.fal.jobs.length;
  expect(
    await refused(
      s,
      'Edit image with "add blood on the snow"',
      s.discord.modalSubmit(
        blockedModal,
        { prompt: 'add blood on the snow' },
        { ...me, message: second.message },
      ),
    ),
  ).toContain('does not allow');
  expect(s.fal.jobs.length).toBe(jobs);
  await step(
    s,
    'Edit image with "add a lantern" (safety 5 in this server)',
    s.discord.modalSubmit(blockedModal, { prompt: 'add a lantern' }, { ...me, message: second.message }),
  );
  expect(s.fal.jobs.at(-1)!.input.safety_tolerance).toBe('2');
  expectNoViolations(s);
});
