-- The fal endpoint that ran a generation: its schema reads options_json back (an edit's carries the
-- source URLs fal fetched). Every row before this one was text-to-image.
ALTER TABLE generations ADD COLUMN model TEXT NOT NULL DEFAULT 'fal-ai/flux-pro/kontext/text-to-image';
-- Edits: the source message (JSON: guildId, channelId, messageId, generationId, imageIndex) and the step
-- in a chain of edits (1 for the first).
ALTER TABLE generations ADD COLUMN source_json TEXT;
ALTER TABLE generations ADD COLUMN chain_step INTEGER;
-- fal's URLs of the result's images, so an edit of a result hands fal the URL it already hosts.
ALTER TABLE generations ADD COLUMN output_urls_json TEXT;
-- "edit" now means an image edit; the Edit prompt modal's generations are "reprompt".
UPDATE generations SET action = 'reprompt' WHERE action = 'edit';
-- A message context-menu edit between the command and its modal: which attachments, from where.
CREATE TABLE pending_edits (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  source_json TEXT NOT NULL,
  attachments_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
