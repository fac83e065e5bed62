"""Brainstorming, one transaction per action.

Undo works by rows, like the other techniques, but only the rows an action touches are captured:
a wall of two thousand ideas must still take a new one in a few milliseconds. Each action names
the themes, ideas and dots it is about to change (``touch``) before changing them; rows it creates
are named after (``created``); the rows before and after are the undo and the redo.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.errors import DuplicateName, InvalidValue, NotAllowed, NotFound
from facilitator.domain.model import AgendaKind
from facilitator.services import rowset
from facilitator.services.attendance import present_people
from facilitator.services.base import Service, load
from facilitator.storage.models import (
    AgendaItemRow,
    BrainstormRow,
    IdeaDotsRow,
    IdeaRow,
    IdeaThemeRow,
)
from facilitator.storage.store import raw
from facilitator.techniques.brainstorming.model import (
    IDEA_LIMIT,
    MAX_DOTS_PER_PERSON,
    OPTIONAL_PHASES,
    THEME_LIMIT,
    BrainstormView,
    DotEntry,
    DotProblem,
    Dots,
    DotsRefused,
    Idea,
    IdeaProblem,
    IdeaRefused,
    Person,
    Phase,
    Settings,
    Theme,
    check_total,
    idea_key,
    merge_plan,
    person_dots,
    reordered,
    root_of,
    split_plan,
)

# The kinds of item a brainstorm's ideas can start: each works through a list of ideas.
TARGET_KINDS = (AgendaKind.BRAINSTORMING, AgendaKind.NOMINAL_GROUP)

_IN = "IN (SELECT value FROM json_each(:{}))"
# Parents first. Every WHERE names only rows an action touched (see the module's note).
_OWNED = (
    rowset.Owned("brainstorms", "item_id", "item_id " + _IN.format("items")),
    rowset.Owned("idea_themes", "id", "id " + _IN.format("themes")),
    rowset.Owned("ideas", "id", "id " + _IN.format("ideas")),
    rowset.Owned(
        "idea_dots",
        "id",
        f"item_id = :item AND (idea_id {_IN.format('dot_ideas')} OR person_id {_IN.format('dot_people')})",
    ),
)
Row = IdeaRow | IdeaThemeRow
_KINDS = ("items", "themes", "ideas", "dot_ideas", "dot_people")
# Which kinds of touched rows each owned table is read for: a table none of them names is not read.
_READ_FOR = {"brainstorms": ("items",), "idea_themes": ("themes",), "ideas": ("ideas",),
             "idea_dots": ("dot_ideas", "dot_people")}  # fmt: skip


@dataclass(frozen=True)
class Change:
    view: BrainstormView
    before: rowset.RowSet
    after: rowset.RowSet
    sent: int = 0  # ideas carried to another item
    skipped: int = 0  # of those, ideas the other item already had


@dataclass(frozen=True)
class Added:
    """A new idea: only the idea, so a wall of thousands is not read again for each one."""

    item_id: int
    idea: Idea
    before: rowset.RowSet
    after: rowset.RowSet


@dataclass(frozen=True)
class Target:
    item_id: int
    number: int  # the item's place on the agenda, from 1
    title: str
    kind: AgendaKind


@dataclass
class _Touched:
    db: sqlite3.Connection
    item_id: int
    ids: dict[str, set[int]] = field(default_factory=lambda: {k: set() for k in _KINDS})
    rows: dict[str, tuple[tuple[str, ...], dict[object, tuple[object, ...]]]] = field(default_factory=dict)

    def params(self, ids: dict[str, set[int]]) -> dict[str, object]:
        return {"item": self.item_id} | {k: json.dumps(sorted(ids[k])) for k in _KINDS}

    def touch(self, **kinds: Iterable[int]) -> None:
        """Keep the rows as they are now, before the action changes them."""
        new = {k: set(kinds.get(k, ())) - self.ids[k] for k in _KINDS}
        if not any(new.values()):
            return
        for kind, ids in new.items():
            self.ids[kind] |= ids
        found = self._capture(new)
        for table, columns, data in found.tables:
            if not data:
                continue
            keyed = self.rows.setdefault(table, (columns, {}))[1]
            key = columns.index(next(spec.key for spec in _OWNED if spec.table == table))
            for row in data:
                keyed.setdefault(row[key], row)

    def created(self, **kinds: Iterable[int]) -> None:
        """Rows the action made: before it they were not there, which is what undo restores."""
        for kind, ids in kinds.items():
            self.ids[kind] |= set(ids)

    def before(self) -> rowset.RowSet:
        params = self.params(self.ids)
        tables = []
        for spec in _OWNED:
            columns, keyed = self.rows.get(spec.table, ((), {}))
            data = tuple(keyed[k] for k in sorted(keyed, key=lambda v: int(v)))  # type: ignore[call-overload]
            tables.append((spec.table, columns, data))
        return rowset.RowSet(tuple(params.items()), tuple(tables))

    def after(self) -> rowset.RowSet:
        return self._capture(self.ids)

    def _capture(self, ids: dict[str, set[int]]) -> rowset.RowSet:
        """The rows of the given ids, table by table; a table with no ids asked for is not read
        (adding an idea reads two tables, not four, before and after)."""
        params = self.params(ids)
        tables: list[tuple[str, tuple[str, ...], tuple[tuple[object, ...], ...]]] = []
        for spec in _OWNED:
            if any(ids[kind] for kind in _READ_FOR[spec.table]):
                tables.extend(rowset.capture(self.db, (spec,), params).tables)
            else:
                tables.append((spec.table, (), ()))
        return rowset.RowSet(tuple(params.items()), tuple(tables))


class BrainstormService(Service):
    # -- reading --------------------------------------------------------------------------------
    def view(self, item_id: int) -> BrainstormView:
        with self.store.transaction() as session:
            return _view(session, item_id)

    def open(self, item_id: int) -> BrainstormView:
        """The item's brainstorm, set up with the usual settings on first opening."""
        with self.store.transaction() as session:
            self.open_in(session, item_id)
            return _view(session, item_id)

    def open_in(self, session: Session, item_id: int) -> BrainstormRow:
        row = session.get(BrainstormRow, item_id)
        if row is not None:
            return row
        item = load(session, AgendaItemRow, item_id)
        if item.kind != AgendaKind.BRAINSTORMING.value:
            raise NotAllowed("not a brainstorming item")
        defaults = Settings()
        row = BrainstormRow(
            item_id=item_id,
            attributed=defaults.attributed,
            dots_per_person=defaults.dots_per_person,
            phases=_phases_text(defaults.phases),
            dot_entry=defaults.dot_entry.value,
            phase=defaults.phase.value,
            created_at=self.now(),
        )
        session.add(row)
        session.flush()
        return row

    def targets(self, item_id: int) -> tuple[Target, ...]:
        """Later items of the meeting that can start from a list of these ideas."""
        with self.store.transaction() as session:
            return self.targets_in(session, item_id)

    @staticmethod
    def targets_in(session: Session, item_id: int) -> tuple[Target, ...]:
        item = load(session, AgendaItemRow, item_id)
        rows = raw(session).execute(
            "SELECT id, position, title, kind FROM agenda_items WHERE meeting_id = ?"
            " AND deleted_at IS NULL ORDER BY position, id",
            (item.meeting_id,),
        )
        return tuple(
            Target(row_id, number, title, AgendaKind(kind))
            for number, (row_id, position, title, kind) in enumerate(rows.fetchall(), start=1)
            if position > item.position and kind in {k.value for k in TARGET_KINDS}
        )

    # -- settings -------------------------------------------------------------------------------
    def set_attributed(self, item_id: int, attributed: bool) -> Change:
        with self._change(item_id) as change:
            change.settings.attributed = attributed
        return change.result

    def set_dots_per_person(self, item_id: int, dots: int) -> Change:
        if not 1 <= dots <= MAX_DOTS_PER_PERSON:
            raise InvalidValue("dots_per_person", dots, 1, MAX_DOTS_PER_PERSON)
        with self._change(item_id) as change:
            present = len(_present(change.session, change.meeting_id))
            view = _view(change.session, item_id)
            # Dots already placed stay within what the new number allows, or the change is refused.
            for count in _per_person(view.dots).values():
                if count > dots:
                    raise DotsRefused(DotProblem.PERSON_OVER, count, dots, present, dots)
            wall = sum(d.count for d in view.dots if d.person_id is None)
            if wall > present * dots:
                raise DotsRefused(DotProblem.WALL_OVER, wall, present * dots, present, dots)
            change.settings.dots_per_person = dots
        return change.result

    def set_phases(self, item_id: int, phases: Iterable[Phase]) -> Change:
        chosen = frozenset(p for p in phases if p in OPTIONAL_PHASES)
        with self._change(item_id) as change:
            change.settings.phases = _phases_text(chosen)
            current = Phase(change.settings.phase)
            if current not in Settings(phases=chosen).steps():
                change.settings.phase = Phase.GENERATE.value
        return change.result

    def set_dot_entry(self, item_id: int, entry: DotEntry) -> Change:
        with self._change(item_id) as change:
            change.settings.dot_entry = DotEntry(entry).value
        return change.result

    def set_phase(self, item_id: int, phase: Phase) -> BrainstormView:
        """Where the group is; the projector follows. Like changing step, not an undo step."""
        with self.store.transaction() as session:
            settings = self.open_in(session, item_id)
            if phase not in _settings(settings).steps():
                raise NotAllowed("phase not in use")
            settings.phase = Phase(phase).value
            return _view(session, item_id)

    # -- ideas ----------------------------------------------------------------------------------
    def add_idea(self, item_id: int, wording: str, person_id: int | None = None) -> Added:
        cleaned = text.required("idea", wording, IDEA_LIMIT)
        with self._change(item_id, view=False) as change:
            db = raw(change.session)
            key = _refuse_same_words(db, item_id, cleaned)
            if person_id is not None:
                _check_present(change.session, change.meeting_id, person_id)
            (number,) = db.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM ideas WHERE item_id = ?", (item_id,)
            ).fetchone()
            # Plain SQL, not the ORM: the capture of a busy room's ideas is the hottest path here.
            idea_id = db.execute(
                "INSERT INTO ideas (item_id, number, text, key, original, person_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (item_id, number, cleaned, key, cleaned, person_id, _stored_moment(self.now())),
            ).lastrowid
            assert idea_id is not None
            change.touched.created(ideas=[idea_id])
        idea = Idea(idea_id, number, cleaned, cleaned, person_id)
        return Added(item_id, idea, change.before, change.after)

    def edit_idea(self, idea_id: int, wording: str) -> Change:
        cleaned = text.required("idea", wording, IDEA_LIMIT)
        with self._change_of_idea(idea_id) as change:
            row = load(change.session, IdeaRow, idea_id)
            key = _refuse_same_words(raw(change.session), row.item_id, cleaned, besides=(idea_id,))
            change.touched.touch(ideas=[idea_id])
            row.text, row.key = cleaned, key
        return change.result

    def attribute(self, idea_id: int, person_id: int | None) -> Change:
        with self._change_of_idea(idea_id) as change:
            if person_id is not None:
                _check_present(change.session, change.meeting_id, person_id)
            change.touched.touch(ideas=[idea_id])
            load(change.session, IdeaRow, idea_id).person_id = person_id
        return change.result

    def remove_ideas(self, idea_ids: Sequence[int]) -> Change:
        """Take ideas off the wall, with whatever was merged into them."""
        if not idea_ids:
            raise IdeaRefused(IdeaProblem.NOTHING_CHOSEN)
        with self._change_of_idea(idea_ids[0]) as change:
            rows = self._ideas(change, idea_ids)
            parts = _rows_where(change.session, "merged_into_id", [r.id for r in rows])
            change.touched.touch(ideas=[r.id for r in [*rows, *parts]])
            for row in [*rows, *parts]:
                row.deleted_at = self.now()
        return change.result

    def merge(self, into: int, others: Sequence[int], wording: str | None = None) -> Change:
        """Merge ``others`` into ``into``; the merged ones stay inside it and can be split out again.
        ``wording`` rewords the result (its first wording is kept)."""
        with self._change_of_idea(into) as change:
            self._ideas(change, [into, *others])
            view = _view(change.session, change.item_id)
            plan = merge_plan(view.ideas, into, others)
            change.touched.touch(ideas=[into, *plan])
            for idea_id, target in plan.items():
                row = load(change.session, IdeaRow, idea_id)
                row.merged_into_id = target
            if wording is not None:
                cleaned = text.required("idea", wording, IDEA_LIMIT)
                # The ideas going into it may already say it; any other idea may not.
                key = _refuse_same_words(raw(change.session), change.item_id, cleaned, besides=(into, *plan))
                row = load(change.session, IdeaRow, into)
                row.text, row.key = cleaned, key
        return change.result

    def split(self, idea_id: int) -> Change:
        """Take every idea merged into this one back out onto the wall, or only this one when it
        is a part of another; either way into the theme of the idea they were in."""
        with self._change_of_idea(idea_id) as change:
            view = _view(change.session, change.item_id)
            parts = split_plan(view.ideas, idea_id)
            change.touched.touch(ideas=parts)
            chosen = load(change.session, IdeaRow, idea_id)
            holder = load(change.session, IdeaRow, chosen.merged_into_id) if chosen.merged_into_id else chosen
            theme = holder.theme_id
            for part in parts:
                row = load(change.session, IdeaRow, part)
                row.merged_into_id, row.theme_id = None, theme
        return change.result

    # -- themes ---------------------------------------------------------------------------------
    def add_theme(self, item_id: int, name: str, idea_ids: Sequence[int] = ()) -> Change:
        """A new theme at the end, with the chosen ideas put into it."""
        cleaned = text.required("theme", name, THEME_LIMIT)
        with self._change(item_id) as change:
            themes = _themes(change.session, item_id)
            _check_theme_name(themes, cleaned, None)
            rows = self._ideas(change, idea_ids)
            for idea in rows:
                if idea.merged_into_id is not None:
                    raise IdeaRefused(IdeaProblem.MERGED_PART, idea.number)
            row = IdeaThemeRow(item_id=item_id, name=cleaned, position=len(themes))
            change.session.add(row)
            change.session.flush()
            change.touched.created(themes=[row.id])
            change.touched.touch(ideas=[r.id for r in rows])
            for idea in rows:
                idea.theme_id = row.id
        return change.result

    def rename_theme(self, theme_id: int, name: str) -> Change:
        cleaned = text.required("theme", name, THEME_LIMIT)
        with self._change_of(IdeaThemeRow, theme_id) as change:
            _check_theme_name(_themes(change.session, change.item_id), cleaned, theme_id)
            change.touched.touch(themes=[theme_id])
            load(change.session, IdeaThemeRow, theme_id).name = cleaned
        return change.result

    def move_theme(self, theme_id: int, position: int) -> Change:
        with self._change_of(IdeaThemeRow, theme_id) as change:
            themes = _themes(change.session, change.item_id)
            change.touched.touch(themes=[t.id for t in themes])
            row = next(t for t in themes if t.id == theme_id)
            for number, theme in enumerate(reordered(themes, row, position)):
                theme.position = number
        return change.result

    def remove_theme(self, theme_id: int) -> Change:
        """Drop a theme; its ideas go back among the ideas not yet in a theme."""
        with self._change_of(IdeaThemeRow, theme_id) as change:
            themes = _themes(change.session, change.item_id)
            change.touched.touch(themes=[t.id for t in themes])
            members = _rows_where(change.session, "theme_id", [theme_id])
            change.touched.touch(ideas=[m.id for m in members])
            for member in members:
                member.theme_id = None
            row = next(t for t in themes if t.id == theme_id)
            row.deleted_at = self.now()
            themes.remove(row)
            for number, theme in enumerate(themes):
                theme.position = number
        return change.result

    def set_theme(self, idea_ids: Sequence[int], theme_id: int | None) -> Change:
        """Put ideas into a theme (None: back among the ideas not yet in one)."""
        if not idea_ids:
            raise IdeaRefused(IdeaProblem.NOTHING_CHOSEN)
        with self._change_of_idea(idea_ids[0]) as change:
            if theme_id is not None:
                theme = load(change.session, IdeaThemeRow, theme_id)
                if theme.item_id != change.item_id:
                    raise IdeaRefused(IdeaProblem.OTHER_ITEM)
            rows = self._ideas(change, idea_ids)
            for row in rows:
                if row.merged_into_id is not None:
                    raise IdeaRefused(IdeaProblem.MERGED_PART, row.number)
            change.touched.touch(ideas=[r.id for r in rows])
            for row in rows:
                row.theme_id = theme_id
        return change.result

    # -- dots -----------------------------------------------------------------------------------
    def set_total(self, idea_id: int, count: int) -> Change:
        """The dots counted on one idea off the wall (with whatever was merged into it)."""
        with self._change_of_idea(idea_id) as change:
            session = change.session
            view = _view(session, change.item_id)
            by_id = {i.id: i for i in view.ideas}
            target = root_of(by_id, idea_id)
            if target not in by_id:
                raise NotFound("ideas", idea_id)
            held = [i.id for i in view.ideas if root_of(by_id, i.id) == target]
            elsewhere = sum(
                d.count for d in view.dots if d.person_id is None and root_of(by_id, d.idea_id) != target
            )
            current = sum(
                d.count for d in view.dots if d.person_id is None and root_of(by_id, d.idea_id) == target
            )
            check_total(elsewhere, count, len(view.present), view.settings.dots_per_person, current)
            change.touched.touch(dot_ideas=held)
            for row in _dot_rows(session, change.item_id, held):
                if row.person_id is None:
                    session.delete(row)
            if count:
                session.add(IdeaDotsRow(item_id=change.item_id, idea_id=target, person_id=None, count=count))
        return change.result

    def set_person_dots(self, item_id: int, person_id: int, numbers: Sequence[int]) -> Change:
        """Where one person put their dots, as the idea numbers (one per dot; repeats stack)."""
        with self._change(item_id) as change:
            session = change.session
            view = _view(session, item_id)
            if person_id not in {p.id for p in view.present}:
                # Someone who left after voting: their dots can be taken off or corrected down,
                # never added to, since the ceiling is for the people still in the room.
                had = sum(view.dots_of(person_id).values())
                if not had:
                    raise DotsRefused(DotProblem.NOT_PRESENT)
                if len(numbers) > had:
                    raise DotsRefused(DotProblem.LEFT, len(numbers), had)
            by_id = {i.id: i for i in view.ideas}
            wall_numbers = {i.number: root_of(by_id, i.id) for i in view.ideas}
            placed = person_dots(numbers, wall_numbers, view.settings.dots_per_person)
            change.touched.touch(dot_people=[person_id])
            for row in _person_dot_rows(session, item_id, person_id):
                session.delete(row)
            session.flush()
            session.add_all(
                IdeaDotsRow(item_id=item_id, idea_id=idea_id, person_id=person_id, count=count)
                for idea_id, count in placed.items()
            )
        return change.result

    def clear_dots(self, item_id: int) -> Change:
        """Start the count again: every dot of the entry in use is taken off."""
        with self._change(item_id) as change:
            session = change.session
            people = _settings(change.settings).dot_entry is DotEntry.PEOPLE
            rows = [r for r in _dot_rows(session, item_id, None) if (r.person_id is not None) == people]
            change.touched.touch(
                dot_ideas=[] if people else [r.idea_id for r in rows],
                dot_people=[r.person_id for r in rows if r.person_id is not None],
            )
            for row in rows:
                session.delete(row)
        return change.result

    # -- starting lists -------------------------------------------------------------------------
    def send(self, item_id: int, idea_ids: Sequence[int], target_id: int) -> Change:
        """Copy ideas, in the order given, to a later item as its starting list. Ideas it already
        has (the same words) are not copied twice."""
        if not idea_ids:
            raise IdeaRefused(IdeaProblem.NOTHING_CHOSEN)
        with self._change(item_id) as change:
            session = change.session
            if target_id not in {t.item_id for t in self.targets_in(session, item_id)}:
                raise IdeaRefused(IdeaProblem.NO_TARGET)
            target = load(session, AgendaItemRow, target_id)
            change.touched.touch(items=[target_id])
            if target.kind == AgendaKind.BRAINSTORMING.value:
                self.open_in(session, target_id)
            rows = self._ideas(change, idea_ids)
            made = copy_to_list(session, target_id, [(row.text, row.id) for row in rows], self.now())
            change.touched.created(ideas=made)
            change.sent, change.skipped = len(made), len(rows) - len(made)
        return change.result

    # -- undo -----------------------------------------------------------------------------------
    def restore(self, rows: rowset.RowSet) -> BrainstormView:
        """Put the rows an action touched back as captured: the undo and redo of every action."""
        item_id = int(dict(rows.params)["item"])  # type: ignore[call-overload]
        with self.store.transaction() as session:
            db = raw(session)
            # Where the group is (the phase) is not part of any change: it stays as it is now,
            # unless the phases put back no longer include it.
            found = db.execute("SELECT phase FROM brainstorms WHERE item_id = ?", (item_id,)).fetchone()
            # Ideas this puts back out of existence (a starting list sent on, taken back) may be on
            # a later nominal group's projector: it stops showing them, so they can go.
            touched = json.loads(str(dict(rows.params)["ideas"]))
            forget_ideas(db, set(touched) - rows.keys("ideas", "id"))
            rowset.put_back(db, _OWNED, rows)
            session.expire_all()
            settings = session.get(BrainstormRow, item_id)
            if found is not None and settings is not None:
                kept = Phase(found[0])
                settings.phase = (kept if kept in _settings(settings).steps() else Phase.GENERATE).value
                session.flush()
            return _view(session, item_id)

    # -- internals ------------------------------------------------------------------------------
    class _Changing:
        def __init__(
            self,
            service: BrainstormService,
            item_id: int | None,
            lookup: tuple[type[Row], int] | None,
            view: bool,
        ) -> None:
            self.service, self._item_id, self._lookup, self._with_view = service, item_id, lookup, view
            self.item_id: int
            self._context = service.store.transaction()
            self.session: Session
            self.touched: _Touched
            self.meeting_id: int
            self.before: rowset.RowSet
            self.after: rowset.RowSet
            self.sent = self.skipped = 0
            self.result: Change

        def __enter__(self) -> BrainstormService._Changing:
            self.session = self._context.__enter__()
            if self._lookup is not None:
                row_type, key = self._lookup
                self.item_id = load(self.session, row_type, key).item_id
            else:
                assert self._item_id is not None
                self.item_id = self._item_id
            db = raw(self.session)
            found = db.execute(
                "SELECT a.meeting_id, b.item_id FROM agenda_items a"
                " LEFT JOIN brainstorms b ON b.item_id = a.id WHERE a.id = ? AND a.deleted_at IS NULL",
                (self.item_id,),
            ).fetchone()
            if found is None:
                raise NotFound("agenda_items", self.item_id)
            if found[1] is None:
                raise NotAllowed("brainstorm never opened")
            self.meeting_id = found[0]
            self.touched = _Touched(db, self.item_id)
            self.touched.touch(items=[self.item_id])
            return self

        @property
        def settings(self) -> BrainstormRow:
            """The item's settings row, read only by the actions that change settings."""
            row = self.session.get(BrainstormRow, self.item_id)
            assert row is not None  # checked on entering
            return row

        def __exit__(self, kind: object, error: object, trace: object) -> bool | None:
            if error is None:
                self.session.flush()
                self.before, self.after = self.touched.before(), self.touched.after()
                if self._with_view:
                    view = _view(self.session, self.item_id)
                    self.result = Change(view, self.before, self.after, self.sent, self.skipped)
            return self._context.__exit__(kind, error, trace)  # type: ignore[arg-type]

    def _change(self, item_id: int, *, view: bool = True) -> BrainstormService._Changing:
        return BrainstormService._Changing(self, item_id, None, view)

    def _change_of(self, row_type: type[Row], key: int) -> BrainstormService._Changing:
        return BrainstormService._Changing(self, None, (row_type, key), True)

    def _change_of_idea(self, idea_id: int) -> BrainstormService._Changing:
        return self._change_of(IdeaRow, idea_id)

    @staticmethod
    def _ideas(change: BrainstormService._Changing, idea_ids: Iterable[int]) -> list[IdeaRow]:
        rows = [load(change.session, IdeaRow, i) for i in dict.fromkeys(idea_ids)]
        if any(r.item_id != change.item_id for r in rows):
            raise IdeaRefused(IdeaProblem.OTHER_ITEM)
        return rows


