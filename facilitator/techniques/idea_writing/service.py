"""Idea writing and brainwriting, one transaction per action.

Undo works by rows, as in the other techniques: an action captures its item's rows of the tables
it may change (and, when it sends ideas on, the later item's ideas), before and after; putting
either back is the undo or the redo. An item holds a few dozen sheets and a few hundred ideas.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.errors import InvalidValue, NotAllowed, NotFound
from facilitator.domain.model import AgendaKind
from facilitator.services import rowset
from facilitator.services.attendance import present_people
from facilitator.services.base import Service, load
from facilitator.services.item_rows import ItemRows
from facilitator.storage.models import (
    AgendaItemRow,
    IdeaRow,
    IdeaWritingRow,
    WritingEntryRow,
    WritingGroupRow,
    WritingMemberRow,
    WritingSummaryRow,
)
from facilitator.storage.store import raw
from facilitator.techniques.brainstorming.model import IDEA_LIMIT, IdeaProblem, IdeaRefused, Person, idea_key
from facilitator.techniques.brainstorming.service import BrainstormService, copy_to_list, forget_ideas
from facilitator.techniques.idea_writing.model import (
    MAX_GROUP,
    MAX_IDEAS_PER_ROUND,
    MAX_ROUND_MINUTES,
    MAX_ROUNDS,
    MIN_GROUP,
    SUMMARY_LIMIT,
    Direction,
    Entry,
    Group,
    Member,
    Settings,
    Step,
    Summary,
    Variant,
    WritingProblem,
    WritingRefused,
    WritingView,
    default_builds_on,
    defaults,
    split_groups,
    writer,
)

# Parents first. ``target`` is a later item a send puts ideas on (0 when there is none).
_OWNED = (
    rowset.Owned("idea_writings", "item_id", "item_id = :item"),
    rowset.Owned("brainstorms", "item_id", "item_id = :target"),
    rowset.Owned("writing_groups", "id", "item_id = :item"),
    rowset.Owned("writing_members", "id", "item_id = :item"),
    rowset.Owned("ideas", "id", "item_id IN (:item, :target)"),
    rowset.Owned("writing_entries", "idea_id", "item_id = :item"),
    rowset.Owned("writing_summaries", "id", "item_id = :item"),
)
SETTINGS, BRAINSTORMS, GROUPS, MEMBERS, IDEAS, ENTRIES, SUMMARIES = (spec.table for spec in _OWNED)
UNSET = -1  # "builds on what the sheet suggests": the idea above, on a 6-3-5 sheet


@dataclass(frozen=True)
class Change:
    view: WritingView
    before: rowset.RowSet
    after: rowset.RowSet
    sent: int = 0  # ideas carried to a later item
    skipped: int = 0  # of those, ideas it already had


class _Changing(ItemRows[WritingView]):
    sent = skipped = 0  # a send: ideas carried to a later item, and those it had already

    @property
    def result(self) -> Change:
        return Change(self.view, self.before, self.after, self.sent, self.skipped)


class IdeaWritingService(Service):
    # -- reading --------------------------------------------------------------------------------
    def view(self, item_id: int) -> WritingView:
        with self.store.transaction() as session:
            return _view(session, item_id)

    def open(self, item_id: int) -> WritingView:
        with self.store.transaction() as session:
            self.open_in(session, item_id)
            return _view(session, item_id)

    def open_in(self, session: Session, item_id: int) -> IdeaWritingRow:
        row = session.get(IdeaWritingRow, item_id)
        if row is not None:
            return row
        item = load(session, AgendaItemRow, item_id)
        if item.kind != AgendaKind.IDEA_WRITING.value:
            raise NotAllowed("not an idea writing item")
        row = IdeaWritingRow(item_id=item_id, created_at=self.now(), **_columns(Settings()))
        session.add(row)
        session.flush()
        return row

    # -- where the room is: not undo steps -------------------------------------------------------
    def set_step(self, item_id: int, step: Step) -> WritingView:
        with self.store.transaction() as session:
            self.open_in(session, item_id).step = Step(step).value
            return _view(session, item_id)

    def set_round(self, item_id: int, round_number: int) -> WritingView:
        """The round being written (0: not started); the projector shows whose sheet to pass."""
        with self.store.transaction() as session:
            row = self.open_in(session, item_id)
            if not 0 <= round_number <= row.rounds:
                raise WritingRefused(WritingProblem.ROUND_RANGE, round_number, row.rounds)
            row.round = round_number
            return _view(session, item_id)

    def set_report_group(self, item_id: int, group_id: int) -> WritingView:
        with self.store.transaction() as session:
            row = self.open_in(session, item_id)
            if group_id and group_id not in {g.id for g in _rows(session, WritingGroupRow, item_id)}:
                raise WritingRefused(WritingProblem.NO_GROUPS)
            row.report_group = group_id
            return _view(session, item_id)

    # -- settings -------------------------------------------------------------------------------
    def set_variant(self, item_id: int, variant: Variant) -> Change:
        """Another variant, with its usual numbers (which can then be changed)."""
        with self._change(item_id) as change:
            usual = defaults(Variant(variant))
            sizes = _group_sizes(change.session, item_id)
            # Groups made already: a round for each person in the biggest.
            _refuse_cutting(
                change.session, item_id, usual.ideas_per_round, max(sizes) if sizes else usual.rounds
            )
            row = change.settings
            for name, value in _columns(usual).items():
                if name not in ("step", "round", "report_group", "mix_sectors", "direction", "extra"):
                    setattr(row, name, value)
            if sizes:
                row.rounds = max(sizes)
            row.round = min(row.round, row.rounds)
        return change.result

    def set_numbers(
        self, item_id: int, *, group_size: int, ideas_per_round: int, minutes_per_round: int, rounds: int
    ) -> Change:
        for name, value, low, high in (
            ("group_size", group_size, MIN_GROUP, MAX_GROUP),
            ("ideas_per_round", ideas_per_round, 1, MAX_IDEAS_PER_ROUND),
            ("minutes_per_round", minutes_per_round, 1, MAX_ROUND_MINUTES),
            ("rounds", rounds, 1, MAX_ROUNDS),
        ):
            if not low <= value <= high:
                raise InvalidValue(name, value, low, high)
        with self._change(item_id) as change:
            row = change.settings
            if ideas_per_round < row.ideas_per_round or rounds < row.rounds:
                _refuse_cutting(change.session, item_id, ideas_per_round, rounds)
            row.group_size, row.ideas_per_round = group_size, ideas_per_round
            row.minutes_per_round, row.rounds = minutes_per_round, rounds
            row.round = min(row.round, rounds)
        return change.result

    def set_mix_sectors(self, item_id: int, mix: bool) -> Change:
        with self._change(item_id) as change:
            change.settings.mix_sectors = mix
        return change.result

    def set_direction(self, item_id: int, direction: Direction) -> Change:
        with self._change(item_id) as change:
            change.settings.direction = Direction(direction).value
        return change.result

    def set_extra(self, item_id: int, round_number: int, minutes: int) -> Change:
        """Extra minutes for one round: later rounds, with more to read, often need them."""
        if not 0 <= minutes <= MAX_ROUND_MINUTES:
            raise InvalidValue("extra_minutes", minutes, 0, MAX_ROUND_MINUTES)
        with self._change(item_id) as change:
            row = change.settings
            if not 1 <= round_number <= row.rounds:
                raise WritingRefused(WritingProblem.ROUND_RANGE, round_number, row.rounds)
            extra = {int(k): v for k, v in json.loads(row.extra).items()}
            extra[round_number] = minutes
            row.extra = json.dumps({str(k): v for k, v in sorted(extra.items()) if v})
        return change.result

    # -- groups ---------------------------------------------------------------------------------
    def make_groups(self, item_id: int) -> Change:
        """Everyone present into groups of the size set (sectors mixed if asked). Groups made
        before are replaced, unless sheets of theirs are already typed in."""
        with self._change(item_id, GROUPS, MEMBERS, SUMMARIES) as change:
            session, db = change.session, raw(change.session)
            if _count(db, "writing_entries", item_id):
                raise NotAllowed("sheets already typed in")
            meeting_id = load(session, AgendaItemRow, item_id).meeting_id
            people = [(pid, sector) for pid, _name, sector in present_people(session, meeting_id)]
            if not people:
                raise WritingRefused(WritingProblem.NOBODY)
            for table in ("writing_summaries", "writing_members", "writing_groups"):
                db.execute(f"DELETE FROM {table} WHERE item_id = ?", (item_id,))
            groups = split_groups(people, change.settings.group_size, change.settings.mix_sectors)
            # As many rounds as the biggest group has people: each writes on every sheet (or pad) once.
            change.settings.rounds = max(len(g) for g in groups)
            change.settings.round = min(change.settings.round, change.settings.rounds)
            for position, members in enumerate(groups):
                group = WritingGroupRow(item_id=item_id, position=position)
                session.add(group)
                session.flush()
                session.add_all(
                    WritingMemberRow(item_id=item_id, group_id=group.id, person_id=pid, seat=seat)
                    for seat, pid in enumerate(members, start=1)
                )
        return change.result

    def move_person(self, item_id: int, person_id: int, group_id: int | None) -> Change:
        """Into another group (at the end of it), out of all (None), or, for someone who came
        late, into a group for the first time. A sheet already typed in stays where it is."""
        with self._change(item_id, GROUPS, MEMBERS) as change:
            session = change.session
            groups = {g.id: g for g in _rows(session, WritingGroupRow, item_id)}
            if group_id is not None and group_id not in groups:
                raise WritingRefused(WritingProblem.NO_GROUPS)
            members = _rows(session, WritingMemberRow, item_id)
            current = next((m for m in members if m.person_id == person_id), None)
            if current is not None and current.group_id == group_id:
                change.unchanged()  # already in that group
            else:
                self._move(change, groups, members, current, person_id, group_id)
        return change.result

    def _move(
        self,
        change: _Changing,
        groups: dict[int, WritingGroupRow],
        members: list[WritingMemberRow],
        current: WritingMemberRow | None,
        person_id: int,
        group_id: int | None,
    ) -> None:
        session, item_id = change.session, change.item_id
        if current is None:
            meeting_id = load(session, AgendaItemRow, item_id).meeting_id
            if person_id not in {pid for pid, _n, _s in present_people(session, meeting_id)}:
                raise WritingRefused(WritingProblem.NOT_PRESENT)
        else:
            if _count(raw(session), "writing_entries", item_id, "member_id", current.id):
                raise NotAllowed("this sheet is already typed in")
            left = sorted((m for m in members if m.group_id == current.group_id and m is not current),
                          key=lambda m: m.seat)  # fmt: skip
            if not left:
                raise WritingRefused(WritingProblem.EMPTY_GROUP)
            # Seats close up below: a group whose sheets are typed in keeps its marks as printed.
            if _group_typed(session, item_id, current.group_id):
                raise WritingRefused(WritingProblem.GROUP_TYPED, groups[current.group_id].position)
            session.delete(current)
            session.flush()
            for seat, member in enumerate(left, start=1):
                member.seat = seat  # the seats close up, so the sheets still go round in turn
        if group_id is not None:
            if _group_typed(session, item_id, group_id):
                raise WritingRefused(WritingProblem.GROUP_TYPED, groups[group_id].position)
            seats = [m.seat for m in members if m.group_id == group_id and m is not current]
            session.add(WritingMemberRow(item_id=item_id, group_id=group_id, person_id=person_id,
                                         seat=max(seats, default=0) + 1))  # fmt: skip
        session.flush()
        sizes = _group_sizes(session, item_id)
        if sizes and change.settings.variant == Variant.IDEA_WRITING.value:
            change.settings.rounds = max(sizes)  # each pad goes once round its group, however big

    # -- typing the sheets in -------------------------------------------------------------------
    def add_entry(
        self, member_id: int, round_number: int, slot: int, wording: str, builds_on: int | None = UNSET
    ) -> Change:
        """An idea off a sheet: its row (round) and place in the row. Unless said otherwise it
        builds on the idea above it on the sheet."""
        cleaned = text.required("idea", wording, IDEA_LIMIT)
        with self._change_of(WritingMemberRow, member_id, IDEAS, ENTRIES) as change:
            session, item_id = change.session, change.item_id
            view = _view(session, item_id)
            self._check_place(view, member_id, round_number, slot)
            if builds_on == UNSET:
                builds_on = default_builds_on(view.entries, member_id, round_number, slot)
            self._check_builds_on(view, round_number, member_id, builds_on)
            db = raw(session)
            (number,) = db.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM ideas WHERE item_id = ?", (item_id,)
            ).fetchone()
            idea = IdeaRow(item_id=item_id, number=number, text=cleaned, key=idea_key(cleaned), original=cleaned,
                           person_id=_writer(view, member_id, round_number), created_at=self.now())  # fmt: skip
            session.add(idea)
            session.flush()
            session.add(WritingEntryRow(idea_id=idea.id, item_id=item_id, member_id=member_id,
                                        round=round_number, slot=slot, builds_on_id=builds_on))  # fmt: skip
        return change.result

    def edit_entry(self, idea_id: int, wording: str) -> Change:
        cleaned = text.required("idea", wording, IDEA_LIMIT)
        with self._change_of(WritingEntryRow, idea_id, IDEAS) as change:
            row = self._idea(change, idea_id)
            row.text, row.key = cleaned, idea_key(cleaned)
        return change.result

    def set_builds_on(self, idea_id: int, builds_on: int | None) -> Change:
        with self._change_of(WritingEntryRow, idea_id, ENTRIES) as change:
            entry = load(change.session, WritingEntryRow, idea_id)
            self._idea(change, idea_id)
            view = _view(change.session, change.item_id)
            self._check_builds_on(view, entry.round, entry.member_id, builds_on, besides=idea_id)
            entry.builds_on_id = builds_on
        return change.result

    def remove_entry(self, idea_id: int) -> Change:
        """Take an idea off (typed in by mistake); ideas that built on it now build on nothing."""
        with self._change_of(WritingEntryRow, idea_id, IDEAS, ENTRIES, SUMMARIES) as change:
            session = change.session
            self._idea(change, idea_id).deleted_at = self.now()
            for entry in _rows(session, WritingEntryRow, change.item_id):
                if entry.builds_on_id == idea_id:
                    entry.builds_on_id = None
            for summary in _rows(session, WritingSummaryRow, change.item_id):
                if summary.idea_id == idea_id:
                    summary.idea_id = None  # the summary keeps its words
            session.delete(load(session, WritingEntryRow, idea_id))
        return change.result

    # -- group summaries ------------------------------------------------------------------------
    def add_summary(self, group_id: int, wording: str | None = None, idea_id: int | None = None) -> Change:
        """One of the group's main ideas: picked from its sheets, or written for it."""
        with self._change_of(WritingGroupRow, group_id, SUMMARIES) as change:
            session = change.session
            if idea_id is not None:
                idea = self._idea(change, idea_id)
                sheet = load(session, WritingEntryRow, idea_id).member_id
                if load(session, WritingMemberRow, sheet).group_id != group_id:
                    raise WritingRefused(WritingProblem.OTHER_GROUP)
                words = text.required("summary", wording if wording is not None else idea.text, SUMMARY_LIMIT)
            else:
                words = text.required("summary", wording or "", SUMMARY_LIMIT)
            position = len(
                [s for s in _rows(session, WritingSummaryRow, change.item_id) if s.group_id == group_id]
            )
            session.add(WritingSummaryRow(item_id=change.item_id, group_id=group_id, position=position,
                                          text=words, idea_id=idea_id, created_at=self.now()))  # fmt: skip
        return change.result

    def edit_summary(self, summary_id: int, wording: str) -> Change:
        words = text.required("summary", wording, SUMMARY_LIMIT)
        with self._change_of(WritingSummaryRow, summary_id, SUMMARIES) as change:
            load(change.session, WritingSummaryRow, summary_id).text = words
        return change.result

    def remove_summary(self, summary_id: int) -> Change:
        with self._change_of(WritingSummaryRow, summary_id, SUMMARIES) as change:
            row = load(change.session, WritingSummaryRow, summary_id)
            change.session.delete(row)
            change.session.flush()
            self._renumber(change, row.group_id)
        return change.result

    def move_summary(self, summary_id: int, position: int) -> Change:
        with self._change_of(WritingSummaryRow, summary_id, SUMMARIES) as change:
            row = load(change.session, WritingSummaryRow, summary_id)
            order = [s for s in self._of_group(change, row.group_id) if s.id != summary_id]
            order.insert(max(0, min(position, len(order))), row)
            for index, summary in enumerate(order):
                summary.position = index
        return change.result

    # -- starting lists -------------------------------------------------------------------------
    def send(
        self, item_id: int, idea_ids: Sequence[int], summary_ids: Sequence[int], target_id: int
    ) -> Change:
        """Ideas off the sheets and group summaries, in the order given, to the end of a later
        item's list (a brainstorm or a nominal group). Words it already has are not copied twice."""
        if not idea_ids and not summary_ids:
            raise IdeaRefused(IdeaProblem.NOTHING_CHOSEN)
        with self._change(item_id, IDEAS, BRAINSTORMS, target=target_id) as change:
            session = change.session
            if target_id not in {t.item_id for t in BrainstormService.targets_in(session, item_id)}:
                raise IdeaRefused(IdeaProblem.NO_TARGET)
            if load(session, AgendaItemRow, target_id).kind == AgendaKind.BRAINSTORMING.value:
                BrainstormService(self.store, self.now).open_in(session, target_id)
            view = _view(session, item_id)
            chosen: list[tuple[str, int | None]] = []
            for idea_id in idea_ids:
                entry = view.entry(idea_id)
                if entry is None:
                    raise IdeaRefused(IdeaProblem.OTHER_ITEM)
                chosen.append((entry.text, entry.id))
            summaries = {s.id: s for s in view.summaries}
            for summary_id in summary_ids:
                if summary_id not in summaries:
                    raise IdeaRefused(IdeaProblem.OTHER_ITEM)
                summary = summaries[summary_id]
                chosen.append((summary.text, summary.idea_id))
            made = copy_to_list(session, target_id, chosen, self.now())
            change.sent, change.skipped = len(made), len(chosen) - len(made)
        return change.result

    # -- undo -----------------------------------------------------------------------------------
    def restore(self, rows: rowset.RowSet) -> WritingView:
        """Put back the rows an action captured. Where the room is (step, round, the group
        reporting) is not part of any change and stays."""
        params = dict(rows.params)
        item_id = int(params["item"])  # type: ignore[call-overload]
        captured = {table for table, _columns, _data in rows.tables}
        with self.store.transaction() as session:
            db = raw(session)
            kept = db.execute(
                "SELECT step, round, report_group FROM idea_writings WHERE item_id = ?", (item_id,)
            ).fetchone()
            if IDEAS in captured:
                target = int(params.get("target", 0) or 0)  # type: ignore[call-overload]
                now = {
                    i
                    for (i,) in db.execute("SELECT id FROM ideas WHERE item_id IN (?, ?)", (item_id, target))
                }
                forget_ideas(db, now - rows.keys(IDEAS, "id"))
            rowset.put_back(db, [s for s in _OWNED if s.table in captured], rows)
            if kept is not None:
                db.execute(
                    "UPDATE idea_writings SET step = ?, round = MIN(?, rounds), report_group = ? WHERE item_id = ?",
                    (*kept, item_id),
                )
            session.expire_all()
            return _view(session, item_id)

    # -- internals ------------------------------------------------------------------------------
    def _change(self, item_id: int, *tables: str, target: int = 0) -> _Changing:
        return _Changing(self.store, _OWNED, IdeaWritingRow, _view, tables=tables, item_id=item_id,
                         params={"target": target}, never_opened="idea writing never opened")  # fmt: skip

    def _change_of(self, row_type: type, key: int, *tables: str) -> _Changing:
        return _Changing(self.store, _OWNED, IdeaWritingRow, _view, tables=tables, lookup=(row_type, key),
                         params={"target": 0}, never_opened="idea writing never opened")  # fmt: skip

    @staticmethod
    def _idea(change: _Changing, idea_id: int) -> IdeaRow:
        row = load(change.session, IdeaRow, idea_id)
        if row.item_id != change.item_id:
            raise IdeaRefused(IdeaProblem.OTHER_ITEM)
        if row.deleted_at is not None:
            raise NotFound("ideas", idea_id)
        return row

    @staticmethod
    def _check_place(view: WritingView, member_id: int, round_number: int, slot: int) -> None:
        rounds = view.rounds_on(member_id)
        if not 1 <= round_number <= rounds:
            raise WritingRefused(WritingProblem.ROUND_RANGE, round_number, rounds)
        if not 1 <= slot <= view.settings.ideas_per_round:
            raise WritingRefused(WritingProblem.SLOT_RANGE, slot, view.settings.ideas_per_round)
        if any(e.member_id == member_id and e.round == round_number and e.slot == slot for e in view.entries):
            raise WritingRefused(WritingProblem.SLOT_TAKEN, slot, round_number)

    @staticmethod
    def _check_builds_on(
        view: WritingView, round_number: int, member_id: int, builds_on: int | None, besides: int = 0
    ) -> None:
        """An idea builds on one of the same sheet written in an earlier round."""
        if builds_on is None:
            return
        other = view.entry(builds_on)
        if other is None:
            raise IdeaRefused(IdeaProblem.OTHER_ITEM)
        if other.id == besides:  # itself: not written before itself
            raise WritingRefused(WritingProblem.BUILDS_ON_LATER, other.number, round_number)
        if other.member_id != member_id or other.round >= round_number:
            raise WritingRefused(WritingProblem.BUILDS_ON_LATER, other.number, round_number)

    def _of_group(self, change: _Changing, group_id: int) -> list[WritingSummaryRow]:
        return sorted(
            (s for s in _rows(change.session, WritingSummaryRow, change.item_id) if s.group_id == group_id),
            key=lambda s: (s.position, s.id),
        )

    def _renumber(self, change: _Changing, group_id: int) -> None:
        for index, summary in enumerate(self._of_group(change, group_id)):
            summary.position = index


