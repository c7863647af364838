-- Refresh tokens the authorization server has rotated out (by SHA-256), with the authorization they belonged
-- to: one presented again revokes that authorization. Kept until the token would have expired.
CREATE TABLE auth_rotated_refresh_token (
    token_hash       VARCHAR(64)  NOT NULL PRIMARY KEY,
    authorization_id VARCHAR(100) NOT NULL,
    expires_at       BIGINT       NOT NULL
);
CREATE INDEX idx_auth_rotated_refresh_token_expiry ON auth_rotated_refresh_token (expires_at);
