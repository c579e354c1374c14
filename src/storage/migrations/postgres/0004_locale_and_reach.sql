-- As SQLite's 0008: the requester's language for the texts of a result posted later (NULL: English),
-- and whether the request came through a member's own install where the bot is not (interaction only).
ALTER TABLE generations ADD COLUMN locale TEXT;
ALTER TABLE generations ADD COLUMN interaction_only INTEGER NOT NULL DEFAULT 0;
