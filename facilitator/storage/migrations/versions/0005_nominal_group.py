"""The nominal group technique: its settings and steps, the clarification record and the cards.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 00:50:52.015517
"""

from alembic import op
import sqlalchemy as sa


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ballots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("vote", sa.String(length=20), nullable=False),
        sa.Column("card", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("ranks", sa.Text(), nullable=False),
        sa.Column("convention", sa.String(length=20), nullable=False),
        sa.Column("picks", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_ballots_item_id_agenda_items")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_ballots_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballots")),
    )
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.create_index("ix_ballots_item_vote", ["item_id", "vote"], unique=False)

    op.create_table(
        "idea_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("other_number", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_idea_edits_idea_id_ideas")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_idea_edits_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idea_edits")),
    )
    with op.batch_alter_table("idea_edits", schema=None) as batch_op:
        batch_op.create_index("ix_idea_edits_item", ["item_id"], unique=False)

    op.create_table(
        "nominal_groups",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("picks", sa.Integer(), nullable=True),
        sa.Column("convention", sa.String(length=20), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("turn_order", sa.Text(), nullable=False),
        sa.Column("turn", sa.Integer(), nullable=False),
        sa.Column("passes", sa.Integer(), nullable=False),
        sa.Column("round_ended", sa.Boolean(), nullable=False),
        sa.Column("clarifying_id", sa.Integer(), nullable=True),
        sa.Column("clarify_started", sa.Double(), nullable=True),
        sa.Column("tie_order", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clarifying_id"], ["ideas.id"], name=op.f("fk_nominal_groups_clarifying_id_ideas")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_nominal_groups_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_nominal_groups")),
    )


def downgrade() -> None:
    op.drop_table("nominal_groups")
    with op.batch_alter_table("idea_edits", schema=None) as batch_op:
        batch_op.drop_index("ix_idea_edits_item")

    op.drop_table("idea_edits")
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.drop_index("ix_ballots_item_vote")

    op.drop_table("ballots")
