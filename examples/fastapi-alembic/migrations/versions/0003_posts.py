"""posts: draft -> scheduled -> publishing -> published (or failed / cancelled).

The publisher polls the partial index for due posts.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Now = sa.text("CURRENT_TIMESTAMP")
Scheduled = sa.text("status = 'scheduled'")


def upgrade() -> None:
    op.create_table(
        "posts",
        sa.Column("id", Id, primary_key=True),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("social_account_id", Id, sa.ForeignKey("social_accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False, server_default=""),
        sa.Column("media_url", sa.Text()),
        sa.Column("status", sa.Text(), nullable=False, server_default="draft"),
        sa.Column("scheduled_at", sa.DateTime(timezone=True)),
        sa.Column("published_at", sa.DateTime(timezone=True)),
        sa.Column("external_post_id", sa.Text()),
        sa.Column("attempt_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=Now),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=Now),
        sa.CheckConstraint(
            "status IN ('draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled')", name="posts_status_known"),
        sa.CheckConstraint(
            "status NOT IN ('scheduled', 'publishing') OR scheduled_at IS NOT NULL", name="posts_scheduled_has_time"),
        sa.CheckConstraint("status <> 'published' OR published_at IS NOT NULL", name="posts_published_has_time"),
        sa.CheckConstraint("attempt_count >= 0", name="posts_attempts_not_negative"),
    )
    op.create_index("posts_due_idx", "posts", ["scheduled_at"], postgresql_where=Scheduled, sqlite_where=Scheduled)
    op.create_index("posts_user_id_idx", "posts", ["user_id"])
    op.create_index("posts_social_account_id_idx", "posts", ["social_account_id"])


def downgrade() -> None:
    op.drop_table("posts")
