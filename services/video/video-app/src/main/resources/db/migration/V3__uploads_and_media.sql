-- Uploads (tus) as the catalog knows them: who sends which bytes, and where the verified original lives.
CREATE TABLE video_upload (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner_uid    BIGINT       NOT NULL,
    filename     VARCHAR(255) NOT NULL,
    size         BIGINT       NOT NULL,
    sha256       CHAR(64)     NULL,
    state        VARCHAR(16)  NOT NULL,
    source_key   VARCHAR(200) NULL,
    video_id     BIGINT       NULL,
    created_at   DATETIME(6)  NOT NULL,
    completed_at DATETIME(6)  NULL,
    expires_at   DATETIME(6)  NOT NULL
);
CREATE INDEX ix_video_upload_content ON video_upload (sha256, size);
CREATE INDEX ix_video_upload_source ON video_upload (source_key);
CREATE INDEX ix_video_upload_expiry ON video_upload (state, expires_at);

-- What transcoding needs and produces: the original's key, the verified HLS folder, progress and attempts.
ALTER TABLE video ADD COLUMN upload_id VARCHAR(64) NULL;
ALTER TABLE video ADD COLUMN source_key VARCHAR(200) NULL;
ALTER TABLE video ADD COLUMN media_prefix VARCHAR(200) NULL;
ALTER TABLE video ADD COLUMN transcode_percent INT NOT NULL DEFAULT 0;
ALTER TABLE video ADD COLUMN transcode_attempts INT NOT NULL DEFAULT 0;

CREATE INDEX ix_video_published ON video (state, published_at, id);
CREATE INDEX ix_video_partition_published ON video (partition_slug, state, published_at, id);
CREATE INDEX ix_video_source ON video (source_key);
