// Gateway sharding: two real discord.js clients, each owning two of four shards, see only their guilds and
// their guilds' interactions; DMs go to shard 0; bad IDENTIFY shards close with 4010, too many guilds on
// one shard with 4011. https://discord.com/developers/docs/events/gateway#sharding
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import {
  type DiscordEmulator,
  type GuildSpec,
  guildIdOnShard,
  shardOf,
  startDiscordEmulator,
} from './discord/index.ts';

const COUNT = 4;
/** One guild on every shard, and a second one on shard 3. */
const GUILDS: GuildSpec[] = [
  ...[0, 1, 2, 3].map((shard) => guildIdOnShard(shard, COUNT)),
  guildIdOnShard(3, COUNT, 1),
].map((id, i) => ({ id, name: `Sharded ${i}`, channels: [{ id: `20000000000000100${i}` }] }));
const onShards = (shards: number[]) =>
  GUILDS.map((g) => g.id).filter((id) => shards.includes(shardOf(id, COUNT)));

interface Watched {
  readonly client: Client;
  /** Raw dispatches this client got, with the shard that got them. */
  readonly raw: { t: string; guildId: string | null; shardId: number }[];
  received(interactionId: string): Promise<Interaction>;
  readonly interactions: Map<string, Interaction>;
}

function watched(shards: number[]): Watched {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    shards,
    shardCount: COUNT,
    rest: { api: emu.apiUrl },
  });
  const raw: Watched['raw'] = [];
  const interactions = new Map<string, Interaction>();
  const waiters = new Map<string, (i: Interaction) => void>();
  client.on(Events.Raw, (packet: { t?: string; d?: { guild_id?: string; id?: string } }, shardId: number) => {
    if (!packet.t) return;
    const guildId = packet.t === 'GUILD_CREATE' ? (packet.d?.id ?? null) : (packet.d?.guild_id ?? null);
    raw.push({ t: packet.t, guildId, shardId });
  });
  client.on(Events.InteractionCreate, (interaction) => {
    interactions.set(interaction.id, interaction);
    waiters.get(interaction.id)?.(interaction);
  });
  return {
    client,
    raw,
    interactions,
    received: (id) => {
      const known = interactions.get(id);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => waiters.set(id, resolve));
    },
  };
}

async function login(w: Watched): Promise<void> {
  const ready = new Promise((resolve) => w.client.once(Events.ClientReady, resolve));
  await w.client.login(emu.token);
  await ready;
}

let emu: DiscordEmulator;
let low: Watched;
let high: Watched;
beforeAll(async () => {
  // max_concurrency 4: discord.js otherwise waits 5 s between the identifies of one client's two shards.
  emu = await startDiscordEmulator({
    guilds: GUILDS,
    gateway: { recommendedShards: COUNT, maxConcurrency: 4 },
  });
  low = watched([0, 1]);
  high = watched([2, 3]);
  await Promise.all([login(low), login(high)]);
  await emu.waitForConnection();
});
afterAll(async () => {
  await Promise.all([low?.client.destroy(), high?.client.destroy()]);
  await emu?.close();
});

/** The raw gateway, for what discord.js would never send. */
async function rawIdentify(
  target: DiscordEmulator,
  shard: unknown,
): Promise<{ code: number; reason: string }> {
  const socket = new WebSocket(`${target.gatewayUrl}/?v=10&encoding=json`);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      const payload = JSON.parse(String(data)) as { op: number; t?: string; d?: unknown };
      if (payload.op === 10) {
        socket.send(JSON.stringify({ op: 2, d: { token: target.token, intents: 1, properties: {}, shard } }));
      } else if (payload.op === 0 && payload.t === 'READY') {
        socket.close(1000);
        resolve({ code: 0, reason: `READY ${JSON.stringify((payload.d as { shard: unknown }).shard)}` });
      }
    });
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

