-- One row per Discord message that carried part of a result, written as soon as Discord accepted it, so
-- a restarted bot sends only what is missing, on the route it was using. Part 0 carries the embed and
-- buttons; files_json lists the attachment names the message carried.
CREATE TABLE delivery_parts (
  generation_id TEXT NOT NULL REFERENCES generations (id),
  part INTEGER NOT NULL,
  route TEXT NOT NULL,
  message_id TEXT NOT NULL,
  channel_id TEXT,
  files_json TEXT NOT NULL,
  -- 1 when nothing of the result was left to send after this message.
  last_part INTEGER NOT NULL DEFAULT 0,
  posted_at INTEGER NOT NULL,
  PRIMARY KEY (generation_id, part)
);
