// /edit: a member's own images, checked before the reply is deferred, downloaded and uploaded to fal
// storage after it, and sent to the Kontext edit endpoints with the host's safety cap, the server's
// rules and the tier's price; what fal received is exactly the bytes the member attached.
import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_HOST_MODERATION } from '../../src/config.ts';
import type { InteractionContext, SentInteraction, SlashOption } from '../emulators/discord/index.ts';
import { decodeImage, type FalJob } from '../emulators/fal/index.ts';
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
import {
  answer,
  asMember,
  asModerator,
  buttonId,
  guildId,
  guilds,
  queryDb,
  reservationSettled,
  settings,
} from './moderationDriver.ts';

const ATTACHMENT = 11;
const EPHEMERAL = 1 << 6;
const MiB = 1024 * 1024;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ discord: { guilds: guilds(8) } });
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real JPEG of one colour; different colours give different bytes. */
function jpegOf(rgb: [number, number, number], width = 48, height = 32): Buffer {
  const pixels = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) pixels.set([...rgb, 255], i * 4);
  return Buffer.from(jpeg.encode({ data: pixels, width, height }, 90).data);
}

interface FileInput {
  filename: string;
  contentType: string;
  data: Buffer;
}

const jpegFile = (filename: string, rgb: [number, number, number]): FileInput => ({
  filename,
  contentType: 'image/jpeg',
  data: jpegOf(rgb),
});

const IMAGE_OPTIONS = ['image', 'image2', 'image3', 'image4'];
const TYPES: Record<string, number> = {
  aspect_ratio: OptionType.String,
  format: OptionType.String,
  count: OptionType.Integer,
  seed: OptionType.Integer,
  guidance: OptionType.Number,
  enhance_prompt: OptionType.Boolean,
};

/** `/edit image:… [image2…image4] prompt:…` with the files picked as attachment options. */
function edit(
  on: Stack,
  prompt: string,
  files: FileInput[],
  ctx: InteractionContext,
  extra: Record<string, string | number | boolean> = {},
): SentInteraction {
  const options: SlashOption[] = files.map((file, i) => ({
    name: IMAGE_OPTIONS[i]!,
    type: ATTACHMENT,
    value: on.discord.ephemeralAttachment(file).id,
  }));
  options.splice(1, 0, { name: 'prompt', type: OptionType.String, value: prompt });
  for (const [name, value] of Object.entries(extra)) {
    options.push({ name, type: TYPES[name] ?? OptionType.String, value });
  }
  return on.discord.slashCommand('edit', options, ctx);
}

interface Embed {
  title: string;
  footer: { text: string };
  fields: { name: string; value: string }[];
}

/** The delivered result of `sent`: the posted files, the message, its stored generation and fal's job. */
async function result(on: Stack, sent: SentInteraction) {
  const posted = await delivery(on, sent);
  const message = on.discord.originalMessage(sent.token)!;
  const embed = message.embeds[0] as Embed;
  const generationId = embed.footer.text.split(' · ').at(-1)!;
  const generation = await settled(on, generationId);
  const job = on.fal.jobs.find((j) => j.requestId === generation.falRequestId);
  if (!job) throw new Error(`no fal job for generation ${generationId}`);
  return { posted, message, embed, generation, job };
}

const sourceOf = (embed: Embed) => embed.fields.find((f) => f.name === 'Source')?.value;

function requestsFor(on: Stack, sent: SentInteraction) {
  return on.discord.requests.filter((r) => r.route.includes(sent.token));
}

