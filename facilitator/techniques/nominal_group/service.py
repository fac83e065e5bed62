"""The nominal group technique, one transaction per action.

Undo works by rows: each action names the tables it may change (the item's settings row always),
their rows of this item are captured before and after, and putting either back is the undo or the
redo. A nominal group holds tens or a few hundred ideas and a few dozen cards, so reading an item's
rows whole stays in the low milliseconds.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.errors import InvalidValue, NotAllowed, NotFound
from facilitator.domain.model import AgendaKind
from facilitator.services import rowset
from facilitator.services.attendance import present_people
from facilitator.services.base import Service, load
from facilitator.services.item_rows import ItemRows
from facilitator.storage.models import AgendaItemRow, BallotRow, IdeaEditRow, IdeaRow, NominalGroupRow
from facilitator.storage.store import raw
from facilitator.techniques.brainstorming.model import IDEA_LIMIT, IdeaProblem, IdeaRefused, Person, idea_key
from facilitator.techniques.nominal_group.model import (
    DEFAULT_MINUTES,
    MAX_PICKS,
    MAX_SEATS,
    MAX_STEP_MINUTES,
    Ballot,
    Convention,
    Edit,
    EditKind,
    GroupProblem,
    GroupRefused,
    Idea,
    NominalGroupView,
    RoundRobin,
    Settings,
    Step,
    Vote,
    read_ballot,
)

NOTE_LIMIT = 300

_OWNED = (
    rowset.Owned("nominal_groups", "item_id", "item_id = :item"),
    rowset.Owned("ideas", "id", "item_id = :item"),
    rowset.Owned("idea_edits", "id", "item_id = :item"),
    rowset.Owned("ballots", "id", "item_id = :item"),
)
SETTINGS, IDEAS, EDITS, BALLOTS = (spec.table for spec in _OWNED)


@dataclass(frozen=True)
class Change:
    view: NominalGroupView
    before: rowset.RowSet
    after: rowset.RowSet


class _Changing(ItemRows[NominalGroupView]):
    @property
    def result(self) -> Change:
        return Change(self.view, self.before, self.after)


class NominalGroupService(Service):
    # -- reading --------------------------------------------------------------------------------
    def view(self, item_id: int) -> NominalGroupView:
        with self.store.transaction() as session:
            return _view(session, item_id)

    def open(self, item_id: int) -> NominalGroupView:
        """The item's nominal group, set up with the usual settings on first opening."""
        with self.store.transaction() as session:
            self.open_in(session, item_id)
            return _view(session, item_id)

    def open_in(self, session: Session, item_id: int) -> NominalGroupRow:
        row = session.get(NominalGroupRow, item_id)
        if row is not None:
            return row
        item = load(session, AgendaItemRow, item_id)
        if item.kind != AgendaKind.NOMINAL_GROUP.value:
            raise NotAllowed("not a nominal group item")
        defaults = Settings()
        row = NominalGroupRow(
            item_id=item_id,
            step=defaults.step.value,
            picks=None,
            convention=defaults.convention.value,
            minutes=json.dumps({s.value: m for s, m in DEFAULT_MINUTES.items()}),
            created_at=self.now(),
        )
        session.add(row)
        session.flush()
        return row

    # -- where the group is: like changing agenda step, not an undo step --------------------------
    def set_step(self, item_id: int, step: Step) -> NominalGroupView:
        with self.store.transaction() as session:
            row = self.open_in(session, item_id)
            row.step = Step(step).value
            if step is Step.CLARIFY and row.clarifying_id is None:
                first = _listed_ids(session, item_id)
                if first:
                    row.clarifying_id, row.clarify_started = first[0], time.time()
            return _view(session, item_id)

    def clarify(self, item_id: int, idea_id: int | None) -> NominalGroupView:
        """Put one idea up for clarification; its own timer starts again."""
        with self.store.transaction() as session:
            row = self.open_in(session, item_id)
            if idea_id is not None and idea_id not in _listed_ids(session, item_id):
                raise NotFound("ideas", idea_id)
            row.clarifying_id = idea_id
            row.clarify_started = time.time() if idea_id is not None else None
            return _view(session, item_id)

    # -- settings -------------------------------------------------------------------------------
    def set_minutes(self, item_id: int, step: Step, minutes: int) -> Change:
        if not 1 <= minutes <= MAX_STEP_MINUTES:
            raise InvalidValue("step_minutes", minutes, 1, MAX_STEP_MINUTES)
        with self._change(item_id) as change:
            boxes = json.loads(change.settings.minutes)
            boxes[Step(step).value] = minutes
            change.settings.minutes = json.dumps(boxes)
        return change.result

    def set_picks(self, item_id: int, picks: int | None) -> Change:
        """How many ideas each card ranks; None goes back to the suggestion for the list."""
        if picks is not None and not 1 <= picks <= MAX_PICKS:
            raise InvalidValue("picks", picks, 1, MAX_PICKS)
        with self._change(item_id) as change:
            self._refuse_under_cards(change)
            change.settings.picks = picks
        return change.result

    def set_convention(self, item_id: int, convention: Convention) -> Change:
        with self._change(item_id) as change:
            self._refuse_under_cards(change)
            change.settings.convention = Convention(convention).value
        return change.result

    def set_anonymous(self, item_id: int, anonymous: bool, seats: int = 0) -> Change:
        """Turns and cards by seat number (anonymous) or by name. Going anonymous needs seats."""
        if anonymous and not 1 <= seats <= MAX_SEATS:
            raise InvalidValue("seats", seats, 1, MAX_SEATS)
        with self._change(item_id) as change:
            row = change.settings
            if row.anonymous != anonymous:
                row.turn_order, row.turn, row.passes = "[]", 0, 0  # names and seats do not mix
            row.anonymous = anonymous
            if anonymous:
                row.seats = seats
        return change.result

    # -- the round robin ------------------------------------------------------------------------
    def reorder(self, item_id: int, order: Sequence[int]) -> Change:
        """A new order of turns (people, or seats); whoever had the turn keeps it."""
        with self._change(item_id) as change:
            robin = _view(change.session, item_id).robin
            if sorted(order) != sorted(robin.order):
                raise NotAllowed("the new order must hold everyone taking turns, once each")
            _keep_robin(change.settings, robin.reorder(order))
        return change.result

    def record_idea(self, item_id: int, wording: str) -> Change:
        """The idea of the person whose turn it is: numbered, and the turn moves on. With the round
        ended (or nobody taking turns) it is added without moving any turn."""
        cleaned = text.required("idea", wording, IDEA_LIMIT)
        with self._change(item_id, IDEAS) as change:
            db = raw(change.session)
            key = _refuse_same_words(change.session, item_id, cleaned)
            (number,) = db.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM ideas WHERE item_id = ?", (item_id,)
            ).fetchone()
            change.session.add(
                IdeaRow(item_id=item_id, number=number, text=cleaned, key=key, original=cleaned,
                        created_at=self.now())
            )  # fmt: skip
            robin = _view(change.session, item_id, with_ideas=False).robin
            if robin.order and not robin.ended:
                _keep_robin(change.settings, robin.idea())
        return change.result

    def pass_turn(self, item_id: int) -> Change:
        with self._change(item_id) as change:
            robin = _view(change.session, item_id, with_ideas=False).robin
            if not robin.order:
                raise GroupRefused(GroupProblem.NO_TURNS)
            if robin.ended:
                raise NotAllowed("the round robin has ended")
            _keep_robin(change.settings, robin.pass_turn())
        return change.result

    def end_round(self, item_id: int) -> Change:
        with self._change(item_id) as change:
            change.settings.round_ended = True
        return change.result

    def reopen_round(self, item_id: int) -> Change:
        with self._change(item_id) as change:
            robin = _view(change.session, item_id, with_ideas=False).robin
            _keep_robin(change.settings, robin.reopen())
        return change.result

    # -- clarification ----------------------------------------------------------------------------
    def edit_idea(self, idea_id: int, wording: str) -> Change:
        """New wording agreed in clarification; every earlier wording stays in the history."""
        cleaned = text.required("idea", wording, IDEA_LIMIT)
        with self._change_of_idea(idea_id, IDEAS, EDITS) as change:
            row = load(change.session, IdeaRow, idea_id)
            if row.text == cleaned:
                change.unchanged()  # the same words again: nothing to record
            else:
                key = _refuse_same_words(change.session, row.item_id, cleaned, besides=idea_id)
                change.session.add(
                    IdeaEditRow(item_id=row.item_id, idea_id=idea_id, kind=EditKind.REWORDED.value,
                                before=row.text, after=cleaned, created_at=self.now())
                )  # fmt: skip
                row.text, row.key = cleaned, key
        return change.result

    def merge(self, into: int, others: Sequence[int], agreed: bool, note: str = "") -> Change:
        """Fold ideas into one, only with the group's agreement, which the record keeps."""
        if not agreed:
            raise GroupRefused(GroupProblem.NOT_AGREED)
        how = text.optional("note", note, NOTE_LIMIT)
        with self._change_of_idea(into, IDEAS, EDITS) as change:
            session = change.session
            target = self._live(change, into)
            parts = [self._live(change, i) for i in dict.fromkeys(others) if i != into]
            if not parts:
                raise IdeaRefused(IdeaProblem.MERGE_NOTHING)
            for part in [target, *parts]:
                _refuse_on_cards(session, change.item_id, part.number)
            settings = change.settings
            for part in parts:
                for inner in _rows(session, change.item_id, merged_into=part.id):
                    inner.merged_into_id = target.id  # what was inside comes along
                part.merged_into_id = target.id
                if settings.clarifying_id == part.id:
                    settings.clarifying_id = target.id  # the room goes on with what it merged into
                session.add(
                    IdeaEditRow(item_id=change.item_id, idea_id=target.id, kind=EditKind.MERGED.value,
                                before=part.text, after=target.text, other_number=part.number,
                                note=how, created_at=self.now())
                )  # fmt: skip
        return change.result

    def split(self, idea_id: int) -> Change:
        """Every idea merged into this one goes back on the list under its own number."""
        with self._change_of_idea(idea_id, IDEAS, EDITS) as change:
            session = change.session
            target = self._live(change, idea_id)
            parts = _rows(session, change.item_id, merged_into=idea_id)
            if not parts:
                raise IdeaRefused(IdeaProblem.NOT_MERGED, target.number)
            # Cards that ranked the merged idea meant all of it: splitting would change their votes.
            _refuse_on_cards(session, change.item_id, target.number)
            for part in parts:
                part.merged_into_id = None
                session.add(
                    IdeaEditRow(item_id=change.item_id, idea_id=idea_id, kind=EditKind.SPLIT.value,
                                before=target.text, after=part.text, other_number=part.number,
                                created_at=self.now())
                )  # fmt: skip
        return change.result

    def remove_idea(self, idea_id: int) -> Change:
        """Take an idea off the list (recorded by mistake); its number is not given out again."""
        with self._change_of_idea(idea_id, IDEAS) as change:
            row = self._live(change, idea_id)
            _refuse_on_cards(change.session, change.item_id, row.number)
            for part in [row, *_rows(change.session, change.item_id, merged_into=idea_id)]:
                part.deleted_at = self.now()
            settings = change.settings
            if settings.clarifying_id == idea_id:
                # The room goes on with the next idea (or the one before, at the end of the list).
                change.session.flush()
                listed = _listed(change.session, change.item_id)
                after = [i for n, i in listed if n > row.number] or [i for n, i in listed if n < row.number][
                    -1:
                ]
                settings.clarifying_id = after[0] if after else None
                settings.clarify_started = time.time() if after else None
        return change.result

    # -- cards ----------------------------------------------------------------------------------
    def add_ballot(self, item_id: int, vote: Vote, typed: str, person_id: int | None = None) -> Change:
        """One paper card as typed: its idea numbers, most important first."""
        with self._change(item_id, BALLOTS) as change:
            db = raw(change.session)
            # Read only what a card is checked against: this runs once per card off the pile.
            numbers = [n for (n,) in db.execute(
                "SELECT number FROM ideas WHERE item_id = ? AND deleted_at IS NULL AND merged_into_id IS NULL",
                (item_id,),
            )]  # fmt: skip
            if not numbers:
                raise GroupRefused(GroupProblem.NO_IDEAS)
            first = db.execute(
                "SELECT convention, picks FROM ballots WHERE item_id = ? AND vote = ? ORDER BY card LIMIT 1",
                (item_id, Vote(vote).value),
            ).fetchone()
            rules = _settings(change.settings).rules(
                len(numbers), (Convention(first[0]), first[1]) if first else None
            )
            convention, picks = rules
            ranks = read_ballot(typed, numbers, picks, _merged_numbers(change.session, item_id))
            if person_id is not None:
                self._check_person(_view(change.session, item_id), vote, person_id)
            (card,) = (
                raw(change.session)
                .execute(
                    "SELECT COALESCE(MAX(card), 0) + 1 FROM ballots WHERE item_id = ? AND vote = ?",
                    (item_id, Vote(vote).value),
                )
                .fetchone()
            )
            change.session.add(
                BallotRow(item_id=item_id, vote=Vote(vote).value, card=card, person_id=person_id,
                          ranks=json.dumps(ranks), convention=convention.value, picks=picks,
                          created_at=self.now())
            )  # fmt: skip
        return change.result

    def correct_ballot(self, ballot_id: int, typed: str, person_id: int | None = None) -> Change:
        with self._change_of(BallotRow, ballot_id, BALLOTS) as change:
            row = load(change.session, BallotRow, ballot_id)
            view = _view(change.session, change.item_id)
            vote = Vote(row.vote)
            ranks = read_ballot(typed, view.numbers(), row.picks, view.merged_numbers())  # counted as entered
            self._check_person(view, vote, person_id, besides=ballot_id, had=row.person_id)
            row.ranks, row.person_id = json.dumps(ranks), person_id
        return change.result

    def remove_ballot(self, ballot_id: int) -> Change:
        with self._change_of(BallotRow, ballot_id, BALLOTS) as change:
            change.session.delete(load(change.session, BallotRow, ballot_id))
        return change.result

    def break_ties(self, item_id: int, numbers: Sequence[int]) -> Change:
        """The order the group chose for tied ideas, as the numbers of the list in order."""
        with self._change(item_id) as change:
            change.settings.tie_order = json.dumps([int(n) for n in dict.fromkeys(numbers)])
        return change.result

    # -- undo -----------------------------------------------------------------------------------
    def restore(self, rows: rowset.RowSet) -> NominalGroupView:
        """Put back the rows an action captured: the undo and redo of every action. Where the
        group is (step, idea under clarification) is not part of any change and stays."""
        item_id = int(dict(rows.params)["item"])  # type: ignore[call-overload]
        captured = {table for table, _columns, _data in rows.tables}
        with self.store.transaction() as session:
            db = raw(session)
            kept = db.execute(
                "SELECT step, clarifying_id, clarify_started FROM nominal_groups WHERE item_id = ?",
                (item_id,),
            ).fetchone()
            rowset.put_back(db, [s for s in _OWNED if s.table in captured], rows)
            if kept is not None:
                live = set(_listed_ids(session, item_id))
                clarifying = kept[1] if kept[1] in live else None
                db.execute(
                    "UPDATE nominal_groups SET step = ?, clarifying_id = ?, clarify_started = ?"
                    " WHERE item_id = ?",
                    (kept[0], clarifying, kept[2] if clarifying else None, item_id),
                )
            session.expire_all()
            return _view(session, item_id)

    # -- internals ------------------------------------------------------------------------------
    def _change(self, item_id: int, *tables: str) -> _Changing:
        return _Changing(self.store, _OWNED, NominalGroupRow, _view, tables=tables, item_id=item_id,
                         never_opened="nominal group never opened")  # fmt: skip

    def _change_of(self, row_type: type[IdeaRow] | type[BallotRow], key: int, *tables: str) -> _Changing:
        return _Changing(self.store, _OWNED, NominalGroupRow, _view, tables=tables, lookup=(row_type, key),
                         never_opened="nominal group never opened")  # fmt: skip

    def _change_of_idea(self, idea_id: int, *tables: str) -> _Changing:
        return self._change_of(IdeaRow, idea_id, *tables)

    @staticmethod
    def _live(change: _Changing, idea_id: int) -> IdeaRow:
        """An idea of this item still on the list, not folded into another."""
        row = load(change.session, IdeaRow, idea_id)
        if row.item_id != change.item_id:
            raise IdeaRefused(IdeaProblem.OTHER_ITEM)
        if row.deleted_at is not None:
            raise NotFound("ideas", idea_id)
        if row.merged_into_id is not None:
            raise IdeaRefused(IdeaProblem.MERGED_PART, row.number)
        return row

    @staticmethod
    def _refuse_under_cards(change: _Changing) -> None:
        """A vote's picks and scoring are fixed once its first card is in. From the discussion of
        the first vote on, the settings are for the final vote."""
        step = Step(change.settings.step)
        vote = Vote.FINAL if step in (Step.DISCUSS, Step.FINAL, Step.RESULT) else Vote.PRELIMINARY
        (count,) = (
            raw(change.session)
            .execute(
                "SELECT COUNT(*) FROM ballots WHERE item_id = ? AND vote = ?", (change.item_id, vote.value)
            )
            .fetchone()
        )
        if count:
            raise GroupRefused(GroupProblem.CARDS_ENTERED, count=count, vote=vote)

    @staticmethod
    def _check_person(
        view: NominalGroupView, vote: Vote, person_id: int | None, besides: int = 0, had: int | None = None
    ) -> None:
        """A card carries the name of someone in the room, once per vote (``had``: the person the
        card already names, who may have left since and stays on it)."""
        if person_id is None:
            return
        if person_id != had and person_id not in {p.id for p in view.present}:
            raise GroupRefused(GroupProblem.NOT_PRESENT)
        if any(b.person_id == person_id and b.id != besides for b in view.cards(vote)):
            raise GroupRefused(GroupProblem.HAS_CARD)


