-- How large a message's uploads may be in the channel the interaction came from (Discord tells us).
ALTER TABLE generations ADD COLUMN attachment_size_limit INTEGER;
-- 'edit' (the interaction's reply), 'channel' (after the token expired) or 'dm'.
ALTER TABLE generations ADD COLUMN delivered_via TEXT;
