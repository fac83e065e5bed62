"""Idea writing and brainwriting: settings, groups and their sheets, where each idea was written, summaries.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 01:40:17.206430
"""

from alembic import op
import sqlalchemy as sa


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "idea_writings",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(length=20), nullable=False),
        sa.Column("group_size", sa.Integer(), nullable=False),
        sa.Column("ideas_per_round", sa.Integer(), nullable=False),
        sa.Column("minutes_per_round", sa.Integer(), nullable=False),
        sa.Column("rounds", sa.Integer(), nullable=False),
        sa.Column("mix_sectors", sa.Boolean(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("report_group", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_idea_writings_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_idea_writings")),
    )
    op.create_table(
        "writing_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_writing_groups_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_groups")),
    )
    with op.batch_alter_table("writing_groups", schema=None) as batch_op:
        batch_op.create_index("ix_writing_groups_item", ["item_id"], unique=False)

    op.create_table(
        "writing_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["writing_groups.id"], name=op.f("fk_writing_members_group_id_writing_groups")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_writing_members_item_id_agenda_items")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_writing_members_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_members")),
    )
    with op.batch_alter_table("writing_members", schema=None) as batch_op:
        batch_op.create_index("ix_writing_members_item", ["item_id"], unique=False)

    op.create_table(
        "writing_entries",
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("builds_on_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["builds_on_id"], ["ideas.id"], name=op.f("fk_writing_entries_builds_on_id_ideas")
        ),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_writing_entries_idea_id_ideas")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_writing_entries_item_id_agenda_items")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["writing_members.id"], name=op.f("fk_writing_entries_member_id_writing_members")
        ),
        sa.PrimaryKeyConstraint("idea_id", name=op.f("pk_writing_entries")),
    )
    with op.batch_alter_table("writing_entries", schema=None) as batch_op:
        batch_op.create_index("ix_writing_entries_item", ["item_id"], unique=False)

    op.create_table(
        "writing_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["writing_groups.id"], name=op.f("fk_writing_summaries_group_id_writing_groups")
        ),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_writing_summaries_idea_id_ideas")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_writing_summaries_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_summaries")),
    )
    with op.batch_alter_table("writing_summaries", schema=None) as batch_op:
        batch_op.create_index("ix_writing_summaries_item", ["item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("writing_summaries", schema=None) as batch_op:
        batch_op.drop_index("ix_writing_summaries_item")

    op.drop_table("writing_summaries")
    with op.batch_alter_table("writing_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_writing_entries_item")

    op.drop_table("writing_entries")
    with op.batch_alter_table("writing_members", schema=None) as batch_op:
        batch_op.drop_index("ix_writing_members_item")

    op.drop_table("writing_members")
    with op.batch_alter_table("writing_groups", schema=None) as batch_op:
        batch_op.drop_index("ix_writing_groups_item")

    op.drop_table("writing_groups")
    op.drop_table("idea_writings")
