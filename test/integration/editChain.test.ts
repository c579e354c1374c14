// An edit of one of our results, chained three times through the ✏️ Edit image button: what fal
// received each time is exactly the previous result's bytes, and each result shows where it came from.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EmulatedMessage, SentInteraction } from '../emulators/discord/index.ts';
import { decodeImage } from '../emulators/fal/index.ts';
import { delivery, expectNoViolations, imagine, type Stack, settled, startStack } from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
afterEach(() => expectNoViolations(stack));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function customIdOf(message: EmulatedMessage, label: string): string {
  const rows = message.components as { components: { label?: string; custom_id?: string }[] }[];
  const button = rows.flatMap((row) => row.components).find((b) => b.label === label);
  if (!button?.custom_id) throw new Error(`no ${label} button on message ${message.id}`);
  return button.custom_id;
}

interface Modal {
  custom_id: string;
  title: string;
  components: {
    type: number;
    label: string;
    component: { type: number; custom_id: string; options?: { value: string; default?: boolean }[] };
  }[];
}

async function result(sent: SentInteraction) {
  const posted = await delivery(stack, sent);
  const message = stack.discord.originalMessage(sent.token)!;
  const generationId = (message.embeds[0] as { footer: { text: string } }).footer.text.split(' · ').at(-1)!;
  return { posted, message, generation: await settled(stack, generationId) };
}

/** Presses Edit image on `message`, checks the modal, and submits the instruction (and image choice). */
async function editImage(message: EmulatedMessage, instruction: string, image?: string) {
  const press = stack.discord.button(customIdOf(message, 'Edit image'), message);
  expect(((await press.callback()).json as { type: number }).type).toBe(9);
  const modal = stack.discord.lastModal(press.token) as Modal;
  expect(modal.components[0]!.component).toMatchObject({ type: 4, custom_id: 'prompt' });
  const fields: Record<string, string | string[]> = { prompt: instruction };
  if (image !== undefined) fields.image = [image];
  return { modal, submit: stack.discord.modalSubmit(modal.custom_id, fields, { message }) };
}

describe('GIVEN a delivered result WHEN a member presses ✏️ Edit image', () => {
  test('THEN a chain of three edits sends fal each previous result, and every result links its source', async () => {
    const first = await result(imagine(stack, { prompt: 'a fox in the snow', count: 2 }));
    const { modal, submit } = await editImage(first.message, 'give the fox a red scarf', '1');
    // Two images: the instruction first, then which image (the first by default).
    expect(modal.components).toHaveLength(2);
    expect(modal.components[1]!.component.options?.map((o) => [o.value, o.default ?? false])).toEqual([
      ['0', true],
      ['1', false],
    ]);

    let previous = { ...first, bytes: first.posted.files[1]!.data };
    for (const step of [1, 2, 3]) {
      const sent = step === 1 ? submit : (await editImage(previous.message, `edit number ${step}`)).submit;
      const edited = await result(sent);
      const job = stack.fal.jobs.at(-1)!;
      expect(job.endpoint).toBe('fal-ai/flux-pro/kontext');
      expect(job.input.image_url).toBe(previous.generation.outputUrls![step === 1 ? 1 : 0]);
      expect(job.input.safety_tolerance).toBe('2');
      expect(job.input.aspect_ratio).toBeUndefined();
      expect(job.inputImages?.map((i) => i.sha256)).toEqual([sha256(previous.bytes)]);
      // A new message, answering the modal's interaction; the source keeps its images.
      expect(edited.message.id).not.toBe(previous.message.id);
      expect(stack.discord.message(previous.message.id)?.attachments.length).toBeGreaterThan(0);
      const embed = edited.message.embeds[0] as { title: string; fields: { name: string; value: string }[] };
      expect(embed.title).toBe('Edited image');
      const source = embed.fields.find((f) => f.name === 'Source')!.value;
      expect(source).toMatch(
        new RegExp(
          `\\(https://discord\\.com/channels/\\d+/${previous.message.channel_id}/${previous.message.id}\\)`,
        ),
      );
      if (step > 1) expect(source).toContain(`edit ${step} of a chain`);
      expect(edited.generation).toMatchObject({
        action: 'edit',
        chainStep: step,
        parentId: previous.generation.id,
      });
      expect(decodeImage(edited.posted.files[0]!.data).width).toBeGreaterThan(0);
      previous = { ...edited, bytes: edited.posted.files[0]!.data };
    }
  });

  test('WHEN fal no longer serves the result THEN the posted copy is uploaded to fal storage and edited instead', async () => {
    const first = await result(imagine(stack, { prompt: 'a lighthouse at dusk' }));
    stack.fal.expireFiles();
    const uploads = stack.fal.uploads.length;
    const edited = await result((await editImage(first.message, 'add a full moon')).submit);
    const job = stack.fal.jobs.at(-1)!;
    expect(stack.fal.uploads.length).toBe(uploads + 1);
    const upload = stack.fal.uploads.at(-1)!;
    expect(upload.fileName).toBe(first.posted.files[0]!.filename);
    expect(job.input.image_url).toBe(upload.fileUrl);
    expect(job.inputImages?.map((i) => i.sha256)).toEqual([sha256(first.posted.files[0]!.data)]);
    expect(edited.generation.options).toMatchObject({ imageUrls: [upload.fileUrl] });
    expect(edited.generation.status).toBe('delivered');
  });
});
