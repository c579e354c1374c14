// The Discord emulator checks every request against Discord's OpenAPI spec, over HTTP like the bot talks to it.
import { Client, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from './discord/index.ts';
import { validateRequest } from './discord/openapi.ts';

const CHANNEL = '200000000000000001';

let emu: DiscordEmulator;
let base: string;
// Interactions go out over the gateway, so something must be connected; the requests are plain fetch.
let client: Client;

beforeAll(async () => {
  emu = await startDiscordEmulator();
  base = `${emu.apiUrl}/v10`;
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
  await client.login(emu.token);
  await emu.waitForConnection();
});

afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

/** Takes the violations seen so far, so each test only sees its own. */
const takeViolations = () => emu.violations.splice(0);

async function send(method: string, path: string, body: unknown, auth = true) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth) headers.authorization = `Bot ${emu.token}`;
  const res = await fetch(`${base}${path}`, { method, headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function callback(body: unknown, query = '') {
  const sent = emu.slashCommand('imagine');
  return send('POST', `/interactions/${sent.id}/${sent.token}/callback${query}`, body, false);
}

const invalidFormBody = (errors: unknown) => ({ code: 50035, message: 'Invalid Form Body', errors });

describe('GIVEN a body Discord would refuse', () => {
  test('WHEN an interaction callback has type 99 THEN 400 50035 and a violation naming /type', async () => {
    const res = await callback({ type: 99, data: { content: 'x' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject(invalidFormBody({ type: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } }));
    expect(takeViolations()).toEqual([
      expect.stringMatching(/callback: spec \/type: must be equal to one of the allowed values \(.*4, 5/),
    ]);
  });

  test('WHEN an embed title is a number THEN the callback is refused before it acknowledges', async () => {
    const sent = emu.slashCommand('imagine');
    const path = `/interactions/${sent.id}/${sent.token}/callback`;
    const bad = await send('POST', path, { type: 4, data: { embeds: [{ title: 5 }] } }, false);
    expect(bad.status).toBe(400);
    expect(takeViolations()).toEqual([`POST ${path}: spec /data/embeds/0/title: must be string,null`]);
    const good = await send('POST', path, { type: 4, data: { embeds: [{ title: 'five' }] } }, false);
    expect(good.status).toBe(204);
    expect(takeViolations()).toEqual([]);
  });

  test('WHEN a message has a component of an unknown type THEN 400 and only that component is named', async () => {
    const before = emu.channelMessages(CHANNEL).length;
    const res = await send('POST', `/channels/${CHANNEL}/messages`, {
      content: 'hi',
      components: [{ type: 42, components: [] }],
    });
    expect(res.status).toBe(400);
    expect(takeViolations()).toEqual([
      expect.stringMatching(/^POST \/channels\/\d+\/messages: spec \/components\/0\/type: must be equal to/),
    ]);
    expect(emu.channelMessages(CHANNEL)).toHaveLength(before);
  });

  test('WHEN a command PUT has an option without a name THEN 400 and nothing is registered', async () => {
    const res = await send('PUT', `/applications/${emu.applicationId}/commands`, [
      { name: 'imagine', description: 'Draw', options: [{ type: 3, description: 'What to draw' }] },
    ]);
    expect(res.status).toBe(400);
    expect(takeViolations()).toEqual([
      `PUT /applications/${emu.applicationId}/commands: spec /0/options/0: must have required property 'name'`,
    ]);
    expect(emu.commandWrites).toBe(0);
  });

  test('WHEN a query parameter is not a boolean THEN 400 names it', async () => {
    const res = await callback({ type: 5 }, '?with_response=yes');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject(invalidFormBody({ with_response: { _errors: [expect.anything()] } }));
    expect(takeViolations()).toEqual([expect.stringMatching(/spec \?with_response: must be boolean$/)]);
  });

  test('WHEN the body is over a limit the route checks itself THEN its own answer and one violation', async () => {
    const res = await send('POST', `/channels/${CHANNEL}/messages`, { content: 'x'.repeat(2001) });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject(
      invalidFormBody({ content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } }),
    );
    expect(takeViolations()).toEqual([expect.stringMatching(/messages: content: Must be 2000 or fewer/)]);
  });
});

describe('GIVEN a body Discord accepts', () => {
  test('WHEN a reply has content, an embed and a button THEN 204 and no violations', async () => {
    const res = await callback({
      type: 4,
      data: {
        content: 'here',
        embeds: [
          {
            title: 'A cat',
            description: 'drawn',
            color: 0x5865f2,
            image: { url: 'https://example.com/a.png' },
          },
        ],
        components: [
          { type: 1, components: [{ type: 2, style: 1, label: 'Again', custom_id: 'v1:again:1' }] },
        ],
        allowed_mentions: { parse: [] },
        flags: 64,
      },
    });
    expect(res.status).toBe(204);
    expect(takeViolations()).toEqual([]);
  });

  test('WHEN a follow-up is multipart with payload_json and a file THEN it is checked as one form', async () => {
    const sent = emu.slashCommand('imagine');
    await send('POST', `/interactions/${sent.id}/${sent.token}/callback`, { type: 5 }, false);
    const form = new FormData();
    form.append(
      'payload_json',
      JSON.stringify({ content: 'done', attachments: [{ id: '0', filename: 'a.png' }] }),
    );
    form.append('files[0]', new Blob([Buffer.from('png')], { type: 'image/png' }), 'a.png');
    const ok = await fetch(`${base}/webhooks/${emu.applicationId}/${sent.token}?wait=true`, {
      method: 'POST',
      body: form,
    });
    expect(ok.status).toBe(200);
    expect(takeViolations()).toEqual([]);

    const bad = new FormData();
    bad.append('payload_json', JSON.stringify({ content: 'done', embeds: [{ title: ['no'] }] }));
    const refused = await fetch(`${base}/webhooks/${emu.applicationId}/${sent.token}`, {
      method: 'POST',
      body: bad,
    });
    expect(refused.status).toBe(400);
    expect(takeViolations()).toEqual([
      expect.stringMatching(/spec \/embeds\/0\/title: must be string,null$/),
    ]);
  });

  test('WHEN a command set is valid THEN it is registered without violations', async () => {
    const res = await send('PUT', `/applications/${emu.applicationId}/commands`, [
      {
        name: 'imagine',
        description: 'Draw',
        default_member_permissions: '32',
        contexts: [0],
        options: [{ type: 3, name: 'prompt', description: 'What to draw', required: true, max_length: 1000 }],
      },
    ]);
    expect(res.status).toBe(200);
    expect(takeViolations()).toEqual([]);
  });
});

describe('validateRequest', () => {
  test('names routes Discord does not have, and reads @original as the literal segment', () => {
    expect(validateRequest('GET', '/nowhere/1', '', undefined)).toEqual([
      "spec /: GET /nowhere/1 is not in Discord's spec",
    ]);
    expect(
      validateRequest('PATCH', '/webhooks/1/t/messages/@original', 'application/json', { content: 7 }),
    ).toEqual(['spec /content: must be string,null']);
  });

  test('permission bit sets take their documented string form, in range, as well as integers', () => {
    const put = (permissions: unknown) =>
      validateRequest('PUT', '/applications/1/commands', 'application/json', [
        { name: 'settings', description: 'Settings', default_member_permissions: permissions },
      ]);
    expect(put('32')).toEqual([]);
    expect(put(32)).toEqual([]);
    expect(put(null)).toEqual([]);
    expect(put('18014398509481984')).toEqual([]);
    expect(put('18014398509481985')).toContain(
      'spec /0/default_member_permissions: must be at most 18014398509481984',
    );
    expect(put('0x20')).toContain(
      'spec /0/default_member_permissions: must match pattern "^(0|[1-9][0-9]*)$"',
    );
  });

  test('a body of a content type the operation does not take', () => {
    expect(validateRequest('POST', '/channels/1/messages', 'text/plain', 'hi')).toEqual([
      'spec /: content type text/plain is not one of application/json, application/x-www-form-urlencoded, multipart/form-data',
    ]);
  });
});

test('no unexpected violations', () => {
  expect(emu.violations).toEqual([]);
});
