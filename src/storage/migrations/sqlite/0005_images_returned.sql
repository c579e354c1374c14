-- How many images fal returned for a generation (and billed): quotas count this, not the NSFW flags,
-- which fal may omit. NULL until fal completed, and for rows written before this column existed.
ALTER TABLE generations ADD COLUMN images_returned INTEGER;