# -- helpers ---------------------------------------------------------------------------------------
def _keep_robin(row: NominalGroupRow, robin: RoundRobin) -> None:
    row.turn_order = json.dumps(list(robin.order))
    row.turn, row.passes, row.round_ended = robin.turn, robin.passes, robin.ended


def _merged_numbers(session: Session, item_id: int) -> dict[int, int]:
    """The number of each idea merged into another, and that other's number."""
    return dict(
        raw(session).execute(
            "SELECT p.number, t.number FROM ideas p JOIN ideas t ON t.id = p.merged_into_id"
            " WHERE p.item_id = ? AND p.deleted_at IS NULL",
            (item_id,),
        )
    )


def _listed(session: Session, item_id: int) -> list[tuple[int, int]]:
    """The ideas on the list (not merged into another): number and id, by number."""
    return list(
        raw(session).execute(
            "SELECT number, id FROM ideas WHERE item_id = ? AND deleted_at IS NULL AND merged_into_id IS NULL"
            " ORDER BY number",
            (item_id,),
        )
    )


def _listed_ids(session: Session, item_id: int) -> list[int]:
    return [
        idea_id
        for (idea_id,) in raw(session).execute(
            "SELECT id FROM ideas WHERE item_id = ? AND deleted_at IS NULL AND merged_into_id IS NULL"
            " ORDER BY number",
            (item_id,),
        )
    ]


