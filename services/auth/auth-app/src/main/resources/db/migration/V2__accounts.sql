-- Accounts: who may sign in, and with which roles. Usernames are stored lower-case, so they are unique
-- regardless of case on every database. WeChat-only accounts have no password.
CREATE TABLE auth_account (
    uid           BIGINT       NOT NULL PRIMARY KEY,
    username      VARCHAR(20)  NOT NULL,
    password_hash VARCHAR(200) NULL,
    roles         VARCHAR(100) NOT NULL,
    created_at    BIGINT       NOT NULL,
    CONSTRAINT uk_auth_account_username UNIQUE (username)
);

-- First-party refresh tokens, by the SHA-256 of their value (the value itself is never stored). Each use
-- replaces a token by a new one of the same family; a token used twice revokes its whole family.
CREATE TABLE auth_refresh_token (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    family_id  BIGINT      NOT NULL,
    uid        BIGINT      NOT NULL,
    issued_at  BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    used_at    BIGINT      NULL,
    revoked_at BIGINT      NULL
);
CREATE INDEX idx_auth_refresh_token_family ON auth_refresh_token (family_id);
CREATE INDEX idx_auth_refresh_token_expiry ON auth_refresh_token (expires_at);

-- WeChat mini-program identities bound to accounts: one WeChat identity per account and the other way round.
CREATE TABLE auth_wechat_binding (
    openid     VARCHAR(64) NOT NULL PRIMARY KEY,
    unionid    VARCHAR(64) NULL,
    uid        BIGINT      NOT NULL,
    created_at BIGINT      NOT NULL,
    CONSTRAINT uk_auth_wechat_binding_uid UNIQUE (uid)
);
CREATE INDEX idx_auth_wechat_binding_unionid ON auth_wechat_binding (unionid);