# -- starting lists ------------------------------------------------------------------------------
def copy_to_list(
    session: Session, target_id: int, ideas: Sequence[tuple[str, int | None]], now: datetime
) -> list[int]:
    """Put ideas (words, and the idea they come from) at the end of a later item's list, in the
    order given, skipping words the list already has; the ids of the ideas made."""
    db = raw(session)
    have = {
        key for (key,) in db.execute("SELECT key FROM ideas WHERE item_id = ? AND deleted_at IS NULL", (target_id,))
    }  # fmt: skip
    (number,) = db.execute(
        "SELECT COALESCE(MAX(number), 0) FROM ideas WHERE item_id = ?", (target_id,)
    ).fetchone()
    made: list[IdeaRow] = []
    for words, source in ideas:
        key = idea_key(words)
        if key in have:
            continue
        have.add(key)
        number += 1
        made.append(
            IdeaRow(item_id=target_id, number=number, text=words, key=key, original=words,
                    source_idea_id=source, created_at=now)
        )  # fmt: skip
    session.add_all(made)
    session.flush()
    return [m.id for m in made]


def forget_ideas(db: sqlite3.Connection, gone: Iterable[object]) -> None:
    """Ideas an undo is about to take out of existence (a list sent on, taken back) may be up on a
    nominal group's projector: it stops showing them, so they can go."""
    ids = sorted({int(i) for i in gone})  # type: ignore[call-overload]
    if ids:
        db.execute(
            "UPDATE nominal_groups SET clarifying_id = NULL, clarify_started = NULL"
            " WHERE clarifying_id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )


# -- reading -------------------------------------------------------------------------------------
def _stored_moment(moment: datetime) -> str:
    """A moment as SQLAlchemy stores a DateTime in SQLite, for rows written with plain SQL."""
    return f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond:06d}"


