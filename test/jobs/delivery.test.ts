import { describe, expect, test } from 'vitest';
import type { ChannelMessages } from '../../src/discord/channelMessages.ts';
import type { InteractionReplies, OutgoingMessage } from '../../src/discord/interactionWebhook.ts';
import type { MessageLookup } from '../../src/discord/messageLookup.ts';
import type { ResultMessage } from '../../src/discord/presentation/resultMessage.ts';
import { Delivery } from '../../src/jobs/delivery.ts';
import type { DeliveredPart, DeliveryLog } from '../../src/storage/deliveryLog.ts';
import { completedGeneration } from '../fixtures/generation.ts';

const OVERHEAD = 64 * 1024;

function discordError(status: number, code: number): Error {
  return Object.assign(new Error(`${status}/${code}`), { status, code });
}

/** Discord as seen through the bot's interfaces: every accepted message, and failures to inject by call. */
function fakeDiscord(fail: (route: string, message: OutgoingMessage) => Error | undefined) {
  const sent: { route: string; files: string[]; content: string; embeds: number }[] = [];
  let next = 0;
  const accept = (route: string, message: OutgoingMessage) => {
    const error = fail(route, message);
    if (error) throw error;
    sent.push({
      route,
      files: (message.files ?? []).map((file) => file.name),
      content: message.content ?? '',
      embeds: message.embeds?.length ?? 0,
    });
    return { id: String(++next) };
  };
  const replies: InteractionReplies = {
    editOriginal: async (_app, _token, message) => accept('edit', message),
    followUp: async (_app, _token, message) => accept('followUp', message),
    deleteOriginal: async () => {},
    getOriginal: async () => ({ id: '0', attachments: [] }),
  };
  const channels: ChannelMessages = {
    post: async (channelId, message) => accept(`channel:${channelId}`, message),
    directMessage: async (_user, message) => accept('dm', message),
  };
  const lookup: MessageLookup = {
    original: async () => ({
      id: '0',
      channelId: '2',
      viaInteraction: true,
      attachments: [],
      embedFooters: [],
    }),
    recent: async () => [],
    dmChannelId: async () => '99',
  };
  const parts: DeliveredPart[] = [];
  const log: DeliveryLog = {
    recordPart: async (part) => {
      parts.push(part);
    },
    partsOf: async (id) => parts.filter((part) => part.generationId === id),
  };
  return { sent, parts, delivery: new Delivery({ replies, channels, lookup, log, now: () => 1000 }) };
}

const file = (n: number, size: number) => ({
  name: `kontext-AbCdEfGhIjKl-${n}.png`,
  data: Buffer.alloc(size),
  contentType: 'image/png',
});
const message = (sizes: number[]): ResultMessage => ({
  content: '',
  embeds: [{ title: 'Imagined', footer: { text: 'AbCdEfGhIjKl' } }],
  components: [],
  files: sizes.map((size, index) => file(index + 1, size)),
});

describe('GIVEN a result in several messages', () => {
  test('WHEN Discord refuses a later message as too large THEN only that one is split again: the head is not posted twice', async () => {
    let refused = false;
    const { sent, parts, delivery } = fakeDiscord((route, m) => {
      if (route !== 'followUp' || refused || (m.files ?? []).length < 2) return undefined;
      refused = true;
      return discordError(413, 40005);
    });
    const generation = completedGeneration({ attachmentSizeLimit: OVERHEAD + 250 });
    const result = await delivery.deliver(generation, message([200, 100, 100]));
    expect(sent.map((s) => [s.route, s.files.length, s.embeds])).toEqual([
      ['edit', 1, 1],
      ['followUp', 1, 0],
      ['followUp', 1, 0],
    ]);
    expect(result).toEqual({ messageId: '1', via: 'edit' });
    expect(parts.map((p) => [p.part, p.route, p.last])).toEqual([
      [0, 'edit', false],
      [1, 'edit', false],
      [2, 'edit', true],
    ]);
  });

  test('WHEN the token dies after the head THEN the rest follow in the channel, the first of them pinging the member', async () => {
    const { sent, delivery } = fakeDiscord((route) =>
      route === 'followUp' ? discordError(401, 50027) : undefined,
    );
    const generation = completedGeneration({ attachmentSizeLimit: OVERHEAD + 150 });
    const result = await delivery.deliver(generation, message([100, 100, 100]));
    expect(sent.map((s) => [s.route, s.files, s.content])).toEqual([
      ['edit', ['kontext-AbCdEfGhIjKl-1.png'], ''],
      ['channel:2', ['kontext-AbCdEfGhIjKl-2.png'], '<@3>'],
      ['channel:2', ['kontext-AbCdEfGhIjKl-3.png'], ''],
    ]);
    expect(result).toEqual({ messageId: '1', via: 'edit' });
    expect(await delivery.alreadyDelivered(generation)).toEqual({ messageId: '1', via: 'edit' });
  });

  test('WHEN every part was recorded THEN a resumed delivery posts nothing and alreadyDelivered says so', async () => {
    const { sent, delivery } = fakeDiscord(() => undefined);
    const generation = completedGeneration({ attachmentSizeLimit: OVERHEAD + 150 });
    expect(await delivery.alreadyDelivered(generation)).toBeUndefined();
    await delivery.deliver(generation, message([100, 100]));
    const before = sent.length;
    expect(await delivery.deliver(generation, message([100, 100]), { resuming: true })).toEqual({
      messageId: '1',
      via: 'edit',
    });
    expect(sent.length).toBe(before);
  });
});
