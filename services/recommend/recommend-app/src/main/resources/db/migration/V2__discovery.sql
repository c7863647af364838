-- Times are epoch milliseconds (BIGINT), so no time zone of a JVM or a database can shift them.

-- Videos as discovery knows them, fed by the video service's events (never asked per request).
-- tags: the video's tags joined by commas (a tag holds no comma); video_tag has them one per row for channels.
CREATE TABLE video (
    id             BIGINT        NOT NULL PRIMARY KEY,
    owner_uid      BIGINT        NOT NULL,
    title          VARCHAR(200)  NOT NULL,
    partition_slug VARCHAR(40)   NULL,
    tags           VARCHAR(400)  NOT NULL,
    cover_url      VARCHAR(1000) NULL,
    duration_ms    BIGINT        NOT NULL DEFAULT 0,
    published_at   BIGINT        NOT NULL,
    published      BOOLEAN       NOT NULL,
    updated_at     BIGINT        NOT NULL
);
CREATE INDEX idx_video_owner ON video (owner_uid);
CREATE INDEX idx_video_updated ON video (updated_at);

CREATE TABLE video_tag (
    video_id BIGINT      NOT NULL,
    tag      VARCHAR(40) NOT NULL,
    PRIMARY KEY (video_id, tag)
);
CREATE INDEX idx_video_tag_tag ON video_tag (tag, video_id);

-- Names and faces of uploaders, fed by the user service's events, for the cards.
CREATE TABLE uploader (
    uid        BIGINT        NOT NULL PRIMARY KEY,
    nickname   VARCHAR(64)   NULL,
    avatar_url VARCHAR(1000) NULL,
    updated_at BIGINT        NOT NULL
);

-- What each user did with each video, summed into one weight (a view 1, a coin more): what the recommender learns
-- from. watched: they have seen it (a counted view), so their feed leaves it out.
CREATE TABLE user_signal (
    uid        BIGINT  NOT NULL,
    video_id   BIGINT  NOT NULL,
    weight     DOUBLE  NOT NULL,
    watched    BOOLEAN NOT NULL,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (uid, video_id)
);
CREATE INDEX idx_user_signal_recent ON user_signal (uid, updated_at);
CREATE INDEX idx_user_signal_updated ON user_signal (updated_at);

-- Who follows whom, fed by the user service's events: followed uploaders' new videos rank higher.
CREATE TABLE user_follow (
    follower_uid BIGINT NOT NULL,
    followee_uid BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (follower_uid, followee_uid)
);

-- Channel subscriptions; channel.subscribers counts them (changed in the same transaction). A channel made from a
-- tag gets its channel row at its first subscription.
CREATE TABLE channel_subscription (
    channel    VARCHAR(40) NOT NULL,
    uid        BIGINT      NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (channel, uid)
);
CREATE INDEX idx_channel_subscription_uid ON channel_subscription (uid, created_at);