describe('GIVEN four shards split over two discord.js clients', () => {
  test('GET /gateway/bot recommends the configured shard count', async () => {
    const response = await fetch(`${emu.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${emu.token}` },
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      url: emu.gatewayUrl,
      shards: COUNT,
      session_start_limit: { total: 1000, remaining: 1000 - COUNT, max_concurrency: 4 },
    });
    emu.recommendShards(8, 2);
    const again = await fetch(`${emu.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${emu.token}` },
    });
    expect(await again.json()).toMatchObject({ shards: 8, session_start_limit: { max_concurrency: 2 } });
    emu.recommendShards(COUNT, 4);
  });

  test('THEN each client gets READY and GUILD_CREATE for its own shards only', () => {
    expect(emu.shardCount).toBe(COUNT);
    expect(emu.connectedShards()).toEqual([0, 1, 2, 3]);
    const readies = emu.gatewayEvents.filter((e) => e.kind === 'ready').map((e) => e.shard);
    expect(readies).toEqual(
      expect.arrayContaining([
        [0, 4],
        [1, 4],
        [2, 4],
        [3, 4],
      ]),
    );
    for (const [w, shards] of [
      [low, [0, 1]],
      [high, [2, 3]],
    ] as const) {
      const expected = onShards([...shards]).sort();
      expect([...w.client.guilds.cache.keys()].sort()).toEqual(expected);
      const creates = w.raw.filter((p) => p.t === 'GUILD_CREATE');
      expect(creates.map((p) => p.guildId).sort()).toEqual(expected);
      for (const p of creates) expect(p.shardId).toBe(shardOf(p.guildId, COUNT));
      for (const guild of w.client.guilds.cache.values())
        expect(guild.shardId).toBe(shardOf(guild.id, COUNT));
    }
    expect(onShards([3])).toHaveLength(2);
  });

  test('WHEN an interaction is posted in a guild of shard 3 THEN only the second client gets it', async () => {
    const guildId = onShards([3])[0] ?? '';
    const since = performance.now();
    const sent = emu.slashCommand('imagine', [], { guildId });
    const interaction = await high.received(sent.id);
    expect(interaction.guildId).toBe(guildId);
    expect(high.raw.filter((p) => p.t === 'INTERACTION_CREATE').at(-1)).toEqual({
      t: 'INTERACTION_CREATE',
      guildId,
      shardId: 3,
    });
    const dispatched = emu.gatewayEvents.filter(
      (e) => e.at >= since && e.kind === 'dispatch' && e.event === 'INTERACTION_CREATE',
    );
    expect(dispatched).toEqual([expect.objectContaining({ shard: [3, 4], guildId, delivered: true })]);
    expect(low.interactions.has(sent.id)).toBe(false);
  });

  test('WHEN every guild gets an interaction THEN the owner of its shard gets each one', async () => {
    for (const { id } of GUILDS) {
      const sent = emu.slashCommand('imagine', [], { guildId: id });
      const owner = shardOf(id, COUNT) < 2 ? low : high;
      const other = owner === low ? high : low;
      const interaction = await owner.received(sent.id);
      expect(interaction.guild?.shardId).toBe(emu.shardFor(id));
      const event = await emu.waitForGatewayEvent(
        (e) => e.kind === 'dispatch' && e.event === 'INTERACTION_CREATE' && e.at >= sent.sentAt,
      );
      expect(event.shard).toEqual([shardOf(id, COUNT), COUNT]);
      expect(other.interactions.has(sent.id)).toBe(false);
    }
  });

  test('WHEN a member uses the bot in a DM THEN the shard-0 owner gets it', async () => {
    const sent = emu.slashCommand('imagine', [], { guildId: null });
    const interaction = await low.received(sent.id);
    expect(interaction.guildId).toBeNull();
    expect(low.raw.filter((p) => p.t === 'INTERACTION_CREATE').at(-1)?.shardId).toBe(0);
    expect(high.interactions.has(sent.id)).toBe(false);
  });

  test('WHEN shard 3 is told to reconnect THEN it alone resumes and gets what it missed', async () => {
    const since = performance.now();
    const resumed = new Promise<number>((resolve) => high.client.once(Events.ShardResume, resolve));
    emu.sendReconnect(3);
    expect(emu.connectedShards()).toEqual([0, 1, 2]);
    const guildId = onShards([3])[1] ?? '';
    const sent = emu.slashCommand('imagine', [], { guildId });
    expect(await resumed).toBe(3);
    expect((await high.received(sent.id)).guildId).toBe(guildId);
    await emu.waitForConnection(3);
    expect(emu.connectedShards()).toEqual([0, 1, 2, 3]);
    const reconnects = emu.gatewayEvents.filter((e) => e.at >= since && e.kind === 'reconnect');
    expect(reconnects.map((e) => e.shard)).toEqual([[3, 4]]);
    expect(
      emu.gatewayEvents.find((e) => e.at >= since && e.kind === 'resumed' && e.replayed === 1)?.shard,
    ).toEqual([3, 4]);
  });

  test('WHEN an IDENTIFY names a shard outside the count THEN it closes with 4010', async () => {
    expect(await rawIdentify(emu, [4, 4])).toEqual({ code: 4010, reason: 'Invalid shard' });
    expect(await rawIdentify(emu, [0, 0])).toEqual({ code: 4010, reason: 'Invalid shard' });
    expect(await rawIdentify(emu, [-1, 4])).toEqual({ code: 4010, reason: 'Invalid shard' });
    expect(await rawIdentify(emu, 'zero')).toEqual({ code: 4010, reason: 'Invalid shard' });
    // Another count than the connected sessions' is refused as well (strictShardCount, the default).
    expect(await rawIdentify(emu, [0, 2])).toEqual({ code: 4010, reason: 'Invalid shard' });
    expect(emu.connectedShards()).toEqual([0, 1, 2, 3]);
  });
});

