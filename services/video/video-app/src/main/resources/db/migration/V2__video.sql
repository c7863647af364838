-- The catalog. Ids are Snowflake longs; bvid is their public form.
CREATE TABLE video (
    id             BIGINT        NOT NULL PRIMARY KEY,
    bvid           VARCHAR(16)   NOT NULL,
    owner_uid      BIGINT        NOT NULL,
    title          VARCHAR(80)   NOT NULL,
    description    VARCHAR(2000) NOT NULL,
    partition_slug VARCHAR(40)   NOT NULL,
    state          VARCHAR(16)   NOT NULL,
    state_reason   VARCHAR(500)  NULL,
    duration_ms    BIGINT        NOT NULL DEFAULT 0,
    cover_key      VARCHAR(200)  NULL,
    views          BIGINT        NOT NULL DEFAULT 0,
    created_at     DATETIME(6)   NOT NULL,
    updated_at     DATETIME(6)   NOT NULL,
    published_at   DATETIME(6)   NULL,
    CONSTRAINT uk_video_bvid UNIQUE (bvid)
);

CREATE INDEX ix_video_owner ON video (owner_uid, id);
CREATE INDEX ix_video_state ON video (state, id);
CREATE INDEX ix_video_partition ON video (partition_slug, state, id);

CREATE TABLE video_tag (
    video_id BIGINT      NOT NULL,
    position INT         NOT NULL,
    tag      VARCHAR(20) NOT NULL,
    PRIMARY KEY (video_id, position),
    CONSTRAINT fk_video_tag_video FOREIGN KEY (video_id) REFERENCES video (id) ON DELETE CASCADE
);