def _rows(session: Session, item_id: int, merged_into: int) -> list[IdeaRow]:
    return [
        row
        for row in session.query(IdeaRow).filter(
            IdeaRow.item_id == item_id, IdeaRow.merged_into_id == merged_into, IdeaRow.deleted_at.is_(None)
        )
    ]


def _refuse_same_words(session: Session, item_id: int, wording: str, besides: int = 0) -> str:
    """Exact duplicates are flagged, as the method asks: the same words cannot go up twice (nor
    come back as a second copy when an idea merged away is split out again)."""
    key = idea_key(wording)
    found = (
        raw(session)
        .execute(
            "SELECT number FROM ideas WHERE item_id = ? AND key = ? AND deleted_at IS NULL AND id != ?"
            " ORDER BY number",
            (item_id, key, besides),
        )
        .fetchone()
    )
    if found is not None:
        raise IdeaRefused(IdeaProblem.DUPLICATE, found[0])
    return key


def _refuse_on_cards(session: Session, item_id: int, number: int) -> None:
    cards = sum(
        number in json.loads(ranks)
        for (ranks,) in raw(session).execute("SELECT ranks FROM ballots WHERE item_id = ?", (item_id,))
    )
    if cards:
        raise GroupRefused(GroupProblem.ON_CARDS, number, cards)