describe('GIVEN more guilds than one shard may carry', () => {
  let small: DiscordEmulator;
  beforeAll(async () => {
    small = await startDiscordEmulator({
      guilds: [0, 1].map((shard, i) => ({
        id: guildIdOnShard(shard, 2),
        channels: [{ id: `2000000000000020${i}` }],
      })),
      gateway: { maxGuildsPerShard: 1 },
    });
  });
  afterAll(() => small?.close());

  test('WHEN the bot identifies unsharded THEN it closes with 4011; with two shards each gets READY', async () => {
    expect(await rawIdentify(small, undefined)).toEqual({ code: 4011, reason: 'Sharding required' });
    expect(await rawIdentify(small, [0, 1])).toEqual({ code: 4011, reason: 'Sharding required' });
    expect(await rawIdentify(small, [1, 2])).toEqual({ code: 0, reason: 'READY [1,2]' });
    expect(await rawIdentify(small, [0, 2])).toEqual({ code: 0, reason: 'READY [0,2]' });
  });
});

describe('shard routing', () => {
  test('a guild goes to (guild_id >> 22) % count over the whole snowflake range', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.integer({ min: 1, max: 64 }),
        (id, count) => {
          const expected = Number((id >> 22n) % BigInt(count));
          expect(shardOf(id.toString(), count)).toBe(expected);
          expect(emu.shardFor(id.toString(), count)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
    expect(emu.shardFor(null)).toBe(0);
    expect(emu.shardFor(`${(1n << 64n) - 1n}`)).toBe(Number((((1n << 64n) - 1n) >> 22n) % 4n));
  });

  test('guildIdOnShard makes ids on the shard asked for, never ending in 9', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 64 })
          .chain((count) =>
            fc.tuple(fc.constant(count), fc.integer({ min: 0, max: count - 1 }), fc.nat(10_000)),
          ),
        ([count, shard, index]) => {
          const id = guildIdOnShard(shard, count, index);
          expect(shardOf(id, count)).toBe(shard);
          expect(id.endsWith('9')).toBe(false);
          expect(BigInt(id) < 1n << 64n).toBe(true);
        },
      ),
    );
    expect(new Set([0, 1, 2].map((i) => guildIdOnShard(1, 3, i))).size).toBe(3);
  });
});