describe('GIVEN a member attaching one image to /edit', () => {
  test('THEN the reply is deferred publicly, the bytes go to fal storage and fal edits exactly them', async () => {
    const file = jpegFile('my photo.jpg', [200, 40, 40]);
    const uploadsBefore = stack.fal.uploads.length;
    const sent = edit(stack, 'give the fox a red scarf', [file], asMember(1));
    const callback = await sent.callback();
    expect(callback.json).toMatchObject({ type: 5 });
    expect(((callback.json as { data?: { flags?: number } }).data?.flags ?? 0) & EPHEMERAL).toBe(0);

    const done = await result(stack, sent);
    const uploads = stack.fal.uploads.slice(uploadsBefore);
    expect(uploads).toHaveLength(1);
    const upload = uploads[0]!;
    expect(upload).toMatchObject({
      contentType: 'image/jpeg',
      putContentType: 'image/jpeg',
      storageType: 'fal-cdn-v3',
      sha256: sha256(file.data),
      lifecycle: { expiration_duration_seconds: 7 * 24 * 3600 },
    });
    expect(upload.data?.equals(file.data)).toBe(true);

    const { job } = done;
    expect(job.endpoint).toBe('fal-ai/flux-pro/kontext');
    expect(job.input.image_url).toBe(upload.fileUrl);
    expect(job.input.image_urls).toBeUndefined();
    expect(job.input.aspect_ratio).toBeUndefined();
    expect(job.input.safety_tolerance).toBe('2');
    expect(job.inputImages?.map((i) => [i.sha256, i.bytes])).toEqual([[sha256(file.data), file.data.length]]);

    expect(done.embed.title).toBe('Edited image');
    expect(sourceOf(done.embed)).toBe('images uploaded with /edit');
    expect(done.embed.footer.text).toBe(`FLUX.1 Kontext [pro] · ${done.generation.id}`);
    expect(done.posted.files).toHaveLength(1);
    expect(decodeImage(done.posted.files[0]!.data).width).toBeGreaterThan(0);
    for (const label of ['Reroll', 'Same seed', 'Edit prompt', 'Edit image', 'Delete']) {
      expect(buttonId(done.message, label)).toBeTruthy();
    }

    const stored = await stack.bot.ctx.store.getGeneration(done.generation.id);
    expect(stored).toMatchObject({
      action: 'edit',
      model: 'fal-ai/flux-pro/kontext',
      source: null,
      chainStep: 1,
      status: 'delivered',
    });
    expect(stored?.options).toMatchObject({
      prompt: 'give the fox a red scarf',
      imageUrls: [upload.fileUrl],
    });
    expect(stored?.outputUrls).toHaveLength(1);
  });

  test('WHEN the member gives aspect_ratio 16:9 THEN fal is sent it', async () => {
    const file = jpegFile('wide.jpg', [40, 200, 40]);
    const done = await result(
      stack,
      edit(stack, 'make it wider', [file], asMember(1), { aspect_ratio: '16:9' }),
    );
    expect(done.job.endpoint).toBe('fal-ai/flux-pro/kontext');
    expect(done.job.input.aspect_ratio).toBe('16:9');
    expect(done.job.inputImages?.map((i) => i.sha256)).toEqual([sha256(file.data)]);
    expect(done.generation.options.aspectRatio).toBe('16:9');
  });
});

describe('GIVEN four distinct images on /edit', () => {
  test('THEN one job goes to kontext/multi with the images in the order given', async () => {
    // One of them a PNG the bot itself delivered (as a member would re-upload it), the others JPEGs.
    const made = await delivery(stack, imagine(stack, { prompt: 'a blue kite', format: 'png' }, asMember(2)));
    const png: FileInput = { filename: 'kite.png', contentType: 'image/png', data: made.files[0]!.data };
    const files = [
      jpegFile('one.jpg', [250, 0, 0]),
      png,
      jpegFile('three.jpg', [0, 0, 250]),
      jpegFile('four.jpg', [250, 250, 0]),
    ];
    expect(new Set(files.map((f) => sha256(f.data))).size).toBe(4);
    const uploadsBefore = stack.fal.uploads.length;
    const jobsBefore = stack.fal.jobs.length;

    const done = await result(stack, edit(stack, 'put them all in one picture', files, asMember(2)));
    expect(stack.fal.jobs.length).toBe(jobsBefore + 1);
    const uploads = stack.fal.uploads.slice(uploadsBefore);
    expect(uploads.map((u) => u.sha256).sort()).toEqual(files.map((f) => sha256(f.data)).sort());
    const urlFor = (file: FileInput) => uploads.find((u) => u.sha256 === sha256(file.data))!.fileUrl;

    expect(done.job.endpoint).toBe('fal-ai/flux-pro/kontext/multi');
    expect(done.job.input.image_url).toBeUndefined();
    expect(done.job.input.image_urls).toEqual(files.map(urlFor));
    expect(done.job.inputImages?.map((i) => i.sha256)).toEqual(files.map((f) => sha256(f.data)));
    expect(done.job.inputImages?.[1]?.contentType).toBe('image/png');
    expect(done.job.input.safety_tolerance).toBe('2');
    expect(sourceOf(done.embed)).toBe('images uploaded with /edit · 4 source images');
    expect(done.embed.footer.text).toBe(`FLUX.1 Kontext [pro] multi · ${done.generation.id}`);
    expect(done.generation).toMatchObject({ model: 'fal-ai/flux-pro/kontext/multi' });
    expect(done.generation.options).toMatchObject({ imageUrls: files.map(urlFor) });
  });
});