# -- helpers ---------------------------------------------------------------------------------------
def _columns(settings: Settings) -> dict[str, object]:
    return {
        "variant": settings.variant.value,
        "group_size": settings.group_size,
        "ideas_per_round": settings.ideas_per_round,
        "minutes_per_round": settings.minutes_per_round,
        "rounds": settings.rounds,
        "mix_sectors": settings.mix_sectors,
        "direction": settings.direction.value,
        "extra": json.dumps({str(r): m for r, m in settings.extra}),
        "step": settings.step.value,
        "round": settings.round,
        "report_group": settings.report_group,
    }


def _settings(row: IdeaWritingRow | None) -> Settings:
    if row is None:
        return Settings()
    return Settings(
        variant=Variant(row.variant),
        group_size=row.group_size,
        ideas_per_round=row.ideas_per_round,
        minutes_per_round=row.minutes_per_round,
        rounds=row.rounds,
        mix_sectors=row.mix_sectors,
        direction=Direction(row.direction),
        extra=tuple(sorted((int(k), int(v)) for k, v in json.loads(row.extra).items())),
        step=Step(row.step),
        round=row.round,
        report_group=row.report_group,
    )


def _rows(session: Session, row_type: type, item_id: int) -> list:  # type: ignore[type-arg]
    return list(session.query(row_type).filter(row_type.item_id == item_id))  # type: ignore[attr-defined]


