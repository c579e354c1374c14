// "Edit with Kontext" (the message context-menu command) and the ✏️ Edit image button as members meet
// them: a member's photo, another bot's picture, one of our own results (chained), refusals before
// anything is uploaded or paid for, withheld images, a restart between steps, and someone else's form.
import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type {
  EmulatedMessage,
  InteractionContext,
  RecordedRequest,
  SentInteraction,
} from '../emulators/discord/index.ts';
import {
  contentOf,
  delivery,
  ephemeralAnswer,
  expectNoViolations,
  imagine,
  type Stack,
  settled,
  startStack,
} from './harness.ts';

// The emulator's default server: channel 1 is a normal channel, channel 2 is age-restricted.
const GUILD = '100000000000000001';
const GENERAL = '200000000000000001';
const NSFW = '200000000000000002';
const MEMBER_A = { id: '300000000000000001', username: 'member' };
const MEMBER_B = { id: '300000000000000002', username: 'other' };
const PICTURE_BOT = { id: '300000000000000777', username: 'picturebot', bot: true };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fal: { nsfw: (input) => input.prompt.includes('NSFW') } });
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A real, decodable JPEG of one colour (each colour gives different bytes). */
function photo(r: number, g: number, b: number, width = 64, height = 48): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([r, g, b, 255], i * 4);
  return Buffer.from(jpeg.encode({ data, width, height }, 90).data);
}

function customIdOf(message: EmulatedMessage, label: string): string {
  const rows = message.components as { components: { label?: string; custom_id?: string }[] }[];
  const button = rows.flatMap((row) => row.components).find((b) => b.label === label);
  if (!button?.custom_id) throw new Error(`no ${label} button on message ${message.id}`);
  return button.custom_id;
}

const generationIdOf = (message: EmulatedMessage) => customIdOf(message, 'Reroll').split(':')[2]!;

interface Modal {
  custom_id: string;
  components: {
    type: number;
    component: { type: number; custom_id: string; options?: { value: string; default?: boolean }[] };
  }[];
}

interface Embed {
  title: string;
  fields: { name: string; value: string }[];
  footer: { text: string };
}

async function result(sent: SentInteraction) {
  const posted = await delivery(stack, sent);
  const message = stack.discord.originalMessage(sent.token)!;
  return { posted, message, generation: await settled(stack, generationIdOf(message)) };
}

/** Runs Edit with Kontext on `target` and returns the modal it opened. */
async function contextMenu(target: EmulatedMessage, ctx?: InteractionContext): Promise<Modal> {
  const sent = stack.discord.messageCommand('Edit with Kontext', target, ctx);
  const callback = await sent.callback();
  expect((callback.json as { type: number }).type).toBe(9);
  const modal = stack.discord.lastModal(sent.token) as Modal;
  expect(modal.custom_id).toMatch(/^v1:editmsgsubmit:/);
  expect(modal.components[0]!.component).toMatchObject({ type: 4, custom_id: 'prompt' });
  return modal;
}

/** Presses Edit image on `message` and returns the modal it opened. */
async function editImageModal(message: EmulatedMessage, ctx?: InteractionContext): Promise<Modal> {
  const press = stack.discord.button(customIdOf(message, 'Edit image'), message, ctx);
  expect(((await press.callback()).json as { type: number }).type).toBe(9);
  const modal = stack.discord.lastModal(press.token) as Modal;
  expect(modal.custom_id).toMatch(/^v1:editimagesubmit:/);
  return modal;
}

function sourceField(message: EmulatedMessage): string {
  const embed = message.embeds[0] as Embed;
  expect(embed.title).toBe('Edited image');
  return embed.fields.find((f) => f.name === 'Source')!.value;
}

const link = (channelId: string, messageId: string) =>
  `https://discord.com/channels/${GUILD}/${channelId}/${messageId}`;

async function refusal(sent: SentInteraction): Promise<string> {
  const answer: RecordedRequest = await ephemeralAnswer(stack, sent);
  return contentOf(answer);
}

const submits = () => stack.fal.jobs.length;