describe('GIVEN a delivered /edit result WHEN the member presses Reroll and Same seed', () => {
  test.each([
    [1, 'fal-ai/flux-pro/kontext'],
    [2, 'fal-ai/flux-pro/kontext/multi'],
  ])(
    'THEN with %i source image(s) fal gets the same uploaded URLs again, nothing is uploaded again',
    async (count, endpoint) => {
      const files = [jpegFile('a.jpg', [10, 120, 200]), jpegFile('b.jpg', [200, 120, 10])].slice(0, count);
      const ctx = asMember(3);
      const first = await result(stack, edit(stack, `paint it gold ${count}`, files, ctx));
      expect(first.job.endpoint).toBe(endpoint);
      const { options } = first.generation;
      const urls = 'imageUrls' in options ? options.imageUrls : [];
      expect(urls).toHaveLength(count);
      const sent = (job: FalJob) => job.input.image_urls ?? [job.input.image_url];
      expect(sent(first.job)).toEqual(urls);
      const uploads = stack.fal.uploads.length;

      const reroll = await result(
        stack,
        stack.discord.button(buttonId(first.message, 'Reroll'), first.message, ctx),
      );
      expect(reroll.job.endpoint).toBe(endpoint);
      expect(sent(reroll.job)).toEqual(urls);
      expect(reroll.job.seed).not.toBe(first.job.seed);
      expect(reroll.job.inputImages?.map((i) => i.sha256)).toEqual(files.map((f) => sha256(f.data)));
      expect(reroll.embed.title).toBe('Rerolled (image edit)');
      expect(reroll.message.id).not.toBe(first.message.id);

      const same = await result(
        stack,
        stack.discord.button(buttonId(first.message, 'Same seed'), first.message, ctx),
      );
      expect(same.job.endpoint).toBe(endpoint);
      expect(sent(same.job)).toEqual(urls);
      expect(same.job.input.seed).toBe(first.job.seed);
      expect(same.posted.files[0]!.data.equals(first.posted.files[0]!.data)).toBe(true);
      expect(same.embed.title).toBe('Same seed (image edit)');

      expect(stack.fal.uploads.length).toBe(uploads);
      expect(reroll.generation.options).toMatchObject({ imageUrls: urls });
      expect(same.generation.options).toMatchObject({ imageUrls: urls });
    },
  );
});

