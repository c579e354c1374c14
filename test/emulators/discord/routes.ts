// The route table: which handler answers which method and path, and whether it needs the bot token.
import { interactionCallback } from './callbacks.ts';
import * as cdn from './cdn.ts';
import * as channels from './channels.ts';
import * as commands from './commands.ts';
import type { Reply, RouteContext } from './http.ts';
import * as meta from './meta.ts';
import * as webhooks from './webhooks.ts';

export interface Route {
  method: string;
  /** Path segments; ':name' captures a parameter. API routes are relative to /api/v10. */
  segments: string[];
  api: boolean;
  auth: boolean;
  handler: (ctx: RouteContext) => Reply | Promise<Reply>;
}

function route(method: string, path: string, handler: Route['handler'], auth = true, api = true): Route {
  return { method, segments: path.split('/').filter(Boolean), api, auth, handler };
}

const app = '/applications/:app';
const hook = '/webhooks/:app/:token';

export const routes: Route[] = [
  route('GET', '/gateway/bot', meta.gatewayBot),
  route('GET', '/gateway', meta.gateway, false),
  route('GET', '/users/@me', meta.currentUser),
  route('GET', '/applications/@me', meta.currentApplication),
  route('GET', '/users/:user', meta.getUser),
  route('GET', '/guilds/:guild', meta.getGuild),
  route('POST', '/users/@me/channels', channels.createDm),

  route('GET', `${app}/commands`, commands.listCommands),
  route('PUT', `${app}/commands`, commands.overwriteCommands),
  route('POST', `${app}/commands`, commands.createCommand),
  route('GET', `${app}/commands/:command`, commands.getCommand),
  route('PATCH', `${app}/commands/:command`, commands.editCommand),
  route('DELETE', `${app}/commands/:command`, commands.deleteCommand),
  route('GET', `${app}/guilds/:guild/commands`, commands.listCommands),
  route('PUT', `${app}/guilds/:guild/commands`, commands.overwriteCommands),
  route('POST', `${app}/guilds/:guild/commands`, commands.createCommand),
  route('GET', `${app}/guilds/:guild/commands/:command`, commands.getCommand),
  route('PATCH', `${app}/guilds/:guild/commands/:command`, commands.editCommand),
  route('DELETE', `${app}/guilds/:guild/commands/:command`, commands.deleteCommand),

  route('POST', '/interactions/:id/:token/callback', interactionCallback, false),
  route('POST', hook, webhooks.followUp, false),
  route('GET', `${hook}/messages/:message`, webhooks.getWebhookMessage, false),
  route('PATCH', `${hook}/messages/:message`, webhooks.editWebhookMessage, false),
  route('DELETE', `${hook}/messages/:message`, webhooks.deleteWebhookMessage, false),

  route('GET', '/channels/:channel', channels.getChannel),
  route('GET', '/channels/:channel/messages', channels.listMessages),
  route('POST', '/channels/:channel/messages', channels.createMessage),
  route('GET', '/channels/:channel/messages/:message', channels.getMessage),
  route('PATCH', '/channels/:channel/messages/:message', channels.editMessage),
  route('DELETE', '/channels/:channel/messages/:message', channels.deleteMessage),
  route('POST', '/channels/:channel/typing', channels.typing),

  route('GET', '/attachments/:channel/:attachment/:filename', cdn.attachment, false, false),
  route('GET', '/media/attachments/:channel/:attachment/:filename', cdn.attachment, false, false),
  route('GET', '/ephemeral-attachments/:app/:attachment/:filename', cdn.attachment, false, false),
  route('GET', '/media/ephemeral-attachments/:app/:attachment/:filename', cdn.attachment, false, false),
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Every route whose path fits, in table order (literal segments such as '@me' come first). */
export function matchRoute(path: string, api: boolean): RouteMatch[] {
  const parts = path.split('/').filter(Boolean);
  const matches: RouteMatch[] = [];
  for (const r of routes) {
    if (r.api !== api || r.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = r.segments.every((segment, i) => {
      const part = parts[i] ?? '';
      if (!segment.startsWith(':')) return segment === part;
      params[segment.slice(1)] = part;
      return true;
    });
    if (ok) matches.push({ route: r, params });
  }
  return matches;
}
