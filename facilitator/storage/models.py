"""The ORM mapping (SQLAlchemy 2 typed declarative). Nothing outside storage/services sees it.

Rows are never deleted by user actions: removing sets ``deleted_at``, so every undo and redo can
bring a row back exactly as it was, with its id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SoftDeleted:
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)


class SectorRow(SoftDeleted, Base):
    __tablename__ = "sectors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]


class CollaborativeRow(SoftDeleted, Base):
    __tablename__ = "collaboratives"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    vision: Mapped[str] = mapped_column(Text, default="")
    mission: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class PersonRow(SoftDeleted, Base):
    __tablename__ = "people"
    __table_args__ = (Index("ix_people_collaborative_name", "collaborative_id", "name_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    collaborative_id: Mapped[int] = mapped_column(ForeignKey("collaboratives.id"))
    name: Mapped[str] = mapped_column(String(200))
    # Case- and space-folded name, so "ana  lopez" is found as a duplicate of "Ana Lopez".
    name_key: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sectors.id"))
    contact: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]


class MeetingRow(SoftDeleted, Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    collaborative_id: Mapped[int] = mapped_column(ForeignKey("collaboratives.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(300), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    facilitator: Mapped[str] = mapped_column(String(200), default="")
    recorder: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    # Not a foreign key: agenda items point back at meetings, and the service keeps this valid.
    current_item_id: Mapped[int | None] = mapped_column(default=None)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime]


class AttendanceRow(Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    status: Mapped[str] = mapped_column(String(20))
    arrived_at: Mapped[datetime | None] = mapped_column(default=None)


class AgendaItemRow(SoftDeleted, Base):
    __tablename__ = "agenda_items"
    __table_args__ = (Index("ix_agenda_items_meeting_position", "meeting_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    prompt: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[int]
    state: Mapped[str] = mapped_column(String(20), default="pending")
    elapsed_seconds: Mapped[int] = mapped_column(default=0)
    activated_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime]


class SettingRow(Base):
    """Small facts about this data folder, such as the meeting that was open last."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# -- ground rules (facilitator.techniques.ground_rules) -------------------------------------------
# Value objects that are only ever read and written whole (a decision rule, a check's counts) are
# stored as JSON text: they are copied into history exactly as they were, never queried inside.


class GroundRuleRow(SoftDeleted, Base):
    """A rule in force for a collaborative. ``deleted_at`` is set when the group retires it."""

    __tablename__ = "ground_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    collaborative_id: Mapped[int] = mapped_column(ForeignKey("collaboratives.id"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str | None] = mapped_column(Text, default=None)
    adopted_meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    amended_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), default=None)
    retired_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), default=None)
    created_at: Mapped[datetime]


class GroundRuleItemRow(Base):
    """One ground-rules agenda item's settings: how agreement is shown and counted."""

    __tablename__ = "ground_rule_items"
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), primary_key=True)
    scale: Mapped[str] = mapped_column(String(20))
    entry: Mapped[str] = mapped_column(String(20))
    # The rule under discussion, shown on the projector. Not a key: proposals point back here.
    current_proposal_id: Mapped[int | None] = mapped_column(default=None)
    created_at: Mapped[datetime]