describe('GIVEN a file /edit cannot take', () => {
  test('WHEN it is over 10 MB or not an image THEN it is refused ephemerally, naming it, before anything is deferred', async () => {
    const uploads = stack.fal.uploads.length;
    const jobs = stack.fal.jobs.length;
    const big = { filename: 'huge.jpg', contentType: 'image/jpeg', data: Buffer.alloc(20 * MiB, 0xff) };
    const text = { filename: 'notes.txt', contentType: 'text/plain', data: Buffer.from('just some notes\n') };

    const tooBig = edit(stack, 'make it smaller', [big], asMember(4));
    const bigAnswer = await ephemeralAnswer(stack, tooBig);
    expect(contentOf(bigAnswer)).toBe('🖼️ `huge.jpg` is 20.0 MB: I can edit images up to 10.0 MB.');
    expect(bigAnswer.route).toBe(`/interactions/${tooBig.id}/${tooBig.token}/callback`);

    const notImage = edit(stack, 'make it an image', [jpegFile('fine.jpg', [1, 2, 3]), text], asMember(4));
    const textAnswer = await ephemeralAnswer(stack, notImage);
    expect(contentOf(textAnswer)).toContain('`notes.txt` is not an image I can edit (text/plain)');
    expect(textAnswer.route).toBe(`/interactions/${notImage.id}/${notImage.token}/callback`);

    for (const sent of [tooBig, notImage]) {
      const callbacks = requestsFor(stack, sent).filter((r) => r.route.endsWith('/callback'));
      expect(callbacks.map((r) => (r.json as { type: number }).type)).toEqual([4]);
      expect(stack.discord.originalMessage(sent.token)?.flags ?? EPHEMERAL).toBe(EPHEMERAL);
    }
    expect(stack.fal.uploads.length).toBe(uploads);
    expect(stack.fal.jobs.length).toBe(jobs);
  });

  test('WHEN a file declared image/png holds text THEN after the download it is refused, the "thinking…" removed, fal hears nothing', async () => {
    const uploads = stack.fal.uploads.length;
    const jobs = stack.fal.jobs.length;
    const fake = {
      filename: 'fake.png',
      contentType: 'image/png',
      data: Buffer.from('not a picture at all\n'.repeat(20)),
    };
    const sent = edit(stack, 'sharpen it', [fake], asMember(4, 2));
    const reply = await ephemeralAnswer(stack, sent);
    expect(contentOf(reply)).toBe('🖼️ That file is not a JPEG, PNG, WebP or GIF image.');

    const mine = requestsFor(stack, sent);
    const original = `/webhooks/${stack.discord.applicationId}/${sent.token}/messages/@original`;
    const deferIndex = mine.findIndex(
      (r) => r.route.endsWith('/callback') && (r.json as { type: number }).type === 5,
    );
    const deleteIndex = mine.findIndex((r) => r.method === 'DELETE' && r.route === original);
    const replyIndex = mine.indexOf(reply);
    expect(deferIndex).toBeGreaterThanOrEqual(0);
    expect(deleteIndex).toBeGreaterThan(deferIndex);
    expect(replyIndex).toBeGreaterThan(deleteIndex);
    expect(mine[deleteIndex]!.status).toBe(204);
    expect(stack.discord.originalMessage(sent.token)).toBeUndefined();

    expect(stack.fal.uploads.length).toBe(uploads);
    expect(stack.fal.jobs.length).toBe(jobs);
    // What was reserved for it is given back.
    const rows = queryDb(
      stack,
      'SELECT status, images FROM quota_reservations WHERE scope = ? AND user_id = ?',
      guildId(4),
      asMember(4, 2).user!.id,
    );
    expect(rows).toEqual([{ status: 'released', images: 0 }]);
  });
});

describe('GIVEN moderators who set the safety level to 5', () => {
  test('THEN /imagine sends 5 and /edit is capped at the host’s EDIT_MAX_SAFETY_LEVEL, 2 by default', async () => {
    expect(await answer(stack, settings(stack, ['safety'], { level: 5 }, asModerator(5)))).toBe(
      '✅ safety_level: 2 (default) → 5',
    );
    const made = await result(stack, imagine(stack, { prompt: 'a lighthouse' }, asMember(5)));
    expect(made.job.input.safety_tolerance).toBe('5');
    const edited = await result(
      stack,
      edit(stack, 'add a storm', [jpegFile('house.jpg', [90, 90, 200])], asMember(5)),
    );
    expect(edited.job.endpoint).toBe('fal-ai/flux-pro/kontext');
    expect(edited.job.input.safety_tolerance).toBe('2');
    expect(edited.generation.safety).toBe('2');
  });

  test('WHEN the host set EDIT_MAX_SAFETY_LEVEL 4 THEN /edit sends 4, /imagine still 5', async () => {
    const host = await startStack({
      discord: { guilds: guilds(1) },
      config: { moderation: { ...DEFAULT_HOST_MODERATION, editMaxSafety: '4' } },
    });
    try {
      await answer(host, settings(host, ['safety'], { level: 5 }, asModerator(1)));
      const made = await result(host, imagine(host, { prompt: 'a lighthouse' }, asMember(1)));
      expect(made.job.input.safety_tolerance).toBe('5');
      const files = [jpegFile('house.jpg', [90, 90, 200]), jpegFile('sea.jpg', [20, 90, 120])];
      const one = await result(host, edit(host, 'add a storm', files.slice(0, 1), asMember(1)));
      expect(one.job.input.safety_tolerance).toBe('4');
      const two = await result(host, edit(host, 'add a storm at sea', files, asMember(1)));
      expect(two.job.endpoint).toBe('fal-ai/flux-pro/kontext/multi');
      expect(two.job.input.safety_tolerance).toBe('4');
      expect(host.discord.violations).toEqual([]);
    } finally {
      await host.close();
    }
  });
});

