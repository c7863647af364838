-- RSA keys that sign access tokens. The newest unretired key signs; every unretired key verifies, so keys
-- can rotate without invalidating tokens already issued. They survive restarts.
CREATE TABLE auth_signing_key (
    kid         VARCHAR(64) NOT NULL PRIMARY KEY,
    private_der MEDIUMTEXT  NOT NULL,
    public_der  MEDIUMTEXT  NOT NULL,
    created_at  BIGINT      NOT NULL,
    retired_at  BIGINT      NULL
);