def _phases_text(phases: Iterable[Phase]) -> str:
    return ",".join(p.value for p in OPTIONAL_PHASES if p in set(phases))


def _settings(row: BrainstormRow) -> Settings:
    return Settings(
        attributed=row.attributed,
        dots_per_person=row.dots_per_person,
        phases=frozenset(Phase(p) for p in row.phases.split(",") if p),
        dot_entry=DotEntry(row.dot_entry),
        phase=Phase(row.phase),
    )


def _view(session: Session, item_id: int) -> BrainstormView:
    db = raw(session)
    found = db.execute(
        "SELECT a.meeting_id, a.title, a.prompt, m.collaborative_id FROM agenda_items a"
        " JOIN meetings m ON m.id = a.meeting_id WHERE a.id = ?",
        (item_id,),
    ).fetchone()
    if found is None:
        raise NotFound("agenda_items", item_id)
    meeting_id, title, prompt, collaborative_id = found
    row = session.get(BrainstormRow, item_id)
    settings = _settings(row) if row is not None else Settings()
    ideas = tuple(
        Idea(
            i,
            number,
            words,
            original,
            person,
            theme,
            into,
            source_title or "",
            source_number or 0,
            source or 0,
        )
        for i, number, words, original, person, theme, into, source_title, source_number, source in db.execute(
            "SELECT i.id, i.number, i.text, i.original, i.person_id, i.theme_id, i.merged_into_id,"
            " a.title, s.number, s.item_id FROM ideas i LEFT JOIN ideas s ON s.id = i.source_idea_id"
            " LEFT JOIN agenda_items a ON a.id = s.item_id"
            " WHERE i.item_id = ? AND i.deleted_at IS NULL ORDER BY i.number",
            (item_id,),
        )
    )
    themes = tuple(
        Theme(*values)
        for values in db.execute(
            "SELECT id, name, position FROM idea_themes WHERE item_id = ? AND deleted_at IS NULL"
            " ORDER BY position, id",
            (item_id,),
        )
    )
    live = {i.id for i in ideas}
    dots = tuple(
        Dots(idea_id, count, person_id)
        for idea_id, count, person_id in db.execute(
            "SELECT idea_id, count, person_id FROM idea_dots WHERE item_id = ? AND count > 0 ORDER BY id",
            (item_id,),
        )
        if idea_id in live
    )
    people = dict(
        db.execute("SELECT id, name FROM people WHERE collaborative_id = ?", (collaborative_id,)).fetchall()
    )
    return BrainstormView(
        item_id=item_id,
        meeting_id=meeting_id,
        question=prompt or title,
        settings=settings,
        ideas=ideas,
        themes=themes,
        dots=dots,
        present=_present(session, meeting_id),
        people=people,
    )