def _count(db: object, table: str, item_id: int, column: str = "", value: int = 0) -> int:
    extra = f" AND {column} = ?" if column else ""
    args = (item_id, value) if column else (item_id,)
    (count,) = db.execute(f"SELECT COUNT(*) FROM {table} WHERE item_id = ?{extra}", args).fetchone()  # type: ignore[attr-defined]
    return int(count)


def _group_sizes(session: Session, item_id: int) -> list[int]:
    return [
        count
        for (count,) in raw(session).execute(
            "SELECT COUNT(*) FROM writing_members WHERE item_id = ? GROUP BY group_id", (item_id,)
        )
    ]


def _group_typed(session: Session, item_id: int, group_id: int) -> bool:
    (count,) = (
        raw(session)
        .execute(
            "SELECT COUNT(*) FROM writing_entries e JOIN writing_members m ON m.id = e.member_id"
            " JOIN ideas i ON i.id = e.idea_id WHERE e.item_id = ? AND m.group_id = ? AND i.deleted_at IS NULL",
            (item_id, group_id),
        )
        .fetchone()
    )
    return bool(count)


def _refuse_cutting(session: Session, item_id: int, ideas_per_round: int, rounds: int) -> None:
    """Fewer rounds or places than sheets already typed in use would leave ideas nowhere."""
    found = (
        raw(session)
        .execute(
            "SELECT MAX(e.round), MAX(e.slot) FROM writing_entries e JOIN ideas i ON i.id = e.idea_id"
            " WHERE e.item_id = ? AND i.deleted_at IS NULL",
            (item_id,),
        )
        .fetchone()
    )
    last_round, last_slot = found if found else (None, None)
    if last_round is not None and last_round > rounds:
        raise WritingRefused(WritingProblem.TYPED_BEYOND, last_round, rounds)
    if last_slot is not None and last_slot > ideas_per_round:
        raise WritingRefused(WritingProblem.TYPED_BEYOND, last_slot, ideas_per_round)


