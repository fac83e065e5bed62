"""Ground rules: the collaborative's rules, proposals, checks

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:49:49.235840
"""

from alembic import op
import sqlalchemy as sa


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ground_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collaborative_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.Column("adopted_meeting_id", sa.Integer(), nullable=False),
        sa.Column("amended_meeting_id", sa.Integer(), nullable=True),
        sa.Column("retired_meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["adopted_meeting_id"], ["meetings.id"], name=op.f("fk_ground_rules_adopted_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["amended_meeting_id"], ["meetings.id"], name=op.f("fk_ground_rules_amended_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["collaborative_id"],
            ["collaboratives.id"],
            name=op.f("fk_ground_rules_collaborative_id_collaboratives"),
        ),
        sa.ForeignKeyConstraint(
            ["retired_meeting_id"], ["meetings.id"], name=op.f("fk_ground_rules_retired_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ground_rules")),
    )
    with op.batch_alter_table("ground_rules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ground_rules_collaborative_id"), ["collaborative_id"], unique=False
        )

    op.create_table(
        "ground_rule_items",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("scale", sa.String(length=20), nullable=False),
        sa.Column("entry", sa.String(length=20), nullable=False),
        sa.Column("current_proposal_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_ground_rule_items_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_ground_rule_items")),
    )
    op.create_table(
        "rule_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.Column("rule_id", sa.Integer(), nullable=True),
        sa.Column("carried", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_rule_proposals_item_id_agenda_items")
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["ground_rules.id"], name=op.f("fk_rule_proposals_rule_id_ground_rules")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_proposals")),
    )
    with op.batch_alter_table("rule_proposals", schema=None) as batch_op:
        batch_op.create_index("ix_rule_proposals_item_position", ["item_id", "position"], unique=False)

    op.create_table(
        "rule_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("scale", sa.String(length=20), nullable=False),
        sa.Column("entry", sa.String(length=20), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("governing", sa.Text(), nullable=True),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("carried", sa.Boolean(), nullable=True),
        sa.Column("reason", sa.String(length=30), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["proposal_id"], ["rule_proposals.id"], name=op.f("fk_rule_checks_proposal_id_rule_proposals")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_checks")),
    )
    with op.batch_alter_table("rule_checks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rule_checks_proposal_id"), ["proposal_id"], unique=False)

    op.create_table(
        "rule_check_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("choice", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["rule_checks.id"], name=op.f("fk_rule_check_choices_check_id_rule_checks")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_rule_check_choices_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_check_choices")),
        sa.UniqueConstraint("check_id", "person_id", name=op.f("uq_rule_check_choices_check_id")),
    )
    with op.batch_alter_table("rule_check_choices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rule_check_choices_check_id"), ["check_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rule_check_choices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rule_check_choices_check_id"))

    op.drop_table("rule_check_choices")
    with op.batch_alter_table("rule_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rule_checks_proposal_id"))

    op.drop_table("rule_checks")
    with op.batch_alter_table("rule_proposals", schema=None) as batch_op:
        batch_op.drop_index("ix_rule_proposals_item_position")

    op.drop_table("rule_proposals")
    op.drop_table("ground_rule_items")
    with op.batch_alter_table("ground_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ground_rules_collaborative_id"))

    op.drop_table("ground_rules")
