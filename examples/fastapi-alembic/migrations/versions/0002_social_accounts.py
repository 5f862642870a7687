"""social_accounts: the TikTok (and later other) accounts a user connects.

Tokens live in the secrets store, not here: the table only knows when they expire.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "social_accounts",
        sa.Column("id", Id, primary_key=True),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("external_account_id", sa.Text(), nullable=False),
        sa.Column("handle", sa.Text(), nullable=False),
        sa.Column("access_token_expires_at", sa.DateTime(timezone=True)),
        sa.Column("connected_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP")),
        sa.Column("disconnected_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("platform IN ('tiktok', 'instagram', 'youtube')", name="social_accounts_platform_known"),
        sa.UniqueConstraint("platform", "external_account_id", name="social_accounts_external_key"),
    )
    op.create_index("social_accounts_user_id_idx", "social_accounts", ["user_id"])


def downgrade() -> None:
    op.drop_table("social_accounts")