def _settings(row: NominalGroupRow | None) -> Settings:
    if row is None:
        return Settings()
    boxes = json.loads(row.minutes)
    return Settings(
        step=Step(row.step),
        picks=row.picks,
        convention=Convention(row.convention),
        minutes=tuple((s, int(boxes.get(s.value, DEFAULT_MINUTES[s]))) for s in Step),
        anonymous=row.anonymous,
        seats=row.seats,
        tie_order=tuple(int(n) for n in json.loads(row.tie_order)),
    )


def _turn_order(row: NominalGroupRow | None, settings: Settings, present: Sequence[Person]) -> RoundRobin:
    """Turns go round whoever takes part now: the order set, keeping only those still here (or the
    seats there are), then anyone new at the end."""
    takers = list(range(1, settings.seats + 1)) if settings.anonymous else [p.id for p in present]
    stored = [int(v) for v in json.loads(row.turn_order)] if row is not None else []
    order = [t for t in stored if t in takers] + [t for t in takers if t not in stored]
    if row is None or not order:
        return RoundRobin(tuple(order), ended=bool(row and row.round_ended))
    # The holder of the stored turn keeps it if still taking part; otherwise the next one does.
    turn = 0
    passes = 0
    if stored:
        position = row.turn % len(stored)
        # Those who passed in a row just before the turn, counting only those still taking part:
        # someone who passed and left does not bring the end of the round nearer.
        passers = {stored[(position - k) % len(stored)] for k in range(1, min(row.passes, len(stored)) + 1)}
        passes = len(passers & set(order))
        for holder in stored[position:] + stored[:position]:
            if holder in order:
                turn = order.index(holder)
                break
    # Everyone still taking part has passed in a row (the others left): the round is over.
    return RoundRobin(tuple(order), turn, passes, row.round_ended or passes >= len(order))


