-- H2 (standalone mode) reads an index forward only, so a hottest- or newest-first page of a video's comments over
-- the ascending indexes of V2 read every root comment of the video and sorted them (2 881 rows for a page of 10 on a
-- video with 3 200 comments). Descending indexes give both engines the page's order: they stop after the page. The
-- queries order by the equality columns too (video_id, root_id), which H2 needs to see that the index is sorted.
ALTER TABLE video_comment DROP INDEX idx_comment_new;
ALTER TABLE video_comment DROP INDEX idx_comment_hot;
CREATE INDEX idx_comment_new ON video_comment (video_id, root_id, id DESC);
CREATE INDEX idx_comment_hot ON video_comment (video_id, root_id, hot_score DESC, id DESC);