describe('GIVEN a member posted a photo WHEN someone uses Edit with Kontext on it', () => {
  test('THEN the modal asks only for the instruction, the photo is uploaded to fal storage and edited, and the result is a new message linking the photo', async () => {
    const bytes = photo(200, 40, 40);
    const posted = stack.discord.postMessage(GENERAL, {
      author: MEMBER_B,
      content: 'my red wall',
      files: [{ filename: 'wall.jpg', contentType: 'image/jpeg', data: bytes }],
    });
    const uploadsBefore = stack.fal.uploads.length;
    const modal = await contextMenu(posted);
    expect(modal.components).toHaveLength(1);

    const submit = stack.discord.modalSubmit(
      modal.custom_id,
      { prompt: 'paint a mural on the wall' },
      { message: posted },
    );
    const edited = await result(submit);
    expect(stack.fal.uploads).toHaveLength(uploadsBefore + 1);
    const upload = stack.fal.uploads.at(-1)!;
    expect(upload.sha256).toBe(sha256(bytes));
    expect(upload.putContentType).toBe('image/jpeg');
    const job = stack.fal.jobs.at(-1)!;
    expect(job.endpoint).toBe('fal-ai/flux-pro/kontext');
    expect(job.input).toMatchObject({
      prompt: 'paint a mural on the wall',
      image_url: upload.fileUrl,
      safety_tolerance: '2',
    });
    expect(job.input.aspect_ratio).toBeUndefined();
    expect(job.inputImages?.map((i) => [i.sha256, i.bytes, i.contentType])).toEqual([
      [sha256(bytes), bytes.length, 'image/jpeg'],
    ]);

    expect(edited.message.id).not.toBe(posted.id);
    const after = stack.discord.message(posted.id)!;
    expect(after.content).toBe('my red wall');
    expect(after.attachments.map((a) => a.filename)).toEqual(['wall.jpg']);
    expect(stack.discord.attachmentData(after.attachments[0]!.id)?.equals(bytes)).toBe(true);
    expect(sourceField(edited.message)).toContain(`(${link(GENERAL, posted.id)})`);
    expect(sourceField(edited.message)).not.toContain('of a chain');
    expect((edited.message.embeds[0] as Embed).footer.text).toBe(
      `FLUX.1 Kontext [pro] · ${edited.generation.id}`,
    );
    expect(edited.generation).toMatchObject({
      action: 'edit',
      model: 'fal-ai/flux-pro/kontext',
      parentId: null,
      chainStep: 1,
      status: 'delivered',
      source: { guildId: GUILD, channelId: GENERAL, messageId: posted.id, generationId: null },
      options: { imageUrls: [upload.fileUrl] },
    });
    expect(edited.posted.files).toHaveLength(1);
  });
});

describe("GIVEN another bot's message with two images and a text file", () => {
  test('THEN the modal offers the two images, and the second one chosen is what fal receives', async () => {
    const first = photo(20, 180, 20);
    const second = photo(20, 20, 200, 48, 64);
    const posted = stack.discord.postMessage(GENERAL, {
      author: PICTURE_BOT,
      content: 'here are your pictures',
      files: [
        { filename: 'green.jpg', contentType: 'image/jpeg', data: first },
        { filename: 'notes.txt', contentType: 'text/plain; charset=utf-8', data: Buffer.from('hello') },
        { filename: 'blue.jpg', contentType: 'image/jpeg', data: second },
      ],
    });
    const modal = await contextMenu(posted);
    expect(modal.components).toHaveLength(2);
    expect(modal.components[1]!.component.custom_id).toBe('image');
    expect(modal.components[1]!.component.options?.map((o) => [o.value, o.default ?? false])).toEqual([
      ['0', true],
      ['1', false],
    ]);

    const uploadsBefore = stack.fal.uploads.length;
    const edited = await result(
      stack.discord.modalSubmit(
        modal.custom_id,
        { prompt: 'make it night', image: ['1'] },
        { message: posted },
      ),
    );
    expect(stack.fal.uploads.slice(uploadsBefore).map((u) => u.sha256)).toEqual([sha256(second)]);
    const job = stack.fal.jobs.at(-1)!;
    expect(job.input.image_url).toBe(stack.fal.uploads.at(-1)!.fileUrl);
    expect(job.inputImages?.map((i) => i.sha256)).toEqual([sha256(second)]);
    expect(sourceField(edited.message)).toContain(`(${link(GENERAL, posted.id)})`);
  });
});

