CREATE TABLE generations (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES generations (id),
  action TEXT NOT NULL,
  guild_id TEXT,
  channel_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  application_id TEXT NOT NULL,
  interaction_id TEXT NOT NULL,
  interaction_token TEXT NOT NULL,
  options_json TEXT NOT NULL,
  safety TEXT NOT NULL,
  status TEXT NOT NULL,
  fal_request_id TEXT,
  seed INTEGER,
  nsfw_flags_json TEXT,
  error TEXT,
  message_id TEXT,
  created_at INTEGER NOT NULL,
  submitted_at INTEGER,
  completed_at INTEGER,
  delivered_at INTEGER,
  deleted_at INTEGER
);

CREATE INDEX generations_status ON generations (status);
CREATE INDEX generations_guild_created ON generations (guild_id, created_at);
CREATE INDEX generations_user_created ON generations (user_id, created_at);
