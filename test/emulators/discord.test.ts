import { inflateSync } from 'node:zlib';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  type Client,
  Events,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import type { DiscordEmulator } from './discord/index.ts';
import { apiError, useDiscordClient } from './discordClientKit.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const GUILD = '100000000000000001';
const CHANNEL = '200000000000000001';

const button = (customId: string, label = 'Again') =>
  new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(customId).setLabel(label).setStyle(ButtonStyle.Primary),
  );

const kit = useDiscordClient();
let emu: DiscordEmulator;
let client: Client;
beforeAll(() => {
  ({ emu, client } = kit);
});
const { received, takeViolations } = kit;

describe('discord emulator with a real discord.js client', () => {
  test('READY and GUILD_CREATE populate the client cache', () => {
    expect(client.user?.id).toBe(emu.botUserId);
    expect(client.application?.id).toBe(emu.applicationId);
    const guild = client.guilds.cache.get(GUILD);
    expect(guild?.available).toBe(true);
    const nsfw = guild?.channels.cache.get('200000000000000002');
    expect(nsfw?.type).toBe(ChannelType.GuildText);
    expect(nsfw && 'nsfw' in nsfw && nsfw.nsfw).toBe(true);
    expect(guild?.members.me?.id).toBe(emu.botUserId);
  });

  test('registers and fetches commands', async () => {
    const set = await client.application!.commands.set([
      {
        name: 'imagine',
        description: 'Draw a picture',
        options: [
          { name: 'prompt', description: 'What to draw', type: 3, required: true },
          { name: 'seed', description: 'Seed', type: 4 },
        ],
      },
    ]);
    expect(set.first()?.name).toBe('imagine');
    expect(emu.commands()).toHaveLength(1);
    expect(emu.commandWrites).toBe(1);
    const fetched = await client.application!.commands.fetch();
    expect(fetched.first()?.id).toBe(set.first()?.id);
    const bad = await apiError(
      client.application!.commands.set([
        { name: 'Bad Name', description: 'x', options: [{ name: 'a', description: 'a', type: 3 }] },
      ]),
    );
    expect(bad.code).toBe(50035);
    expect(takeViolations()).toEqual([expect.stringContaining('0.name')]);
    expect(emu.commandWrites).toBe(1);
  });

  test('slash command: deferReply then editReply with a file and a button', async () => {
    const sent = emu.slashCommand('imagine', [{ name: 'prompt', type: 3, value: 'a cat' }]);
    const interaction = await received(sent);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.options.getString('prompt')).toBe('a cat');
    expect(interaction.commandId).toBe(emu.commands()[0] && (emu.commands()[0] as { id: string }).id);
    expect(interaction.guildId).toBe(GUILD);
    expect(interaction.channelId).toBe(CHANNEL);
    await interaction.deferReply();
    expect(emu.originalMessage(sent.token)?.flags).toBe(MessageFlags.Loading);
    const reply = await interaction.editReply({
      content: 'here it is',
      files: [{ attachment: PNG, name: 'a.png' }],
      components: [button('again')],
    });

    const callback = await sent.callback();
    expect(callback.json).toEqual({ type: 5, data: { flags: 0 } });
    expect(callback.status).toBe(204);
    const patch = await emu.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token));
    expect(patch.route).toBe(`/webhooks/${emu.applicationId}/${sent.token}/messages/@original`);
    expect(patch.files[0]?.data.equals(PNG)).toBe(true);
    expect(patch.files[0]?.contentType).toBe('image/png');
    expect((patch.json as { content: string }).content).toBe('here it is');

    const original = emu.originalMessage(sent.token);
    expect(original?.flags).toBe(0);
    expect(original?.type).toBe(20);
    expect(original?.attachments[0]).toMatchObject({
      filename: 'a.png',
      size: PNG.length,
      width: 1,
      height: 1,
    });
    const download = await fetch(original!.attachments[0]!.url);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    expect(emu.channelMessages(CHANNEL).map((m) => m.id)).toContain(original?.id);

    expect(reply.id).toBe(original?.id);
    expect(reply.attachments.first()?.name).toBe('a.png');
    expect(reply.components).toHaveLength(1);
    expect(reply.interactionMetadata?.user.id).toBe('300000000000000001');
  });

  test('button opens a modal; the submit carries the field and updates the message', async () => {
    const first = emu.slashCommand('imagine', [{ name: 'prompt', type: 3, value: 'x' }]);
    const command = await received(first);
    if (!command.isChatInputCommand()) throw new Error('expected a command');
    await command.reply({ content: 'picture', components: [button('edit')] });
    const message = emu.originalMessage(first.token)!;

    const press = emu.button('edit', message);
    const clicked = await received(press);
    if (!clicked.isButton()) throw new Error('expected a button');
    expect(clicked.customId).toBe('edit');
    expect(clicked.message.id).toBe(message.id);
    const input = new TextInputBuilder().setCustomId('prompt').setStyle(TextInputStyle.Paragraph);
    await clicked.showModal(
      new ModalBuilder()
        .setCustomId('edit-modal')
        .setTitle('Edit')
        .addTextDisplayComponents((text) => text.setContent('Change the prompt'))
        .addLabelComponents(new LabelBuilder().setLabel('Prompt').setTextInputComponent(input)),
    );
    expect(emu.lastModal(press.token)).toMatchObject({ custom_id: 'edit-modal', title: 'Edit' });
    expect(() => emu.modalSubmit('edit-modal', { nope: 'x' })).toThrow(/no text input/);

    const submit = emu.modalSubmit('edit-modal', { prompt: 'a dog' }, { message });
    const modal = await received(submit);
    if (!modal.isModalSubmit()) throw new Error('expected a modal submit');
    expect(modal.fields.getTextInputValue('prompt')).toBe('a dog');
    if (!modal.isFromMessage()) throw new Error('expected a modal submitted from a message');
    await modal.update({ content: 'a dog, edited', components: [] });
    expect(emu.message(message.id)).toMatchObject({ content: 'a dog, edited', components: [] });
    expect(emu.message(message.id)?.edited_timestamp).toEqual(expect.any(String));
  });

  test('legacy action-row modal from a slash command; deferUpdate on a button', async () => {
    const first = emu.slashCommand('imagine');
    const command = await received(first);
    if (!command.isChatInputCommand()) throw new Error('expected a command');
    const input = new TextInputBuilder().setCustomId('seed').setLabel('Seed').setStyle(TextInputStyle.Short);
    await command.showModal(
      new ModalBuilder()
        .setCustomId('seed-modal')
        .setTitle('Seed')
        .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
    );
    const submit = emu.modalSubmit('seed-modal', { seed: '42' });
    const modal = await received(submit);
    if (!modal.isModalSubmit()) throw new Error('expected a modal submit');
    expect(modal.fields.getTextInputValue('seed')).toBe('42');
    await modal.reply({ content: 'seeded', components: [button('reroll')] });

    const press = emu.button('reroll', emu.originalMessage(submit.token)!);
    const clicked = await received(press);
    if (!clicked.isButton()) throw new Error('expected a button');
    await clicked.deferUpdate();
    expect(emu.originalMessage(press.token)?.id).toBe(emu.originalMessage(submit.token)?.id);
    await clicked.editReply({ content: 'rerolled', components: [] });
    expect(emu.originalMessage(submit.token)?.content).toBe('rerolled');
    expect(emu.violations).toEqual([]);
  });

  test('ephemeral reply, follow-ups and deleteReply', async () => {
    const sent = emu.slashCommand('imagine', [{ name: 'prompt', type: 3, value: 'secret' }]);
    const interaction = await received(sent);
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    const response = await interaction.deferReply({ flags: MessageFlags.Ephemeral, withResponse: true });
    expect(response.resource?.message?.flags.has(MessageFlags.Ephemeral)).toBe(true);
    const first = await interaction.followUp({ content: 'replaces the thinking message' });
    expect(first.id).toBe(emu.originalMessage(sent.token)?.id);
    expect(first.flags.has(MessageFlags.Ephemeral)).toBe(true);
    const second = await interaction.followUp({ content: 'another' });
    expect(second.id).not.toBe(first.id);
    expect(emu.message(second.id)?.flags).toBe(0);
    await interaction.deleteReply();
    expect(emu.originalMessage(sent.token)).toBeUndefined();
    const gone = await apiError(interaction.editReply({ content: 'edit a deleted reply' }));
    expect(gone.code).toBe(10008);
  });

  test('a second callback is refused with 40060', async () => {
    const sent = emu.slashCommand('imagine');
    const interaction = await received(sent);
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    await interaction.reply({ content: 'once', flags: MessageFlags.Ephemeral });
    expect(emu.originalMessage(sent.token)?.flags).toBe(MessageFlags.Ephemeral);
    interaction.replied = false;
    const error = await apiError(interaction.reply({ content: 'twice' }));
    expect(error.code).toBe(40060);
    expect(takeViolations()).toEqual([expect.stringContaining('40060')]);
  });

  test('limit violations answer 50035 and are recorded', async () => {
    const sent = emu.slashCommand('imagine');
    const interaction = await received(sent);
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    const error = await apiError(interaction.reply({ content: 'x'.repeat(2001) }));
    expect(error.code).toBe(50035);
    expect(error.status).toBe(400);
    expect(takeViolations()).toEqual([expect.stringMatching(/callback: content: Must be 2000 or fewer/)]);
    await interaction.reply({ content: 'x'.repeat(2000) });
    expect(emu.violations).toEqual([]);
  });

  test('uploads over the interaction limit answer 413 (40005)', async () => {
    const sent = emu.slashCommand('imagine', [], { attachmentSizeLimit: 1000 });
    const interaction = await received(sent);
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    expect(interaction.attachmentSizeLimit).toBe(1000);
    await interaction.deferReply();
    const files = [{ attachment: Buffer.alloc(1001), name: 'big.bin' }];
    const error = await apiError(interaction.editReply({ files }));
    expect([error.status, error.code]).toEqual([413, 40005]);
    expect(takeViolations()).toHaveLength(1);
  });

  test('expired tokens answer 401 (50027)', async () => {
    const sent = emu.slashCommand('imagine');
    const interaction = await received(sent);
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    await interaction.deferReply();
    emu.expireToken(sent.token);
    const error = await apiError(interaction.editReply({ content: 'too late' }));
    expect([error.status, error.code]).toEqual([401, 50027]);
    expect(emu.violations).toEqual([]);
  });

  test('DM interaction, then a late result through the DM channel', async () => {
    const sent = emu.slashCommand('imagine', [], { guildId: null, user: { id: '300000000000000042' } });
    const interaction = await received(sent);
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    expect(interaction.guildId).toBeNull();
    expect(interaction.inGuild()).toBe(false);
    expect(interaction.member).toBeNull();
    expect(interaction.user.id).toBe('300000000000000042');
    await interaction.reply({ content: 'in a DM' });
    const original = emu.originalMessage(sent.token);
    expect(original?.guild_id).toBeUndefined();

    const user = await client.users.fetch('300000000000000042');
    const dm = await user.send({ content: 'late', files: [{ attachment: PNG, name: 'late.png' }] });
    expect(dm.channelId).toBe(original?.channel_id);
    expect(emu.channelMessages(dm.channelId).map((m) => m.content)).toEqual(['in a DM', 'late']);
  });

  test('channel messages: send, edit, fetch, delete', async () => {
    const channel = await client.channels.fetch(CHANNEL);
    if (!channel?.isSendable()) throw new Error('expected a sendable channel');
    const message = await channel.send({ content: 'hello', files: [{ attachment: PNG, name: 'x.png' }] });
    const edited = await message.edit({ content: 'hello again', attachments: [] });
    expect(edited.attachments.size).toBe(0);
    expect(emu.message(message.id)?.content).toBe('hello again');
    await message.delete();
    expect(emu.message(message.id)).toBeUndefined();
    const error = await apiError(channel.messages.fetch({ message: message.id, force: true }));
    expect(error.code).toBe(10008);
  });

  test('failNext injects a 429 that discord.js retries', async () => {
    emu.failNext((method, route) => method === 'POST' && route === `/channels/${CHANNEL}/messages`, {
      status: 429,
      headers: { 'retry-after': '0', 'x-ratelimit-scope': 'user' },
    });
    const before = emu.requests.length;
    const channel = await client.channels.fetch(CHANNEL);
    if (!channel?.isSendable()) throw new Error('expected a sendable channel');
    await channel.send('after a rate limit');
    const posts = emu.requests.slice(before).filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
  });

  test('unknown routes and missing auth', async () => {
    const unknown = await fetch(`${emu.apiUrl}/v10/nope`, { headers: { authorization: `Bot ${emu.token}` } });
    expect(unknown.status).toBe(404);
    expect(takeViolations()).toEqual(['GET /nope: unknown route (the emulator does not implement it)']);
    const anonymous = await fetch(`${emu.apiUrl}/v10/users/@me`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });

  test('dropped gateway connections resume and replay missed interactions', async () => {
    const resumed = new Promise((resolve) => client.once(Events.ShardResume, resolve));
    emu.dropConnections();
    const sent = emu.slashCommand('imagine');
    await resumed;
    const interaction = await received(sent);
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    await interaction.reply('still here');
    expect((await sent.callback()).status).toBe(204);
  });

  test('zlib-stream compression for clients that ask for it', async () => {
    const socket = new WebSocket(`${emu.gatewayUrl}/?v=10&encoding=json&compress=zlib-stream`);
    const frame = await new Promise<Buffer>((resolve, reject) => {
      socket.once('message', (data) => resolve(data as Buffer));
      socket.once('error', reject);
    });
    socket.close();
    expect(frame.subarray(-4).equals(Buffer.from([0, 0, 0xff, 0xff]))).toBe(true);
    const hello = JSON.parse(inflateSync(frame, { finishFlush: 2 }).toString()) as { op: number };
    expect(hello.op).toBe(10);
  });

  test('no unexpected violations', () => {
    expect(emu.violations).toEqual([]);
  });
});