class RuleProposalRow(SoftDeleted, Base):
    __tablename__ = "rule_proposals"
    __table_args__ = (Index("ix_rule_proposals_item_position", "item_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str | None] = mapped_column(Text, default=None)
    # The collaborative's rule this proposal carries forward, or the one it created when adopted.
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("ground_rules.id"), default=None)
    carried: Mapped[bool] = mapped_column(default=False)
    origin: Mapped[str | None] = mapped_column(Text, default=None)  # JSON: the wording as carried in
    created_at: Mapped[datetime]


class RuleCheckRow(Base):
    """One check of agreement on a proposal; a draft until ``recorded_at`` is set."""

    __tablename__ = "rule_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("rule_proposals.id"), index=True)
    scale: Mapped[str] = mapped_column(String(20))
    entry: Mapped[str] = mapped_column(String(20))
    counts: Mapped[str] = mapped_column(Text)  # JSON: choice -> count, as entered by show of hands
    subject: Mapped[str] = mapped_column(Text)  # JSON: the wording checked (text, why, decision)
    governing: Mapped[str | None] = mapped_column(Text, default=None)  # JSON: the rule applied
    present: Mapped[int] = mapped_column(default=0)
    carried: Mapped[bool | None] = mapped_column(default=None)
    reason: Mapped[str | None] = mapped_column(String(30), default=None)
    created_at: Mapped[datetime]
    recorded_at: Mapped[datetime | None] = mapped_column(default=None)


class RuleCheckChoiceRow(Base):
    """One person's response in a check entered person by person."""

    __tablename__ = "rule_check_choices"
    __table_args__ = (UniqueConstraint("check_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("rule_checks.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    choice: Mapped[str] = mapped_column(String(20))


# -- decisions, action items and the meeting's record (facilitator.services.record) -------------


class DecisionRow(SoftDeleted, Base):
    """A proposal put to the group, its check or vote, and how it was disposed of."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_meeting_position", "meeting_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    # The decisions agenda item it was taken under; None when recorded outside one.
    item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id"), default=None)
    position: Mapped[int]
    wording: Mapped[str] = mapped_column(Text)
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    draws_on: Mapped[str] = mapped_column(Text, default="")
    rule: Mapped[str | None] = mapped_column(Text, default=None)  # JSON: an overriding rule, else None
    override_reason: Mapped[str] = mapped_column(Text, default="")
    scale: Mapped[str] = mapped_column(String(20))
    attempt: Mapped[int] = mapped_column(default=1)
    by_sector: Mapped[bool] = mapped_column(default=False)
    counts: Mapped[str] = mapped_column(Text)  # JSON: {sector key: {choice: count}}; key "" overall
    disposition: Mapped[str | None] = mapped_column(String(20), default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    # Frozen when the disposition is recorded, so later attendance changes do not rewrite history.
    outcome: Mapped[str | None] = mapped_column(Text, default=None)  # JSON
    recorded_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime]


class ActionItemRow(SoftDeleted, Base):
    __tablename__ = "action_items"
    __table_args__ = (Index("ix_action_items_collaborative_status", "collaborative_id", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    collaborative_id: Mapped[int] = mapped_column(ForeignKey("collaboratives.id"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"), default=None)
    position: Mapped[int]
    what: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[str | None] = mapped_column(String(10), default=None)  # ISO date
    status: Mapped[str] = mapped_column(String(20), default="open")
    # The meeting at which it was last marked done or dropped, for "done since last time".
    status_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), default=None)
    created_at: Mapped[datetime]


class ParkedItemRow(SoftDeleted, Base):
    """The parking lot: something raised that the group will take up another time."""

    __tablename__ = "parked_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class MeetingRecordRow(Base):
    """What the minutes say about the meeting as a whole, beyond its details."""

    __tablename__ = "meeting_records"
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="regular")  # regular, special, annual...
    # Approval of the previous meeting's minutes: "", "as_read" or "as_corrected".
    previous_approval: Mapped[str] = mapped_column(String(20), default="")
    correction: Mapped[str] = mapped_column(Text, default="")
    next_starts_at: Mapped[datetime | None] = mapped_column(default=None)
    next_place: Mapped[str] = mapped_column(String(300), default="")
    # When these minutes were approved (by the following meeting); None: still a draft.
    approved_on: Mapped[str | None] = mapped_column(String(10), default=None)  # ISO date


# -- ideas: brainstorming now; the nominal group and idea writing build on the same rows ---------


class BrainstormRow(Base):
    """One brainstorming agenda item's settings and the phase it is in."""

    __tablename__ = "brainstorms"
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), primary_key=True)
    attributed: Mapped[bool] = mapped_column(default=False)
    dots_per_person: Mapped[int]
    phases: Mapped[str] = mapped_column(String(100))  # the optional phases in use, comma-separated
    dot_entry: Mapped[str] = mapped_column(String(20))
    phase: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]


