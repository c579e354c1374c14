-- The requester's language (a shipped catalogue: en, de, fr) for the texts of a result posted later,
-- perhaps by another process; NULL for rows from before, read as English.
ALTER TABLE generations ADD COLUMN locale TEXT;
-- 1 when the request came through a member's own install of the app in a place the bot is not in:
-- such a result can only be delivered through the interaction (never the channel or DM fallback).
ALTER TABLE generations ADD COLUMN interaction_only INTEGER NOT NULL DEFAULT 0;