def _present(session: Session, meeting_id: int) -> tuple[Person, ...]:
    return tuple(Person(pid, name) for pid, name, _sector in present_people(session, meeting_id))


def _check_present(session: Session, meeting_id: int, person_id: int) -> None:
    if person_id not in {p.id for p in _present(session, meeting_id)}:
        raise DotsRefused(DotProblem.NOT_PRESENT)


def _refuse_same_words(
    db: sqlite3.Connection, item_id: int, wording: str, besides: Iterable[int] = ()
) -> str:
    """The folded key of ``wording``; refused when another idea of the item already says it."""
    key = idea_key(wording)
    same = db.execute(
        "SELECT i.number, i.id, h.number FROM ideas i LEFT JOIN ideas h ON h.id = i.merged_into_id"
        " WHERE i.item_id = ? AND i.key = ? AND i.deleted_at IS NULL ORDER BY i.number",
        (item_id, key),
    ).fetchall()
    others = [(number, holder) for number, idea_id, holder in same if idea_id not in set(besides)]
    if others:
        number, holder = others[0]
        raise IdeaRefused(IdeaProblem.DUPLICATE, number, holder or 0)
    return key


def _per_person(dots: Iterable[Dots]) -> dict[int, int]:
    totals: dict[int, int] = {}
    for d in dots:
        if d.person_id is not None:
            totals[d.person_id] = totals.get(d.person_id, 0) + d.count
    return totals


