-- A profile made for an account that is still being committed stays unconfirmed until the account is known
-- to exist (its AccountCreated event, or a request signed by its owner); unconfirmed ones whose account never
-- came are swept. Profiles that existed before are confirmed.
ALTER TABLE user_profile ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT TRUE;
CREATE INDEX idx_user_profile_pending ON user_profile (confirmed, created_at);

-- Nickname (1-16) and sign (<= 70) limits count characters and are checked by the service; the columns leave
-- room for characters that take two UTF-16 units (emoji), which H2 counts twice.
ALTER TABLE user_profile MODIFY nickname VARCHAR(32) NOT NULL;
ALTER TABLE user_profile MODIFY sign VARCHAR(140) NOT NULL DEFAULT '';

-- The follow graph. created_at (epoch ms) orders both lists newest first; the uid breaks ties.
CREATE TABLE user_follow (
    follower_uid BIGINT NOT NULL,
    followee_uid BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (follower_uid, followee_uid)
);
CREATE INDEX idx_user_follow_followers ON user_follow (followee_uid, created_at, follower_uid);
CREATE INDEX idx_user_follow_following ON user_follow (follower_uid, created_at, followee_uid);

-- Published videos by owner, so the videos counter moves once per video however often its events arrive.
CREATE TABLE user_video (
    video_id  VARCHAR(40) NOT NULL PRIMARY KEY,
    owner_uid BIGINT      NOT NULL
);
