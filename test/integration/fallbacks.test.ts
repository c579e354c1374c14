import { afterEach, describe, expect, test } from 'vitest';
import type { RecordedRequest } from '../emulators/discord/index.ts';
import { delivery, expectNoViolations, imagine, type Stack, settled, startStack } from './harness.ts';

let stack: Stack;
afterEach(async () => {
  expectNoViolations(stack);
  await stack.close();
});

const CHANNEL = '200000000000000001';
const USER = { id: '300000000000000001' };

function generationIdOf(request: RecordedRequest): string {
  const rows = (request.json as { components: { components: { custom_id: string }[] }[] }).components;
  return rows[0]!.components[0]!.custom_id.split(':')[2]!;
}

async function expiredDuringGeneration(prompt: string) {
  stack.fal.pause();
  const sent = imagine(stack, { prompt }, { user: USER });
  await sent.callback();
  await stack.fal.waitForJob(() => true);
  stack.discord.expireToken(sent.token);
  stack.fal.resume();
  return sent;
}

describe('GIVEN the interaction token is rejected when the images are ready', () => {
  test('THEN the result is posted in the channel, mentioning only the requester', async () => {
    stack = await startStack();
    await expiredDuringGeneration('a late sunrise');
    const post = await stack.discord.waitForRequest(
      (r) => r.method === 'POST' && r.route === `/channels/${CHANNEL}/messages` && r.files.length > 0,
    );
    const body = post.json as { content: string; allowed_mentions: { parse: string[]; users: string[] } };
    expect(body.content).toContain(`<@${USER.id}>`);
    expect(body.allowed_mentions).toEqual({ parse: [], users: [USER.id] });
    expect((await settled(stack, generationIdOf(post))).deliveredVia).toBe('channel');
    const messages = stack.discord.channelMessages(CHANNEL).filter((m) => m.attachments.length > 0);
    expect(messages).toHaveLength(1);
  });

  test('THEN, if the bot may not post in the channel either, the requester gets it in a DM', async () => {
    stack = await startStack();
    stack.discord.failNext(
      (method, route) => method === 'POST' && route === `/channels/${CHANNEL}/messages`,
      {
        status: 403,
        body: { code: 50013, message: 'Missing Permissions' },
      },
    );
    const sent = await expiredDuringGeneration('a late sunset');
    const dm = await stack.discord.waitForRequest(
      (r) => r.method === 'POST' && r.route === '/users/@me/channels',
    );
    expect((dm.json as { recipient_id: string }).recipient_id).toBe(USER.id);
    const post = await stack.discord.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        /^\/channels\/\d+\/messages$/.test(r.route) &&
        r.files.length > 0 &&
        r.status === 200,
    );
    expect((await settled(stack, generationIdOf(post))).deliveredVia).toBe('dm');
    expect(stack.discord.originalMessage(sent.token)?.attachments ?? []).toHaveLength(0);
  });
});

describe('GIVEN images larger together than the channel accepts', () => {
  test('THEN they are spread over several messages that each fit', async () => {
    stack = await startStack({ fal: { imageLongSide: 512 } });
    const sent = imagine(
      stack,
      { prompt: 'four big ones', count: 4, format: 'png' },
      { attachmentSizeLimit: 1_200_000 },
    );
    const first = await delivery(stack, sent);
    const generationId = (
      first.json as { embeds: { footer: { text: string } }[] }
    ).embeds[0]!.footer.text.split('· ')[1]!;
    await settled(stack, generationId);
    const uploads = stack.discord.requests.filter((r) => r.route.includes(sent.token) && r.files.length > 0);
    expect(uploads.length).toBeGreaterThan(1);
    expect(uploads.reduce((n, r) => n + r.files.length, 0)).toBe(4);
    for (const upload of uploads) {
      expect(upload.files.reduce((n, f) => n + f.data.length, 0)).toBeLessThanOrEqual(1_200_000);
    }
  });
});
