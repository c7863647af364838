-- Times are epoch milliseconds (BIGINT), so no time zone of a JVM or a database can shift them.

-- The videos interaction may be used on: a copy fed by the video service's events (never asked per request).
CREATE TABLE video (
    id           BIGINT        NOT NULL PRIMARY KEY,
    owner_uid    BIGINT        NOT NULL,
    title        VARCHAR(200)  NULL,
    cover_url    VARCHAR(1000) NULL,
    duration_ms  BIGINT        NOT NULL DEFAULT 0,
    published    BOOLEAN       NOT NULL,
    published_at BIGINT        NULL,
    updated_at   BIGINT        NOT NULL
);

-- Names and faces of users, fed by the user service's events: comment authors, "回复 @昵称", @mentions.
CREATE TABLE user_card (
    uid        BIGINT        NOT NULL PRIMARY KEY,
    nickname   VARCHAR(64)   NULL,
    avatar_url VARCHAR(1000) NULL,
    updated_at BIGINT        NOT NULL
);
CREATE INDEX idx_user_card_nickname ON user_card (nickname);

-- Counters: video_stats holds what was written behind; counter_journal the changes not yet folded into it,
-- each written in the transaction of the change it counts. The truth is always stats + journal.
CREATE TABLE video_stats (
    video_id  BIGINT NOT NULL PRIMARY KEY,
    views     BIGINT NOT NULL DEFAULT 0,
    likes     BIGINT NOT NULL DEFAULT 0,
    coins     BIGINT NOT NULL DEFAULT 0,
    favorites BIGINT NOT NULL DEFAULT 0,
    shares    BIGINT NOT NULL DEFAULT 0,
    danmaku   BIGINT NOT NULL DEFAULT 0,
    comments  BIGINT NOT NULL DEFAULT 0,
    version   BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE counter_journal (
    id         BIGINT      NOT NULL PRIMARY KEY,
    video_id   BIGINT      NOT NULL,
    counter    VARCHAR(16) NOT NULL,
    delta      INT         NOT NULL
);
CREATE INDEX idx_counter_journal_video ON counter_journal (video_id);

CREATE TABLE video_like (
    video_id   BIGINT NOT NULL,
    uid        BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (video_id, uid)
);
CREATE INDEX idx_video_like_uid ON video_like (uid, created_at);

-- Coins: a balance per user (never negative), at most two per user and video, and a ledger of every change.
CREATE TABLE coin_wallet (
    uid        BIGINT NOT NULL PRIMARY KEY,
    balance    INT    NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT ck_coin_wallet_balance CHECK (balance >= 0)
);
CREATE TABLE coin_ledger (
    id         BIGINT      NOT NULL PRIMARY KEY,
    uid        BIGINT      NOT NULL,
    delta      INT         NOT NULL,
    reason     VARCHAR(16) NOT NULL,
    video_id   BIGINT      NULL,
    created_at BIGINT      NOT NULL
);
CREATE INDEX idx_coin_ledger_uid ON coin_ledger (uid, id);
CREATE TABLE coin_daily_grant (
    uid BIGINT   NOT NULL,
    grant_day CHAR(10) NOT NULL,
    PRIMARY KEY (uid, grant_day)
);
CREATE TABLE video_coin (
    video_id   BIGINT NOT NULL,
    uid        BIGINT NOT NULL,
    coins      INT    NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (video_id, uid)
);

-- Favourite folders (收藏夹); default_owner is the uid for the one default folder of each user, else null.
CREATE TABLE fav_folder (
    id            BIGINT      NOT NULL PRIMARY KEY,
    uid           BIGINT      NOT NULL,
    name          VARCHAR(80) NOT NULL,
    is_public     BOOLEAN     NOT NULL,
    default_owner BIGINT      NULL,
    video_count   INT         NOT NULL DEFAULT 0,
    created_at    BIGINT      NOT NULL,
    CONSTRAINT uq_fav_folder_default UNIQUE (default_owner)
);
CREATE INDEX idx_fav_folder_uid ON fav_folder (uid, id);
CREATE TABLE fav_item (
    folder_id  BIGINT NOT NULL,
    video_id   BIGINT NOT NULL,
    uid        BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (folder_id, video_id)
);
CREATE INDEX idx_fav_item_user_video ON fav_item (uid, video_id);
CREATE INDEX idx_fav_item_folder_time ON fav_item (folder_id, created_at, video_id);

-- Comments: a root (root_id = 0) and its replies (root_id = the root); parent_id is the comment answered.
-- A deleted comment stays as a row, so a thread keeps its shape; its text is no longer shown.
CREATE TABLE video_comment (
    id           BIGINT        NOT NULL PRIMARY KEY,
    video_id     BIGINT        NOT NULL,
    root_id      BIGINT        NOT NULL,
    parent_id    BIGINT        NOT NULL,
    uid          BIGINT        NOT NULL,
    reply_to_uid BIGINT        NULL,
    content      VARCHAR(2000) NOT NULL,
    mentions     VARCHAR(400)  NULL,
    like_count   INT           NOT NULL DEFAULT 0,
    reply_count  INT           NOT NULL DEFAULT 0,
    hot_base     DOUBLE        NOT NULL,
    hot_score    DOUBLE        NOT NULL,
    deleted      BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at   BIGINT        NOT NULL
);
CREATE INDEX idx_comment_new ON video_comment (video_id, root_id, id);
CREATE INDEX idx_comment_hot ON video_comment (video_id, root_id, hot_score, id);
CREATE INDEX idx_comment_replies ON video_comment (root_id, id);
CREATE TABLE comment_like (
    comment_id BIGINT NOT NULL,
    uid        BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (comment_id, uid)
);

-- Watch history: the last position per user and video, newest first; a user may pause it.
CREATE TABLE watch_history (
    uid         BIGINT NOT NULL,
    video_id    BIGINT NOT NULL,
    progress_ms BIGINT NOT NULL,
    watched_at  BIGINT NOT NULL,
    PRIMARY KEY (uid, video_id)
);
CREATE INDEX idx_watch_history_recent ON watch_history (uid, watched_at, video_id);
CREATE TABLE history_setting (
    uid    BIGINT  NOT NULL PRIMARY KEY,
    paused BOOLEAN NOT NULL
);

-- Danmaku are read by 6-minute segment, the newest of each up to a cap.
ALTER TABLE danmaku ADD COLUMN segment INT NOT NULL DEFAULT 1;
UPDATE danmaku SET segment = FLOOR(progress_ms / 360000) + 1;
CREATE INDEX idx_danmaku_segment ON danmaku (video_id, segment, id);
-- 100 characters are up to 200 UTF-16 units (emoji), which is how H2 measures.
ALTER TABLE danmaku MODIFY content VARCHAR(400) NOT NULL;
