CREATE TABLE note (
    id   BIGINT       NOT NULL PRIMARY KEY,
    text VARCHAR(200) NOT NULL
);
CREATE TABLE handled_note (
    note_id BIGINT NOT NULL,
    seen_at BIGINT NOT NULL
);
