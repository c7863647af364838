-- Events written in the same transaction as the data they describe, relayed to Kafka afterwards.
CREATE TABLE event_outbox (
    id              BIGINT       NOT NULL PRIMARY KEY,
    topic           VARCHAR(200) NOT NULL,
    event_key       VARCHAR(200) NOT NULL,
    event_type      VARCHAR(200) NOT NULL,
    envelope        MEDIUMTEXT   NOT NULL,
    occurred_at     BIGINT       NOT NULL,
    published_at    BIGINT       NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at BIGINT       NOT NULL,
    claimed_by      VARCHAR(64)  NULL,
    claimed_until   BIGINT       NULL,
    last_error      VARCHAR(500) NULL
);
CREATE INDEX idx_event_outbox_pending ON event_outbox (published_at, next_attempt_at);

-- Events this service has already handled, by consumer, so a redelivered event changes nothing.
CREATE TABLE event_inbox (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(40)  NOT NULL,
    processed_at BIGINT       NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX idx_event_inbox_processed ON event_inbox (processed_at);
