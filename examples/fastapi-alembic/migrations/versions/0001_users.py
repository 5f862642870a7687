"""users: people who schedule posts; email unique regardless of case.

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# sqlite (the unit tests) only auto-increments an INTEGER primary key.
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Now = sa.text("CURRENT_TIMESTAMP")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", Id, primary_key=True),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("time_zone", sa.Text(), nullable=False, server_default="UTC"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=Now),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=Now),
        sa.CheckConstraint("trim(email) <> ''", name="users_email_not_blank"),
    )
    op.create_index("users_email_key", "users", [sa.text("lower(email)")], unique=True)


def downgrade() -> None:
    op.drop_table("users")
