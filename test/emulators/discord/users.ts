// User and application objects as Discord's REST API and gateway show them.
import type { UserSpec } from './types.ts';

export function botUserJson(id: string): Record<string, unknown> {
  return {
    id,
    username: 'kontext-emulator',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
    verified: true,
    mfa_enabled: false,
    flags: 0,
    public_flags: 0,
  };
}

export function applicationJson(applicationId: string, botUserId: string): Record<string, unknown> {
  return {
    id: applicationId,
    name: 'kontext-emulator',
    icon: null,
    description: '',
    summary: '',
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: { id: '300000000000009999', username: 'owner', discriminator: '0', avatar: null },
    team: null,
    bot: botUserJson(botUserId),
  };
}

export function userJson(spec: UserSpec): Record<string, unknown> {
  return {
    id: spec.id,
    username: spec.username ?? `user${spec.id.slice(-4)}`,
    discriminator: '0',
    global_name: spec.username ?? null,
    avatar: null,
    public_flags: 0,
    ...(spec.bot ? { bot: true } : {}),
  };
}
