-- Notifications (回复我的, 收到的赞, @我的, 新粉丝, 系统通知) per recipient, newest first.
CREATE TABLE notification (
    id         BIGINT       NOT NULL PRIMARY KEY,
    uid        BIGINT       NOT NULL,
    type       VARCHAR(16)  NOT NULL,
    actor_uid  BIGINT       NULL,
    subject    VARCHAR(64)  NULL,
    content    VARCHAR(500) NOT NULL,
    read_at    DATETIME(3)  NULL,
    created_at DATETIME(3)  NOT NULL
);
CREATE INDEX idx_notification_uid_type ON notification (uid, type, id);
CREATE INDEX idx_notification_unread ON notification (uid, read_at);
