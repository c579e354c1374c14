import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { decodeImage } from '../emulators/fal/index.ts';
import { delivery, expectNoViolations, imagine, type Stack, settled, startStack } from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

interface EditBody {
  content?: string;
  embeds?: { description?: string; fields?: { name: string; value: string }[]; image?: { url: string } }[];
  components?: { components: { label?: string; custom_id?: string }[] }[];
  allowed_mentions?: { parse: string[] };
  attachments?: { id: number; filename: string }[];
}

describe('GIVEN a member in a server WHEN they type /imagine', () => {
  test('THEN the bot commands are registered once at start', () => {
    const names = stack.discord.commands().map((c) => (c as { name: string }).name);
    expect(names).toEqual([
      'imagine',
      'edit',
      'settings',
      'usage',
      'preferences',
      'preset',
      'history',
      'favorites',
      'Edit with Kontext',
    ]);
    expect(stack.discord.commandWrites).toBe(1);
  });

  test('with only a prompt THEN it defers at once, sends the defaults to fal and posts one image with buttons', async () => {
    const sent = imagine(stack, { prompt: 'a red fox in the snow @everyone' });
    const callback = await sent.callback();
    expect((callback.json as { type: number }).type).toBe(5);

    const edit = await delivery(stack, sent);
    const job = stack.fal.jobs.at(-1)!;
    expect(job.input).toEqual({
      prompt: 'a red fox in the snow @everyone',
      guidance_scale: 3.5,
      num_images: 1,
      output_format: 'jpeg',
      safety_tolerance: '2',
      enhance_prompt: false,
      aspect_ratio: '1:1',
    });
    const body = edit.json as EditBody;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(edit.files).toHaveLength(1);
    const picture = decodeImage(edit.files[0]!.data);
    expect(picture.format).toBe('jpeg');
    expect(picture.width).toBe(picture.height);
    const embedText = JSON.stringify(body.embeds);
    expect(embedText).toContain(String(job.seed));
    expect(embedText).toContain('a red fox in the snow');
    const labels = body.components?.[0]?.components.map((b) => b.label);
    expect(labels).toEqual(['Reroll', 'Same seed', 'Edit prompt', 'Edit image', 'Delete']);

    const stored = await settled(stack, body.components![0]!.components[0]!.custom_id!.split(':')[2]!);
    expect(stored).toMatchObject({
      status: 'delivered',
      falRequestId: job.requestId,
      seed: job.seed,
      userId: '300000000000000001',
      messageId: stack.discord.originalMessage(sent.token)?.id,
    });
    expect(stored!.deliveredAt).toBeGreaterThanOrEqual(stored!.completedAt!);
    const ackMs = callback.receivedAt - sent.sentAt;
    const lagMs = edit.receivedAt - job.completedAt!;
    console.info(
      `[measure] ack ${ackMs.toFixed(1)} ms; fal completed → edit received ${lagMs.toFixed(1)} ms`,
    );
  });

  test('with every option THEN each reaches fal and the images match them', async () => {
    const sent = imagine(stack, {
      prompt: 'a lighthouse at dusk',
      aspect_ratio: '16:9',
      count: 3,
      seed: 7,
      guidance: 8.5,
      format: 'png',
      enhance_prompt: true,
    });
    const edit = await delivery(stack, sent);
    expect(stack.fal.jobs.at(-1)!.input).toEqual({
      prompt: 'a lighthouse at dusk',
      seed: 7,
      guidance_scale: 8.5,
      num_images: 3,
      output_format: 'png',
      safety_tolerance: '2',
      enhance_prompt: true,
      aspect_ratio: '16:9',
    });
    expect(edit.files).toHaveLength(3);
    for (const file of edit.files) {
      const picture = decodeImage(file.data);
      expect(picture.format).toBe('png');
      expect(picture.width).toBeGreaterThan(picture.height);
      expect(file.filename).toMatch(/\.png$/);
    }
    expect(JSON.stringify((edit.json as EditBody).embeds)).toContain('`7`');
  });

  test('with an out-of-range option from a crafted interaction THEN it refuses ephemerally and fal hears nothing', async () => {
    const before = stack.fal.requests.length;
    const sent = imagine(stack, { prompt: 'x', count: 9 });
    const callback = await sent.callback();
    const body = callback.json as { type: number; data: { flags: number; content: string } };
    expect(body.type).toBe(4);
    expect(body.data.flags & 64).toBe(64);
    expect(body.data.content).toContain('count');
    expect(stack.fal.requests.length).toBe(before);
  });
});
