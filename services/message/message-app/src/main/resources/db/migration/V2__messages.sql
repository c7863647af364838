-- Times are epoch milliseconds. Text columns leave room for characters that take two UTF-16 units (emoji), which
-- H2 counts twice; the service checks the limits in characters.

-- What a user is told (消息中心), one row per entry of the list: many people liking one target are one row
-- (group_key like:video:<id>), a reply is one row (reply:<comment id>). sort_key orders the list and moves an
-- entry to the top when it is updated; the id stays, for marking it read.
DROP TABLE notification;
CREATE TABLE notification (
    id          BIGINT        NOT NULL PRIMARY KEY,
    uid         BIGINT        NOT NULL,
    type        VARCHAR(16)   NOT NULL,
    kind        VARCHAR(32)   NOT NULL,
    group_key   VARCHAR(100)  NOT NULL,
    actors      VARCHAR(200)  NULL,
    actor_count INT           NOT NULL DEFAULT 0,
    video_id    BIGINT        NULL,
    bvid        VARCHAR(20)   NULL,
    comment_id  BIGINT        NULL,
    root_id     BIGINT        NULL,
    content     VARCHAR(2000) NULL,
    amount      INT           NULL,
    sort_key    BIGINT        NOT NULL,
    read_at     BIGINT        NULL,
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);
CREATE UNIQUE INDEX ux_notification_group ON notification (uid, group_key);
CREATE INDEX idx_notification_list ON notification (uid, type, sort_key);
CREATE INDEX idx_notification_all ON notification (uid, sort_key);
CREATE INDEX idx_notification_unread ON notification (uid, read_at, type);

-- Everyone counted in an aggregated entry, once each however often they like, unlike and like again.
CREATE TABLE notification_actor (
    notification_id BIGINT NOT NULL,
    actor_uid       BIGINT NOT NULL,
    PRIMARY KEY (notification_id, actor_uid)
);

-- Per-type switches (消息设置); a user without a row gets everything.
CREATE TABLE message_settings (
    uid        BIGINT  NOT NULL PRIMARY KEY,
    reply_on   BOOLEAN NOT NULL,
    at_on      BOOLEAN NOT NULL,
    like_on    BOOLEAN NOT NULL,
    follow_on  BOOLEAN NOT NULL,
    system_on  BOOLEAN NOT NULL,
    updated_at BIGINT  NOT NULL
);

-- uid blocked blocked_uid (拉黑): no private messages and no notifications from them.
CREATE TABLE user_block (
    uid         BIGINT NOT NULL,
    blocked_uid BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (uid, blocked_uid)
);

-- The message service's copy of the catalogue, from video.events: titles and covers for notifications and dynamics.
CREATE TABLE catalog_video (
    id           BIGINT       NOT NULL PRIMARY KEY,
    bvid         VARCHAR(20)  NOT NULL,
    owner_uid    BIGINT       NOT NULL,
    title        VARCHAR(200) NOT NULL,
    cover_url    VARCHAR(500) NULL,
    duration_ms  BIGINT       NOT NULL DEFAULT 0,
    published    BOOLEAN      NOT NULL DEFAULT FALSE,
    published_at BIGINT       NULL,
    updated_at   BIGINT       NOT NULL
);

-- Private messages (私信) between two users, low_uid < high_uid, in id order.
CREATE TABLE private_message (
    id         BIGINT        NOT NULL PRIMARY KEY,
    low_uid    BIGINT        NOT NULL,
    high_uid   BIGINT        NOT NULL,
    sender_uid BIGINT        NOT NULL,
    text       VARCHAR(1000) NOT NULL,
    created_at BIGINT        NOT NULL
);
CREATE INDEX idx_private_message_pair ON private_message (low_uid, high_uid, id);

-- Each side's view of a conversation: its place in the list, what it has not read, how far it read, and how many
-- messages it sent (a user who has sent none has not replied).
CREATE TABLE conversation (
    owner_uid       BIGINT NOT NULL,
    peer_uid        BIGINT NOT NULL,
    last_message_id BIGINT NOT NULL DEFAULT 0,
    unread          INT    NOT NULL DEFAULT 0,
    read_up_to      BIGINT NOT NULL DEFAULT 0,
    sent            INT    NOT NULL DEFAULT 0,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (owner_uid, peer_uid)
);
CREATE INDEX idx_conversation_list ON conversation (owner_uid, last_message_id);

-- Dynamics (动态): text posts and published videos (one dynamic per video). Feeds hold their ids in Redis.
CREATE TABLE dynamic (
    id         BIGINT        NOT NULL PRIMARY KEY,
    author_uid BIGINT        NOT NULL,
    kind       VARCHAR(8)    NOT NULL,
    text       VARCHAR(2000) NULL,
    video_id   BIGINT        NULL,
    created_at BIGINT        NOT NULL
);
CREATE UNIQUE INDEX ux_dynamic_video ON dynamic (video_id);
CREATE INDEX idx_dynamic_author ON dynamic (author_uid, id);

-- Authors whose dynamics are read from their own timeline at read time (too many followers to push to), for good:
-- a follower's feed finds their dynamics there, whenever they were posted.
CREATE TABLE feed_pulled_author (
    uid   BIGINT NOT NULL PRIMARY KEY,
    since BIGINT NOT NULL
);