describe('GIVEN one of our own results WHEN Edit with Kontext is used on it', () => {
  test('THEN fal gets the URL it already hosts (nothing uploaded), and a second edit chains as step 2', async () => {
    const original = await result(imagine(stack, { prompt: 'a lighthouse at dusk' }));
    expect(original.message.attachments).toHaveLength(1);
    const uploadsBefore = stack.fal.uploads.length;

    const modal = await contextMenu(original.message);
    expect(modal.components).toHaveLength(1);
    const first = await result(
      stack.discord.modalSubmit(modal.custom_id, { prompt: 'add fog' }, { message: original.message }),
    );
    let job = stack.fal.jobs.at(-1)!;
    expect(job.input.image_url).toBe(original.generation.outputUrls![0]);
    expect(job.inputImages?.map((i) => i.sha256)).toEqual([sha256(original.posted.files[0]!.data)]);
    expect(first.generation).toMatchObject({
      parentId: original.generation.id,
      chainStep: 1,
      source: { messageId: original.message.id, generationId: original.generation.id, imageIndex: 0 },
      options: { imageUrls: [original.generation.outputUrls![0]] },
    });
    expect(sourceField(first.message)).toContain(`(${link(GENERAL, original.message.id)})`);

    const again = await contextMenu(first.message);
    const second = await result(
      stack.discord.modalSubmit(again.custom_id, { prompt: 'add a ship' }, { message: first.message }),
    );
    job = stack.fal.jobs.at(-1)!;
    expect(job.input.image_url).toBe(first.generation.outputUrls![0]);
    expect(job.inputImages?.map((i) => i.sha256)).toEqual([sha256(first.posted.files[0]!.data)]);
    expect(second.generation).toMatchObject({ parentId: first.generation.id, chainStep: 2 });
    const source = sourceField(second.message);
    expect(source).toContain(`(${link(GENERAL, first.message.id)})`);
    expect(source).toContain('edit 2 of a chain');
    expect(stack.fal.uploads).toHaveLength(uploadsBefore);
  });
});

describe('GIVEN a message nothing can be taken from', () => {
  test('WHEN it has no image THEN the member is told so, ephemerally, and nothing is uploaded or submitted', async () => {
    const before = { uploads: stack.fal.uploads.length, jobs: submits() };
    const text = stack.discord.postMessage(GENERAL, {
      author: MEMBER_B,
      content: 'just words',
      files: [{ filename: 'notes.txt', contentType: 'text/plain', data: Buffer.from('no pictures') }],
    });
    const sent = stack.discord.messageCommand('Edit with Kontext', text);
    expect(await refusal(sent)).toContain('no image');
    expect(stack.discord.lastModal(sent.token)).toBeUndefined();
    expect({ uploads: stack.fal.uploads.length, jobs: submits() }).toEqual(before);
  });

  test('WHEN its only image is 20 MB THEN the refusal names the file and its size, and nothing is uploaded or submitted', async () => {
    const before = { uploads: stack.fal.uploads.length, jobs: submits() };
    const big = Buffer.concat([photo(90, 90, 90), Buffer.alloc(20 * 1024 * 1024 - 2000)]);
    const huge = stack.discord.postMessage(GENERAL, {
      author: MEMBER_B,
      files: [{ filename: 'huge.jpg', contentType: 'image/jpeg', data: big }],
    });
    const sent = stack.discord.messageCommand('Edit with Kontext', huge);
    const text = await refusal(sent);
    expect(text).toContain('huge.jpg');
    expect(text).toMatch(/\d+(\.\d)? MB/);
    expect(text).toContain('10.0 MB');
    expect(stack.discord.lastModal(sent.token)).toBeUndefined();
    expect({ uploads: stack.fal.uploads.length, jobs: submits() }).toEqual(before);
  });
});

describe('GIVEN a result whose image fal flagged', () => {
  test('WHEN it was withheld in a normal channel THEN Edit image is refused there, mentioning withheld, and nothing is submitted', async () => {
    const sent = imagine(stack, { prompt: 'NSFW a beach at noon' });
    await stack.discord.waitForRequest(
      (r) =>
        r.method === 'PATCH' &&
        r.route.includes(`/${sent.token}/messages/@original`) &&
        ((r.json as { components?: unknown[] } | undefined)?.components?.length ?? 0) > 0,
    );
    const message = stack.discord.originalMessage(sent.token)!;
    const generation = await settled(stack, generationIdOf(message));
    expect(generation.status).toBe('delivered');
    expect(generation.nsfwFlags).toEqual([true]);
    expect(message.attachments).toEqual([]);

    const before = { uploads: stack.fal.uploads.length, jobs: submits() };
    const press = stack.discord.button(customIdOf(message, 'Edit image'), message);
    expect(await refusal(press)).toContain('withheld');
    expect(stack.discord.lastModal(press.token)).toBeUndefined();
    expect({ uploads: stack.fal.uploads.length, jobs: submits() }).toEqual(before);
  });

  test('WHEN it was made in an age-restricted channel THEN it is spoilered there, and Edit image opens the modal and the edit runs on it', async () => {
    const original = await result(imagine(stack, { prompt: 'NSFW a beach at dusk' }, { channelId: NSFW }));
    expect(original.posted.files.map((f) => f.filename)).toEqual([
      `SPOILER_kontext-${original.generation.id}-1.jpeg`,
    ]);
    const modal = await editImageModal(original.message);
    expect(modal.components).toHaveLength(1);
    const edited = await result(
      stack.discord.modalSubmit(modal.custom_id, { prompt: 'add a sunset' }, { message: original.message }),
    );
    const job = stack.fal.jobs.at(-1)!;
    expect(job.input.image_url).toBe(original.generation.outputUrls![0]);
    expect(job.inputImages?.map((i) => i.sha256)).toEqual([sha256(original.posted.files[0]!.data)]);
    expect(edited.generation).toMatchObject({
      parentId: original.generation.id,
      channelId: NSFW,
      chainStep: 1,
    });
    expect(sourceField(edited.message)).toContain(`(${link(NSFW, original.message.id)})`);
  });
});

