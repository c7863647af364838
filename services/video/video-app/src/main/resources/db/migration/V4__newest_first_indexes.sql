-- H2 (standalone mode) reads an index forward only: the newest-first lists over the ascending indexes of V3 read
-- every published video and sorted them. Descending indexes give both engines the list's order.
ALTER TABLE video DROP INDEX ix_video_published;
ALTER TABLE video DROP INDEX ix_video_partition_published;
CREATE INDEX ix_video_published ON video (state, published_at DESC, id DESC);
CREATE INDEX ix_video_partition_published ON video (partition_slug, state, published_at DESC, id DESC);