def _writer(view: WritingView, member_id: int, round_number: int) -> int | None:
    """Who wrote that row of the sheet: its owner in round 1, then each neighbour in turn."""
    member = view.member(member_id)
    group = view.group(member.group_id) if member else None
    if member is None or group is None or not group.members:
        return None
    seat = writer(member.seat, round_number, len(group.members), view.settings.direction)
    return next((m.person_id for m in group.members if m.seat == seat), None)


def _view(session: Session, item_id: int) -> WritingView:
    db = raw(session)
    found = db.execute(
        "SELECT meeting_id, title, prompt FROM agenda_items WHERE id = ?", (item_id,)
    ).fetchone()
    if found is None:
        raise NotFound("agenda_items", item_id)
    meeting_id, title, prompt = found
    settings = _settings(session.get(IdeaWritingRow, item_id))
    in_room = present_people(session, meeting_id)
    present = tuple(Person(pid, name) for pid, name, _sector in in_room)
    people = {
        pid: (name, sector or "")
        for pid, name, sector in db.execute(
            "SELECT p.id, p.name, s.name FROM writing_members m JOIN people p ON p.id = m.person_id"
            " LEFT JOIN sectors s ON s.id = p.sector_id WHERE m.item_id = ?",
            (item_id,),
        )
    }
    sectors = {pid: sector for pid, _name, sector in in_room} | {pid: s for pid, (_n, s) in people.items()}
    members: dict[int, list[Member]] = {}
    for mid, gid, pid, seat in db.execute(
        "SELECT id, group_id, person_id, seat FROM writing_members WHERE item_id = ? ORDER BY seat, id",
        (item_id,),
    ):
        name, sector = people.get(pid, ("", ""))
        members.setdefault(gid, []).append(Member(mid, gid, pid, seat, name, sector))
    groups = tuple(
        Group(gid, position, tuple(members.get(gid, ())))
        for gid, position in db.execute(
            "SELECT id, position FROM writing_groups WHERE item_id = ? ORDER BY position, id", (item_id,)
        )
    )
    entries = tuple(
        Entry(*values)
        for values in db.execute(
            "SELECT i.id, i.number, e.member_id, e.round, e.slot, i.text, e.builds_on_id FROM writing_entries e"
            " JOIN ideas i ON i.id = e.idea_id WHERE e.item_id = ? AND i.deleted_at IS NULL ORDER BY i.number",
            (item_id,),
        )
    )
    summaries = tuple(
        Summary(*values)
        for values in db.execute(
            "SELECT id, group_id, position, text, idea_id FROM writing_summaries WHERE item_id = ?"
            " ORDER BY group_id, position, id",
            (item_id,),
        )
    )
    return WritingView(
        item_id=item_id,
        meeting_id=meeting_id,
        title=title,
        question=prompt or title,
        settings=settings,
        groups=groups,
        entries=entries,
        summaries=summaries,
        present=present,
        sectors=sectors,
    )
