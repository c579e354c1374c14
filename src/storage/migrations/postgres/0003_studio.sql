-- A member's own studio, as SQLite's 0007_studio.sql: favourites, default options, named prompt
-- presets, and the indexes /history pages through (keyset: created_at DESC, id DESC, never OFFSET).
-- Sorted or key text is COLLATE "C" (byte order, as SQLite compares), times are epoch-ms BIGINT.

-- A member's ⭐ on a generation (theirs or another member's result). A deleted generation's favourite
-- stays but is not listed.
CREATE TABLE favorites (
  user_id TEXT NOT NULL,
  generation_id TEXT COLLATE "C" NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, generation_id)
);
CREATE INDEX favorites_generation ON favorites (generation_id);

-- One row per member who set a default; a NULL column means no preference. Values are checked when
-- read (studioStore.ts): one the bot no longer accepts reads as no preference.
CREATE TABLE member_preferences (
  user_id TEXT PRIMARY KEY,
  aspect_ratio TEXT,
  count INTEGER,
  format TEXT,
  style_suffix TEXT,
  updated_at BIGINT NOT NULL
);

-- Named prompts. name_key (the name NFKC-normalised and lower-cased) is the key, so "Neon" and "neon"
-- are one preset; name is kept as last typed, for display.
CREATE TABLE presets (
  user_id TEXT NOT NULL,
  name_key TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL,
  prompt TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, name_key)
);

CREATE INDEX generations_user_history ON generations (user_id, created_at DESC, id DESC);
CREATE INDEX generations_user_guild_history ON generations (user_id, guild_id, created_at DESC, id DESC);