def _themes(session: Session, item_id: int) -> list[IdeaThemeRow]:
    return list(
        session.scalars(
            select(IdeaThemeRow)
            .where(IdeaThemeRow.item_id == item_id, IdeaThemeRow.deleted_at.is_(None))
            .order_by(IdeaThemeRow.position, IdeaThemeRow.id)
        )
    )


def _check_theme_name(themes: Sequence[IdeaThemeRow], name: str, own: int | None) -> None:
    if any(text.same_name(t.name, name) and t.id != own for t in themes):
        raise DuplicateName("theme", name)


def _rows_where(session: Session, column: str, values: Sequence[int]) -> list[IdeaRow]:
    if not values:
        return []
    return list(
        session.scalars(
            select(IdeaRow).where(getattr(IdeaRow, column).in_(values), IdeaRow.deleted_at.is_(None))
        )
    )


def _dot_rows(session: Session, item_id: int, idea_ids: Sequence[int] | None) -> list[IdeaDotsRow]:
    query = select(IdeaDotsRow).where(IdeaDotsRow.item_id == item_id)
    if idea_ids is not None:
        query = query.where(IdeaDotsRow.idea_id.in_(idea_ids))
    return list(session.scalars(query.order_by(IdeaDotsRow.id)))


def _person_dot_rows(session: Session, item_id: int, person_id: int) -> list[IdeaDotsRow]:
    return list(
        session.scalars(
            select(IdeaDotsRow).where(IdeaDotsRow.item_id == item_id, IdeaDotsRow.person_id == person_id)
        )
    )