describe('GIVEN the bot restarts between steps', () => {
  test('THEN Edit image on an older result, a context-menu form opened before, and Reroll of an older edit all still work', async () => {
    const older = await result(imagine(stack, { prompt: 'a red kite' }));
    const bytes = photo(240, 200, 10);
    const posted = stack.discord.postMessage(GENERAL, {
      author: MEMBER_B,
      files: [{ filename: 'field.jpg', contentType: 'image/jpeg', data: bytes }],
    });
    const photoEdit = await result(
      stack.discord.modalSubmit(
        (await contextMenu(posted)).custom_id,
        { prompt: 'add clouds' },
        { message: posted },
      ),
    );
    const photoUrl = stack.fal.jobs.at(-1)!.input.image_url!;
    const pendingForm = await contextMenu(older.message);

    await stack.restartBot();
    await stack.discord.waitForConnection();
    const uploadsBefore = stack.fal.uploads.length;

    // Edit image on a result made before the restart.
    const modal = await editImageModal(older.message);
    const viaButton = await result(
      stack.discord.modalSubmit(modal.custom_id, { prompt: 'make it blue' }, { message: older.message }),
    );
    expect(stack.fal.jobs.at(-1)!.input.image_url).toBe(older.generation.outputUrls![0]);
    expect(viaButton.generation).toMatchObject({ parentId: older.generation.id, chainStep: 1 });

    // The context-menu form opened before the restart: its pending edit was kept in the database.
    const viaForm = await result(
      stack.discord.modalSubmit(
        pendingForm.custom_id,
        { prompt: 'make it green' },
        { message: older.message },
      ),
    );
    expect(stack.fal.jobs.at(-1)!.input).toMatchObject({
      prompt: 'make it green',
      image_url: older.generation.outputUrls![0],
    });
    expect(viaForm.generation).toMatchObject({ parentId: older.generation.id, chainStep: 1 });

    // Reroll of the photo edit made before the restart: the same uploaded source, not a new upload.
    const reroll = stack.discord.button(customIdOf(photoEdit.message, 'Reroll'), photoEdit.message);
    await delivery(stack, reroll);
    const job = stack.fal.jobs.at(-1)!;
    expect(job.endpoint).toBe('fal-ai/flux-pro/kontext');
    expect(job.input).toMatchObject({ prompt: 'add clouds', image_url: photoUrl });
    expect(job.inputImages?.map((i) => i.sha256)).toEqual([sha256(bytes)]);
    expect(stack.fal.uploads).toHaveLength(uploadsBefore);
  });
});

describe('GIVEN member A opened an Edit with Kontext form', () => {
  test("WHEN member B submits A's form THEN B is told it expired, and nothing is uploaded or submitted", async () => {
    const posted = stack.discord.postMessage(GENERAL, {
      author: MEMBER_A,
      files: [{ filename: 'mine.jpg', contentType: 'image/jpeg', data: photo(10, 120, 120) }],
    });
    const modal = await contextMenu(posted, { user: MEMBER_A });
    const before = { uploads: stack.fal.uploads.length, jobs: submits() };
    const stolen = stack.discord.modalSubmit(
      modal.custom_id,
      { prompt: 'ruin it' },
      { message: posted, user: MEMBER_B },
    );
    expect(await refusal(stolen)).toContain('expired');
    expect({ uploads: stack.fal.uploads.length, jobs: submits() }).toEqual(before);

    // A's own submit still works: the refusal did not consume the form.
    const own = await result(
      stack.discord.modalSubmit(
        modal.custom_id,
        { prompt: 'brighten it' },
        { message: posted, user: MEMBER_A },
      ),
    );
    expect(own.generation.userId).toBe(MEMBER_A.id);
  });
});
