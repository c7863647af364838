-- Public profiles. Counters are kept here so a profile page is one row; the follow graph feeds them.
CREATE TABLE user_profile (
    uid            BIGINT       NOT NULL PRIMARY KEY,
    username       VARCHAR(20)  NOT NULL,
    nickname       VARCHAR(16)  NOT NULL,
    avatar_key     VARCHAR(200) NULL,
    sign           VARCHAR(70)  NOT NULL DEFAULT '',
    followers      BIGINT       NOT NULL DEFAULT 0,
    following      BIGINT       NOT NULL DEFAULT 0,
    likes_received BIGINT       NOT NULL DEFAULT 0,
    videos         BIGINT       NOT NULL DEFAULT 0,
    created_at     DATETIME(3)  NOT NULL,
    updated_at     DATETIME(3)  NOT NULL,
    CONSTRAINT uk_user_profile_username UNIQUE (username),
    CONSTRAINT uk_user_profile_nickname UNIQUE (nickname)
);