def _view(session: Session, item_id: int, *, with_ideas: bool = True) -> NominalGroupView:
    db = raw(session)
    found = db.execute(
        "SELECT meeting_id, title, prompt FROM agenda_items WHERE id = ?", (item_id,)
    ).fetchone()
    if found is None:
        raise NotFound("agenda_items", item_id)
    meeting_id, title, prompt = found
    # Read as plain columns, not through the ORM: this runs for every card entered. (The ORM's
    # pending changes go to the database first, so the read sees them.)
    session.flush()
    cursor = db.execute("SELECT * FROM nominal_groups WHERE item_id = ?", (item_id,))
    found_row = cursor.fetchone()
    row = (
        SimpleNamespace(**dict(zip((d[0] for d in cursor.description), found_row, strict=True)))
        if found_row is not None
        else None
    )
    settings = _settings(row)  # type: ignore[arg-type]
    present = tuple(Person(pid, name) for pid, name, _sector in present_people(session, meeting_id))
    robin = _turn_order(row, settings, present)  # type: ignore[arg-type]
    ideas: tuple[Idea, ...] = ()
    edits: tuple[Edit, ...] = ()
    ballots: tuple[Ballot, ...] = ()
    people: dict[int, str] = {}
    if with_ideas:
        ideas = tuple(
            Idea(i, number, words, original, into, source_title or "", source_number or 0)
            for i, number, words, original, into, source_title, source_number in db.execute(
                "SELECT i.id, i.number, i.text, i.original, i.merged_into_id, a.title, s.number"
                " FROM ideas i LEFT JOIN ideas s ON s.id = i.source_idea_id"
                " LEFT JOIN agenda_items a ON a.id = s.item_id"
                " WHERE i.item_id = ? AND i.deleted_at IS NULL ORDER BY i.number",
                (item_id,),
            )
        )
        edits = tuple(
            Edit(idea_id, EditKind(kind), before, after, other, str(at)[11:16], note)
            for idea_id, kind, before, after, other, at, note in db.execute(
                "SELECT idea_id, kind, before, after, other_number, created_at, note FROM idea_edits"
                " WHERE item_id = ? ORDER BY id",
                (item_id,),
            )
        )
        ballots = tuple(
            Ballot(i, Vote(vote), card, person, tuple(json.loads(ranks)), Convention(convention), picks)
            for i, vote, card, person, ranks, convention, picks in db.execute(
                "SELECT id, vote, card, person_id, ranks, convention, picks FROM ballots"
                " WHERE item_id = ? ORDER BY vote DESC, card",
                (item_id,),
            )
        )
        # Names of those in the room and of anyone whose card is in (they may have left since),
        # not of a whole collaborative's roster.
        people = {p.id: p.name for p in present} | dict(
            db.execute(
                "SELECT p.id, p.name FROM people p JOIN ballots b ON b.person_id = p.id WHERE b.item_id = ?",
                (item_id,),
            ).fetchall()
        )
    live = {i.id for i in ideas if i.merged_into is None}
    clarifying = row.clarifying_id if row is not None and row.clarifying_id in live else None
    return NominalGroupView(
        item_id=item_id,
        meeting_id=meeting_id,
        title=title,
        question=prompt or title,
        settings=settings,
        ideas=ideas,
        edits=edits,
        ballots=ballots,
        present=present,
        people=people,
        robin=robin,
        clarifying=clarifying,
        clarify_started=row.clarify_started if clarifying is not None and row is not None else None,
    )
