// Read-only routes: gateway discovery, the bot's own user and application, guilds, users.
import { guildJson } from './guilds.ts';
import { ApiError, type Reply, type RouteContext } from './http.ts';
import { applicationJson } from './users.ts';

export function gatewayBot(ctx: RouteContext): Reply {
  return { status: 200, body: ctx.state.sharding.gatewayBot(ctx.state) };
}

export function gateway(ctx: RouteContext): Reply {
  return { status: 200, body: { url: ctx.state.gatewayUrl } };
}

export function currentUser(ctx: RouteContext): Reply {
  return { status: 200, body: ctx.state.botUser() };
}

export function currentApplication(ctx: RouteContext): Reply {
  return { status: 200, body: applicationJson(ctx.state.applicationId, ctx.state.botUserId) };
}

export function getUser(ctx: RouteContext): Reply {
  const user = ctx.state.users.get(ctx.params.user ?? '');
  if (!user) throw new ApiError(404, 10013, 'Unknown User');
  return { status: 200, body: user };
}

export function getGuild(ctx: RouteContext): Reply {
  const guild = ctx.state.guilds.find((g) => g.id === ctx.params.guild);
  if (!guild?.botMember) throw new ApiError(403, 50001, 'Missing Access');
  return { status: 200, body: guildJson(ctx.state, guild) };
}