describe('GIVEN a blocked term', () => {
  test('WHEN a member uses it in the /edit instruction THEN it is refused ephemerally, nothing uploaded or submitted', async () => {
    await answer(stack, settings(stack, ['blocklist', 'add'], { term: 'scarf' }, asModerator(6)));
    const uploads = stack.fal.uploads.length;
    const jobs = stack.fal.jobs.length;
    const sent = edit(stack, 'give the fox a red SCARF', [jpegFile('fox.jpg', [230, 120, 30])], asMember(6));
    const reply = await ephemeralAnswer(stack, sent);
    expect(contentOf(reply)).toContain('does not allow “SCARF”');
    expect(reply.route).toBe(`/interactions/${sent.id}/${sent.token}/callback`);
    expect(stack.fal.uploads.length).toBe(uploads);
    expect(stack.fal.jobs.length).toBe(jobs);
    const refusal = await stack.logs.waitFor(
      (e) => e.msg === 'generation refused by server rules' && e.guildId === guildId(6),
    );
    expect([refusal.rule, refusal.action]).toEqual(['blocklist', 'edit']);
  });
});

describe('GIVEN a host that set EDIT_MODEL=max', () => {
  test('THEN edits go to kontext/max and kontext/max/multi, are priced 0.08 per image, and /usage counts that', async () => {
    const host = await startStack({
      discord: { guilds: guilds(1) },
      config: { moderation: { ...DEFAULT_HOST_MODERATION, editModel: 'max' } },
    });
    try {
      const made = await result(host, imagine(host, { prompt: 'a red bicycle' }, asMember(1)));
      expect(made.job.endpoint).toBe('fal-ai/flux-pro/kontext/text-to-image');
      const files = [jpegFile('bike.jpg', [200, 10, 10]), jpegFile('street.jpg', [60, 60, 60])];

      const one = await result(host, edit(host, 'paint the bicycle green', files.slice(0, 1), asMember(1)));
      expect(one.job.endpoint).toBe('fal-ai/flux-pro/kontext/max');
      expect(one.job.input.image_url).toBe(host.fal.uploads[0]!.fileUrl);
      expect(one.job.inputImages?.map((i) => i.sha256)).toEqual([sha256(files[0]!.data)]);
      expect(one.generation.model).toBe('fal-ai/flux-pro/kontext/max');
      expect(one.embed.footer.text).toBe(`FLUX.1 Kontext [max] · ${one.generation.id}`);

      const two = await result(
        host,
        edit(host, 'put the bicycle on the street', files, asMember(1, 2), { count: 2 }),
      );
      expect(two.job.endpoint).toBe('fal-ai/flux-pro/kontext/max/multi');
      expect(two.job.inputImages?.map((i) => i.sha256)).toEqual(files.map((f) => sha256(f.data)));
      expect(two.posted.files).toHaveLength(2);
      expect(two.generation.model).toBe('fal-ai/flux-pro/kontext/max/multi');

      const price = async (generationId: string) =>
        (await reservationSettled(host, generationId)).unit_price_usd;
      expect(await price(made.generation.id)).toBe(0.04);
      expect(await price(one.generation.id)).toBe(0.08);
      expect(await price(two.generation.id)).toBe(0.08);
      expect(
        queryDb(
          host,
          'SELECT images, status FROM quota_reservations WHERE generation_id = ?',
          two.generation.id,
        ),
      ).toEqual([{ images: 2, status: 'counted' }]);

      // 1 × $0.04 + 1 × $0.08 + 2 × $0.08
      const usage = await answer(host, host.discord.slashCommand('usage', [], asModerator(1)));
      expect(usage).toContain('🏠 This server today\n4 images · estimated $0.28');
      expect(usage).toContain('🏠 This server, last 30 days\n4 images · estimated $0.28');
      expect(host.discord.violations).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
