-- A post moves draft -> scheduled -> publishing -> published (or failed /
-- cancelled). The publisher polls the partial index for due posts.
CREATE TABLE posts (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    social_account_id bigint      NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    caption           text        NOT NULL DEFAULT '',
    media_url         text,
    status            text        NOT NULL DEFAULT 'draft',
    scheduled_at      timestamptz,
    published_at      timestamptz,
    external_post_id  text,
    attempt_count     integer     NOT NULL DEFAULT 0,
    last_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT posts_status_known CHECK (status IN ('draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled')),
    CONSTRAINT posts_scheduled_has_time CHECK (status NOT IN ('scheduled', 'publishing') OR scheduled_at IS NOT NULL),
    CONSTRAINT posts_published_has_time CHECK (status <> 'published' OR published_at IS NOT NULL),
    CONSTRAINT posts_attempts_not_negative CHECK (attempt_count >= 0)
);

CREATE INDEX posts_due_idx ON posts (scheduled_at) WHERE status = 'scheduled';
CREATE INDEX posts_user_id_idx ON posts (user_id);
CREATE INDEX posts_social_account_id_idx ON posts (social_account_id);
