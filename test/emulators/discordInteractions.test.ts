import {
  ApplicationCommandType,
  type Client,
  ContextMenuCommandBuilder,
  FileUploadBuilder,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from './discord/index.ts';
import { apiError, useDiscordClient } from './discordClientKit.ts';

// 1×1 and 2×3 PNGs: the emulator reads width/height from the header as Discord does.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const TALL_PNG = Buffer.concat([
  PNG.subarray(0, 16),
  Buffer.from([0, 0, 0, 2, 0, 0, 0, 3]),
  PNG.subarray(24),
]);
const CHANNEL = '200000000000000001';
const MEMBER = { id: '300000000000000007', username: 'photographer' };
const OTHER_BOT = { id: '400000000000000077', username: 'painter-bot', bot: true };
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const bytesOf = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

const kit = useDiscordClient();
let emu: DiscordEmulator;
let client: Client;
beforeAll(() => {
  ({ emu, client } = kit);
});
const { received, takeViolations } = kit;

describe('GIVEN a message context-menu command and an /edit with an attachment option', () => {
  test('WHEN registered THEN a type-3 command with spaces and capitals is accepted, options on it are not', async () => {
    const set = await client.application!.commands.set([
      new ContextMenuCommandBuilder().setName('Edit with Kontext').setType(ApplicationCommandType.Message),
      new SlashCommandBuilder()
        .setName('edit')
        .setDescription('Edit an image')
        .addAttachmentOption((o) => o.setName('image').setDescription('The image').setRequired(true))
        .addStringOption((o) => o.setName('prompt').setDescription('What to change').setRequired(true)),
    ]);
    expect(set.map((c) => [c.name, c.type])).toEqual([
      ['Edit with Kontext', ApplicationCommandType.Message],
      ['edit', ApplicationCommandType.ChatInput],
    ]);
    expect(emu.commands()).toContainEqual(expect.objectContaining({ name: 'Edit with Kontext', type: 3 }));

    const withOptions = await apiError(
      client.rest.put(Routes.applicationCommands(emu.applicationId), {
        body: [{ name: 'Edit with Kontext', type: 3, options: [{ name: 'a', description: 'a', type: 3 }] }],
      }),
    );
    expect(withOptions.code).toBe(50035);
    const described = await apiError(
      client.rest.put(Routes.applicationCommands(emu.applicationId), {
        body: [{ name: 'Edit with Kontext', type: 3, description: 'not allowed' }],
      }),
    );
    expect(described.code).toBe(50035);
    expect(takeViolations()).toEqual([
      expect.stringContaining('0.options'),
      expect.stringContaining('0.description'),
    ]);
    expect(emu.commands()).toHaveLength(2);
  });

  test("WHEN a member runs it on another bot's picture THEN targetMessage carries the attachments on the CDN", async () => {
    const posted = emu.postMessage(CHANNEL, {
      author: OTHER_BOT,
      content: 'a fox',
      files: [
        { filename: 'fox.png', contentType: 'image/png', data: TALL_PNG },
        { filename: 'my fox 2.png', contentType: 'image/png', data: PNG },
      ],
    });
    const sent = emu.messageCommand('Edit with Kontext', posted, { user: MEMBER });
    const interaction = await received(sent);
    if (!interaction.isMessageContextMenuCommand()) throw new Error('expected a message command');
    expect(interaction.commandName).toBe('Edit with Kontext');
    expect(interaction.commandId).toBe(
      (emu.commands().find((c) => (c as { type: number }).type === 3) as { id: string }).id,
    );
    expect(interaction.targetId).toBe(posted.id);
    expect(interaction.channelId).toBe(CHANNEL);
    expect(interaction.user.id).toBe(MEMBER.id);
    expect(interaction.appPermissions.has('AttachFiles')).toBe(true);
    expect(interaction.attachmentSizeLimit).toBeGreaterThan(0);
    const target = interaction.targetMessage;
    expect(target.author.bot).toBe(true);
    expect(target.content).toBe('a fox');
    const [first, second] = [...target.attachments.values()];
    expect(first).toMatchObject({ name: 'fox.png', contentType: 'image/png', width: 2, height: 3 });
    expect(second).toMatchObject({ name: 'my_fox_2.png', size: PNG.length, width: 1, height: 1 });
    const url = new URL(first!.url);
    expect([...url.searchParams.keys()]).toEqual(['ex', 'is', 'hm']);
    expect((await bytesOf(first!.url)).equals(TALL_PNG)).toBe(true);
    expect((await bytesOf(second!.proxyURL)).equals(PNG)).toBe(true);

    await interaction.reply({ content: 'which image?', flags: MessageFlags.Ephemeral });
    expect((await sent.callback()).json).toMatchObject({ type: 4 });
    expect(emu.originalMessage(sent.token)?.interaction_metadata).toMatchObject({
      type: 2,
      target_message_id: posted.id,
    });
    expect(takeViolations()).toEqual([]);
  });

  test('WHEN /edit carries an attachment THEN getAttachment downloads the same bytes until the URLs expire', async () => {
    const picked = emu.ephemeralAttachment({
      filename: 'holiday.png',
      contentType: 'image/png',
      data: TALL_PNG,
    });
    const sent = emu.slashCommand('edit', [
      { name: 'image', type: 11, value: picked.id },
      { name: 'prompt', type: 3, value: 'give the fox a red scarf' },
    ]);
    const interaction = await received(sent);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    const image = interaction.options.getAttachment('image', true);
    expect(image).toMatchObject({
      id: picked.id,
      name: 'holiday.png',
      contentType: 'image/png',
      size: TALL_PNG.length,
      width: 2,
      height: 3,
      ephemeral: true,
    });
    expect(image.url).toContain(`/ephemeral-attachments/${emu.applicationId}/${picked.id}/`);
    const download = await fetch(image.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(TALL_PNG)).toBe(true);
    const unsigned = image.url.slice(0, image.url.indexOf('?'));
    expect((await fetch(unsigned)).status).toBe(404);
    await interaction.deferReply();

    emu.expireAttachmentUrls();
    const expired = await fetch(image.url);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe('This content is no longer available.');
    expect(emu.attachmentData(picked.id)?.equals(TALL_PNG)).toBe(true);
    expect(() => emu.slashCommand('edit', [{ name: 'image', type: 11, value: '1' }])).toThrow(
      /no ephemeral attachment/,
    );
    expect(takeViolations()).toEqual([]);
  });

  test('WHEN the bot shows a modal with a text input, a select and a file upload THEN the submit fills each', async () => {
    const posted = emu.postMessage(CHANNEL, {
      author: MEMBER,
      files: [{ filename: 'cat.png', contentType: 'image/png', data: PNG }],
    });
    const sent = emu.messageCommand('Edit with Kontext', posted, { user: MEMBER });
    const command = await received(sent);
    if (!command.isMessageContextMenuCommand()) throw new Error('expected a message command');
    await command.showModal(
      new ModalBuilder()
        .setCustomId('v1:edit-modal')
        .setTitle('Edit with Kontext')
        .addLabelComponents(
          new LabelBuilder()
            .setLabel('What to change')
            .setTextInputComponent(
              new TextInputBuilder()
                .setCustomId('prompt')
                .setStyle(TextInputStyle.Paragraph)
                .setMaxLength(1000),
            ),
          new LabelBuilder()
            .setLabel('Which image')
            .setStringSelectMenuComponent(
              new StringSelectMenuBuilder()
                .setCustomId('which')
                .setRequired(false)
                .addOptions({ label: 'Image 1', value: '1' }, { label: 'Image 2', value: '2' }),
            ),
          new LabelBuilder()
            .setLabel('Or another picture')
            .setFileUploadComponent(new FileUploadBuilder().setCustomId('upload').setRequired(false)),
        ),
    );
    expect((await sent.callback()).status).toBe(204);
    expect(takeViolations()).toEqual([]);

    const extra = emu.ephemeralAttachment({ filename: 'extra.png', contentType: 'image/png', data: PNG });
    const submit = emu.modalSubmit('v1:edit-modal', {
      prompt: 'make it night',
      which: ['2'],
      upload: [extra.id],
    });
    const modal = await received(submit);
    if (!modal.isModalSubmit()) throw new Error('expected a modal submit');
    expect(modal.fields.getTextInputValue('prompt')).toBe('make it night');
    expect(modal.fields.getStringSelectValues('which')).toEqual(['2']);
    const uploaded = modal.fields.getUploadedFiles('upload', true);
    expect(uploaded.first()?.id).toBe(extra.id);
    expect((await bytesOf(uploaded.first()!.url)).equals(PNG)).toBe(true);
    expect(() => emu.modalSubmit('v1:edit-modal', { which: 'not a list' })).toThrow(/list of values/);
    await modal.deferReply();
    expect(takeViolations()).toEqual([]);
  });

  test('WHEN a modal breaks Discord limits THEN the callback is refused (50035) with a violation', async () => {
    const sent = emu.slashCommand('edit');
    const command = await received(sent);
    const label = (i: number) => ({
      type: 18,
      label: `Field ${i}`,
      component: { type: 4, custom_id: `f${i}`, style: 1 },
    });
    const tooMany = {
      type: 9,
      data: { custom_id: 'm', title: 'Too many', components: [1, 2, 3, 4, 5, 6].map(label) },
    };
    const error = await apiError(
      client.rest.post(Routes.interactionCallback(command.id, sent.token), { body: tooMany, auth: false }),
    );
    expect(error.code).toBe(50035);
    expect(takeViolations()).toEqual([expect.stringContaining('data.components')]);

    const badSelect = {
      type: 9,
      data: {
        custom_id: 'x'.repeat(101),
        title: 'Bad',
        components: [{ type: 18, label: 'Pick', component: { type: 3, custom_id: 's', options: [] } }],
      },
    };
    const second = await apiError(
      client.rest.post(Routes.interactionCallback(command.id, sent.token), { body: badSelect, auth: false }),
    );
    expect(second.code).toBe(50035);
    const lines = takeViolations().join('\n');
    expect(lines).toContain('data.custom_id');
    expect(lines).toContain('data.components.0.component.options');
  });
});

describe('GIVEN a CDN that refuses bot-like clients', () => {
  test('THEN a download without a browser User-Agent gets 403 and one with it the bytes', async () => {
    const picky = await startDiscordEmulator({ cdn: { refuseBotUserAgents: true } });
    try {
      const posted = picky.postMessage(CHANNEL, {
        author: MEMBER,
        files: [{ filename: 'p.png', contentType: 'image/png', data: PNG }],
      });
      const url = posted.attachments[0]!.url;
      expect((await fetch(url)).status).toBe(403);
      expect((await fetch(url, { headers: { 'user-agent': 'DiscordBot (https://x, 1.0)' } })).status).toBe(
        403,
      );
      const ok = await fetch(url, { headers: { 'user-agent': BROWSER } });
      expect(ok.status).toBe(200);
      expect(Buffer.from(await ok.arrayBuffer()).equals(PNG)).toBe(true);
      expect(picky.violations).toEqual([]);
    } finally {
      await picky.close();
    }
  });
});
