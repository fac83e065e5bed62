"""Brainstorming: ideas, themes and dots

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 17:51:09.432588
"""

from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "brainstorms",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("attributed", sa.Boolean(), nullable=False),
        sa.Column("dots_per_person", sa.Integer(), nullable=False),
        sa.Column("phases", sa.String(length=100), nullable=False),
        sa.Column("dot_entry", sa.String(length=20), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_brainstorms_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_brainstorms")),
    )
    op.create_table(
        "idea_themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_idea_themes_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idea_themes")),
    )
    with op.batch_alter_table("idea_themes", schema=None) as batch_op:
        batch_op.create_index("ix_idea_themes_item_position", ["item_id", "position"], unique=False)

    op.create_table(
        "ideas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("source_idea_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["agenda_items.id"], name=op.f("fk_ideas_item_id_agenda_items")),
        sa.ForeignKeyConstraint(["merged_into_id"], ["ideas.id"], name=op.f("fk_ideas_merged_into_id_ideas")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_ideas_person_id_people")),
        sa.ForeignKeyConstraint(["source_idea_id"], ["ideas.id"], name=op.f("fk_ideas_source_idea_id_ideas")),
        sa.ForeignKeyConstraint(["theme_id"], ["idea_themes.id"], name=op.f("fk_ideas_theme_id_idea_themes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ideas")),
    )
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.create_index("ix_ideas_item_number", ["item_id", "number"], unique=False)
        batch_op.create_index("ix_ideas_item_key", ["item_id", "key"], unique=False)

    op.create_table(
        "idea_dots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_idea_dots_idea_id_ideas")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_idea_dots_item_id_agenda_items")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_idea_dots_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idea_dots")),
    )
    with op.batch_alter_table("idea_dots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idea_dots_idea_id"), ["idea_id"], unique=False)
        batch_op.create_index("ix_idea_dots_item_person", ["item_id", "person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("idea_dots", schema=None) as batch_op:
        batch_op.drop_index("ix_idea_dots_item_person")
        batch_op.drop_index(batch_op.f("ix_idea_dots_idea_id"))

    op.drop_table("idea_dots")
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_index("ix_ideas_item_key")
        batch_op.drop_index("ix_ideas_item_number")

    op.drop_table("ideas")
    with op.batch_alter_table("idea_themes", schema=None) as batch_op:
        batch_op.drop_index("ix_idea_themes_item_position")

    op.drop_table("idea_themes")
    op.drop_table("brainstorms")
