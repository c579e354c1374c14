-- Where a generation was asked decides how fal's flagged images are delivered, also after a restart.
ALTER TABLE generations ADD COLUMN channel_nsfw INTEGER NOT NULL DEFAULT 0;

-- Only the settings a server's moderators changed; a missing row means the host's default.
CREATE TABLE guild_settings (
  guild_id TEXT NOT NULL,
  setting TEXT NOT NULL,
  value_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (guild_id, setting)
);

-- Every change: who, when, which setting, old -> new (NULL: the default).
CREATE TABLE settings_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  guild_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  setting TEXT NOT NULL,
  old_json TEXT,
  new_json TEXT,
  changed_at INTEGER NOT NULL
);
CREATE INDEX settings_audit_guild ON settings_audit (guild_id, id);

-- One row per admitted generation, written before fal is called. scope is the guild id, or 'dm'.
-- status: reserved (images = requested) -> counted (images = generated) | released (images = 0).
CREATE TABLE quota_reservations (
  generation_id TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  user_id TEXT NOT NULL,
  requested INTEGER NOT NULL,
  images INTEGER NOT NULL,
  unit_price_usd REAL NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  settled_at INTEGER
);
CREATE INDEX quota_scope_created ON quota_reservations (scope, created_at);
CREATE INDEX quota_scope_user_created ON quota_reservations (scope, user_id, created_at);
