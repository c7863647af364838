-- Danmaku (弹幕) by video, read in 6-minute segments ordered by where they appear in the video.
CREATE TABLE danmaku (
    id          BIGINT       NOT NULL PRIMARY KEY,
    video_id    BIGINT       NOT NULL,
    uid         BIGINT       NOT NULL,
    progress_ms INT          NOT NULL,
    mode        VARCHAR(8)   NOT NULL,
    color       INT          NOT NULL,
    font_size   INT          NOT NULL DEFAULT 25,
    content     VARCHAR(100) NOT NULL,
    created_at  DATETIME(3)  NOT NULL
);
CREATE INDEX idx_danmaku_video_progress ON danmaku (video_id, progress_ms);