class IdeaThemeRow(SoftDeleted, Base):
    __tablename__ = "idea_themes"
    __table_args__ = (Index("ix_idea_themes_item_position", "item_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]


class IdeaRow(SoftDeleted, Base):
    """An idea put up in an agenda item. ``original`` keeps the wording it was first given."""

    __tablename__ = "ideas"
    __table_args__ = (
        Index("ix_ideas_item_number", "item_id", "number"),
        Index("ix_ideas_item_key", "item_id", "key"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)  # the text folded for finding exact duplicates quickly
    original: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("idea_themes.id"), default=None)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"), default=None)
    # The idea of an earlier item this one was carried over from, as a starting list.
    source_idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"), default=None)
    created_at: Mapped[datetime]


class IdeaDotsRow(Base):
    """Dots on one idea: one person's (who put dots where) or a total counted off the wall."""

    __tablename__ = "idea_dots"
    __table_args__ = (Index("ix_idea_dots_item_person", "item_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    count: Mapped[int]


# -- the nominal group technique: its steps, the clarification record, the cards ----------------


class NominalGroupRow(Base):
    """One nominal-group agenda item: the step it is at, the vote's rules and the round robin."""

    __tablename__ = "nominal_groups"
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), primary_key=True)
    step: Mapped[str] = mapped_column(String(20))
    picks: Mapped[int | None] = mapped_column(default=None)  # None: suggested for the list's length
    convention: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[str] = mapped_column(Text)  # JSON: step -> the step's time box in minutes
    anonymous: Mapped[bool] = mapped_column(default=False)
    seats: Mapped[int] = mapped_column(default=0)
    turn_order: Mapped[str] = mapped_column(Text, default="[]")  # JSON: people (or seats) in turn
    turn: Mapped[int] = mapped_column(default=0)
    passes: Mapped[int] = mapped_column(default=0)  # passes in a row
    round_ended: Mapped[bool] = mapped_column(default=False)
    clarifying_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"), default=None)
    clarify_started: Mapped[float | None] = mapped_column(default=None)  # seconds since the epoch
    # JSON: idea numbers, in the order the group put tied ideas in
    tie_order: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime]


class IdeaEditRow(Base):
    """A change made to an idea in clarification: a rewording, or a merge the group agreed to."""

    __tablename__ = "idea_edits"
    __table_args__ = (Index("ix_idea_edits_item", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    kind: Mapped[str] = mapped_column(String(20))
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    other_number: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class BallotRow(Base):
    """One paper card as typed: the ranks as written, with the rules it was counted by."""

    __tablename__ = "ballots"
    __table_args__ = (Index("ix_ballots_item_vote", "item_id", "vote"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    vote: Mapped[str] = mapped_column(String(20))
    card: Mapped[int]
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    ranks: Mapped[str] = mapped_column(Text)  # JSON: idea numbers, most important first
    convention: Mapped[str] = mapped_column(String(20))
    picks: Mapped[int]
    created_at: Mapped[datetime]


# -- idea writing and brainwriting: groups, sheets, the ideas typed in off them, summaries ---------


class IdeaWritingRow(Base):
    """One idea-writing agenda item: the variant, its numbers, the step and round it is at."""

    __tablename__ = "idea_writings"
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), primary_key=True)
    variant: Mapped[str] = mapped_column(String(20))
    group_size: Mapped[int]
    ideas_per_round: Mapped[int]
    minutes_per_round: Mapped[int]
    rounds: Mapped[int]
    mix_sectors: Mapped[bool] = mapped_column(default=True)
    direction: Mapped[str] = mapped_column(String(10), default="left")
    extra: Mapped[str] = mapped_column(Text, default="{}")  # JSON: round -> extra minutes
    step: Mapped[str] = mapped_column(String(20))
    round: Mapped[int] = mapped_column(default=0)
    report_group: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]


class WritingGroupRow(Base):
    __tablename__ = "writing_groups"
    __table_args__ = (Index("ix_writing_groups_item", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    position: Mapped[int]


class WritingMemberRow(Base):
    """A person in a group, and their sheet: ``seat`` is the sheet's number in the group."""

    __tablename__ = "writing_members"
    __table_args__ = (Index("ix_writing_members_item", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("writing_groups.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    seat: Mapped[int]


class WritingEntryRow(Base):
    """Where on which sheet an idea was written, and what it builds on. The words are the idea's."""

    __tablename__ = "writing_entries"
    __table_args__ = (Index("ix_writing_entries_item", "item_id"),)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("writing_members.id"))
    round: Mapped[int]
    slot: Mapped[int]
    builds_on_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"), default=None)


class WritingSummaryRow(Base):
    """One of a group's main ideas: picked from its sheets (``idea_id``) or written for it."""

    __tablename__ = "writing_summaries"
    __table_args__ = (Index("ix_writing_summaries_item", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("writing_groups.id"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"), default=None)
    created_at: Mapped[datetime]
