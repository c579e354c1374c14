// Delivery where only the interaction may answer (a member's own install where the bot is not).
import { expect, test } from 'vitest';
import type { InteractionReplies, OutgoingMessage } from '../../src/discord/interactionWebhook.ts';
import type { ResultMessage } from '../../src/discord/presentation/resultMessage.ts';
import {
  Delivery,
  InteractionExpiredError,
  MAX_FOLLOW_UPS,
  TOKEN_LIFETIME_MS,
} from '../../src/jobs/delivery.ts';
import type { DeliveredPart, DeliveryLog } from '../../src/storage/deliveryLog.ts';
import { completedGeneration } from '../fixtures/generation.ts';

const OVERHEAD = 64 * 1024;

function fakeDiscord(now: number) {
  const sent: { route: string; files: string[]; content: string }[] = [];
  const accept = (route: string, message: OutgoingMessage) => {
    sent.push({ route, files: (message.files ?? []).map((f) => f.name), content: message.content ?? '' });
    return { id: String(sent.length) };
  };
  const replies: InteractionReplies = {
    editOriginal: async (_a, _t, message) => accept('edit', message),
    followUp: async (_a, _t, message) => accept('followUp', message),
    deleteOriginal: async () => {},
    getOriginal: async () => ({ id: '0', attachments: [] }),
  };
  const refuse = async (): Promise<never> => {
    throw new Error('the bot token must not be used here');
  };
  const parts: DeliveredPart[] = [];
  const log: DeliveryLog = {
    recordPart: async (part) => {
      parts.push(part);
    },
    partsOf: async (id) => parts.filter((part) => part.generationId === id),
  };
  const delivery = new Delivery({
    replies,
    channels: { post: refuse, directMessage: refuse },
    lookup: { original: refuse, recent: refuse, dmChannelId: refuse },
    log,
    now: () => now,
  });
  return { sent, parts, delivery };
}

const message = (count: number, size: number): ResultMessage => ({
  content: '',
  embeds: [{ title: 'Imagined', footer: { text: 'AbCdEfGhIjKl' } }],
  components: [],
  files: Array.from({ length: count }, (_, i) => ({
    name: `kontext-AbCdEfGhIjKl-${i + 1}.png`,
    data: Buffer.alloc(size),
    contentType: 'image/png',
  })),
});

test('GIVEN files needing more messages than the follow-ups allowed THEN the rest is dropped with a notice, never posted by the bot', async () => {
  const { sent, parts, delivery } = fakeDiscord(1000);
  // One file per message: the reply and five follow-ups carry six of eight.
  const generation = completedGeneration({ interactionOnly: true, attachmentSizeLimit: OVERHEAD + 150 });
  await delivery.deliver(generation, message(8, 100));
  expect(sent.map((s) => s.route)).toEqual(['edit', ...Array(MAX_FOLLOW_UPS).fill('followUp')]);
  expect(sent.flatMap((s) => s.files)).toHaveLength(1 + MAX_FOLLOW_UPS);
  expect(sent.at(-1)?.content).toContain('2 images could not be posted');
  expect(parts.at(-1)?.last).toBe(true);
});

test('GIVEN the same result elsewhere THEN every file goes out (the limit is only where the interaction alone answers)', async () => {
  const { sent, delivery } = fakeDiscord(1000);
  const generation = completedGeneration({ interactionOnly: false, attachmentSizeLimit: OVERHEAD + 150 });
  await delivery.deliver(generation, message(8, 100));
  expect(sent.flatMap((s) => s.files)).toHaveLength(8);
});

test('GIVEN the token has expired THEN delivery fails without trying the channel or a DM', async () => {
  const generation = completedGeneration({ interactionOnly: true });
  const { sent, delivery } = fakeDiscord(generation.createdAt + TOKEN_LIFETIME_MS);
  await expect(delivery.deliver(generation, message(1, 100))).rejects.toBeInstanceOf(InteractionExpiredError);
  await expect(delivery.deliver(generation, message(1, 100), { resuming: true })).rejects.toBeInstanceOf(
    InteractionExpiredError,
  );
  expect(sent).toEqual([]);
});
