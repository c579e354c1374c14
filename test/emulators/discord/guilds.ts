// Guild and channel objects as the gateway (READY, GUILD_CREATE) and REST describe them.
import {
  AllPermissions,
  DefaultAppPermissions,
  DefaultMemberPermissions,
  Permissions,
} from './permissions.ts';
import { shardOf } from './sharding.ts';
import type { ChannelInfo, EmulatorState, GuildInfo } from './state.ts';

const JOINED_AT = '2024-01-01T00:00:00.000000+00:00';

export function botRoleId(guild: GuildInfo): string {
  return `${guild.id.slice(0, -1)}9`;
}

export function channelJson(state: EmulatorState, channel: ChannelInfo): Record<string, unknown> {
  if (channel.type === 1) {
    const recipient = state.users.get(channel.recipientId ?? '') ?? { id: channel.recipientId };
    return { id: channel.id, type: 1, recipients: [recipient], last_message_id: null, flags: 0 };
  }
  if (channel.type === 3) {
    return {
      id: channel.id,
      type: 3,
      name: null,
      icon: null,
      recipients: [],
      last_message_id: null,
      flags: 0,
    };
  }
  // A channel that restricts the bot shows up, as on Discord, as an overwrite for the bot's member.
  const overwrites =
    channel.appPermissions === undefined
      ? []
      : [
          {
            id: state.botUserId,
            type: 1,
            allow: channel.appPermissions.toString(),
            deny: (AllPermissions & ~channel.appPermissions).toString(),
          },
        ];
  return {
    id: channel.id,
    type: 0,
    guild_id: channel.guildId,
    name: channel.name,
    position: 0,
    parent_id: null,
    topic: null,
    nsfw: channel.nsfw,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: overwrites,
    flags: 0,
  };
}

export function guildJson(state: EmulatorState, guild: GuildInfo): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: '300000000000009999',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: 'en-US',
    max_members: 500000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    application_id: null,
    features: [],
    emojis: [],
    stickers: [],
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: DefaultMemberPermissions.toString(),
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: botRoleId(guild),
        name: 'kontext-emulator',
        color: 0,
        hoist: false,
        position: 1,
        permissions: (DefaultAppPermissions | Permissions.ReadMessageHistory).toString(),
        managed: true,
        mentionable: false,
        flags: 0,
        tags: { bot_id: state.botUserId },
      },
      ...guild.roles.map((role, i) => ({
        id: role.id,
        name: role.name ?? `role-${i + 1}`,
        color: 0,
        hoist: false,
        position: i + 2,
        permissions: '0',
        managed: false,
        mentionable: false,
        flags: 0,
      })),
    ],
  };
}

/** The full GUILD_CREATE that follows READY for every guild (the bot sees it with the Guilds intent). */
export function guildCreate(state: EmulatorState, guild: GuildInfo): Record<string, unknown> {
  return {
    ...guildJson(state, guild),
    unavailable: false,
    large: false,
    member_count: 2,
    joined_at: JOINED_AT,
    lazy: true,
    channels: guild.channels.map((c) => {
      const { guild_id: _omitted, ...rest } = channelJson(state, c);
      return rest;
    }),
    threads: [],
    members: [
      {
        user: state.botUser(),
        roles: [botRoleId(guild)],
        joined_at: JOINED_AT,
        deaf: false,
        mute: false,
        flags: 0,
        nick: null,
        avatar: null,
        premium_since: null,
        pending: false,
        communication_disabled_until: null,
      },
    ],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** The guilds whose events go to that shard (only those the bot is a member of). */
export function shardGuilds(state: EmulatorState, [shardId, shardCount]: [number, number]): GuildInfo[] {
  return state.guilds.filter((g) => g.botMember && shardOf(g.id, shardCount) === shardId);
}

/** READY lists the shard's guilds as unavailable; a GUILD_CREATE for each follows. */
export function readyPayload(
  state: EmulatorState,
  sessionId: string,
  gatewayUrl: string,
  shard: [number, number],
): Record<string, unknown> {
  return {
    v: 10,
    user: state.botUser(),
    guilds: shardGuilds(state, shard).map((g) => ({ id: g.id, unavailable: true })),
    session_id: sessionId,
    session_type: 'normal',
    resume_gateway_url: gatewayUrl,
    shard,
    application: { id: state.applicationId, flags: 0 },
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['us-east'],
    user_settings: {},
    auth: {},
    _trace: ['["emulator",{"micros":0}]'],
  };
}

export { JOINED_AT };
