-- The TikTok (and later other) accounts a user connects. Tokens live in the
-- secrets store, not here: the table only knows when they expire.
CREATE TABLE social_accounts (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id                 bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform                text        NOT NULL,
    external_account_id     text        NOT NULL,
    handle                  text        NOT NULL,
    access_token_expires_at timestamptz,
    connected_at            timestamptz NOT NULL DEFAULT now(),
    disconnected_at         timestamptz,
    CONSTRAINT social_accounts_platform_known CHECK (platform IN ('tiktok', 'instagram', 'youtube')),
    CONSTRAINT social_accounts_external_key UNIQUE (platform, external_account_id)
);

CREATE INDEX social_accounts_user_id_idx ON social_accounts (user_id);
