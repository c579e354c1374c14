// The emulator's user install: a server the bot is not in, a group DM, five follow-ups, forced ephemeral.
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { beforeAll, expect, test } from 'vitest';
import type { DiscordEmulator } from './discord/index.ts';
import { useDiscordClient } from './discordClientKit.ts';

const ELSEWHERE = '100000000000000077';
const ELSEWHERE_CHANNEL = '200000000000000077';
const GROUP_DM = '200000000000000088';

const kit = useDiscordClient({
  guilds: [
    { id: '100000000000000001', channels: [{ id: '200000000000000001' }] },
    { id: ELSEWHERE, botMember: false, channels: [{ id: ELSEWHERE_CHANNEL }] },
  ],
  privateChannels: [GROUP_DM],
});
let emu: DiscordEmulator;
beforeAll(() => {
  emu = kit.emu;
});

const post = (path: string, body: unknown, auth = false) =>
  fetch(`${emu.apiUrl}/v10${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bot ${emu.token}` } : {}) },
    body: JSON.stringify(body),
  });

test('a user install in a server without the bot carries only the member as owner, and the bot token is refused there', async () => {
  const sent = emu.slashCommand('imagine', [], {
    install: 'user',
    guildId: ELSEWHERE,
    channelId: ELSEWHERE_CHANNEL,
  });
  const interaction = await kit.received(sent);
  const owners = interaction.authorizingIntegrationOwners;
  expect(owners[ApplicationIntegrationType.UserInstall]).toBe('300000000000000001');
  expect(owners[ApplicationIntegrationType.GuildInstall]).toBeUndefined();
  expect(interaction.context).toBe(InteractionContextType.Guild);
  expect(kit.client.guilds.cache.has(ELSEWHERE)).toBe(false);
  const answer = await post(`/interactions/${sent.id}/${sent.token}/callback`, { type: 5 });
  expect(answer.status).toBe(204);
  const channelPost = await post(`/channels/${ELSEWHERE_CHANNEL}/messages`, { content: 'hi' }, true);
  expect(channelPost.status).toBe(403);
  expect(await channelPost.json()).toMatchObject({ code: 50001 });
  expect(emu.violations.some((line) => line.includes('where the bot is not'))).toBe(true);
  kit.takeViolations();
});

test('the sixth follow-up of a user-install interaction where the bot is not is refused and recorded', async () => {
  const sent = emu.slashCommand('imagine', [], { install: 'user', guildId: null, channelId: GROUP_DM });
  expect((await kit.received(sent)).context).toBe(InteractionContextType.PrivateChannel);
  await post(`/interactions/${sent.id}/${sent.token}/callback`, { type: 5 });
  const followUp = () => post(`/webhooks/${emu.applicationId}/${sent.token}?wait=true`, { content: 'part' });
  for (let i = 0; i < 5; i++) expect((await followUp()).status).toBe(200);
  const sixth = await followUp();
  expect(sixth.status).toBe(400);
  expect(emu.violations).toEqual([expect.stringContaining('follow-up 6')]);
  kit.takeViolations();
});

test('a forced-ephemeral defer stays ephemeral when edited', async () => {
  const sent = emu.slashCommand('imagine', [], {
    install: 'user',
    guildId: ELSEWHERE,
    channelId: ELSEWHERE_CHANNEL,
    forceEphemeral: true,
  });
  await kit.received(sent);
  await post(`/interactions/${sent.id}/${sent.token}/callback`, { type: 5 });
  const edit = await fetch(
    `${emu.apiUrl}/v10/webhooks/${emu.applicationId}/${sent.token}/messages/@original`,
    {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'done' }),
    },
  );
  expect(edit.status).toBe(200);
  expect(emu.originalMessage(sent.token)?.flags ?? 0).toBe(64);
  expect(emu.violations).toEqual([]);
});
