"""The meeting exchange file: one meeting and what it needs, as versioned JSON, to move between stores.

Shape (``resources/schemas/meeting-exchange.schema.json`` documents every field)::

    {"format": "facilitator-meeting", "version": 1,
     "collaborative": {"name", "purpose", "vision", "mission"},
     "sectors": ["Business", ...],        # every sector a person or a count names, by name
     "people": [{"key": "p1", "name", "organisation", "sector", "contact", "removed"}, ...],
     "meeting": {"title", "starts_at", "place", ..., "attendance", "agenda", "decisions",
                 "actions", "status_changes", "parked", "record"}}

The text holds no database ids. People, agenda items, decisions, ground-rule proposals, checks,
rules and idea themes are named by keys local to the file (p1, a1, d1, gp1, gc1, gr1, t1), numbered
in an order that only depends on the content; sectors by name; ideas by their number in their
item. Times are ISO 8601 local times, as stored. Keys are sorted, indented by two spaces, UTF-8,
with a final newline: importing into another store and exporting again gives the same bytes.

Each technique contributes its part under its agenda item (``agenda[i].technique``) through
``TECHNIQUES``, a registry keyed by agenda kind: an export, a read (validation) and a load (import)
function. Ground rules, brainstorms, nominal groups and idea writing have one; other techniques add
an entry.

Import (``ExchangeService.import_meeting``) is one transaction: on any error nothing is kept.
- The collaborative is found by name (case and spacing ignored) or created.
- People are matched by folded name (``text.name_key``) and organisation, as the app does when
  people are added (an organisation missing on either side matches); each person in the store
  matches one person of the file at most; the missing ones are added. Sectors are found by name
  or added. A meeting of the same title and start already in the collaborative is refused.
- Rule links (a proposal's ``rule``): the file names only the collaborative's rules that this
  meeting adopted (for proposals in force) or retired (for removed proposals, which are exported
  only then); a rule carried in from an earlier meeting belongs to that meeting, so its proposals
  keep ``carried`` and ``origin`` without a link. On import, when the meeting is the
  collaborative's latest (always when the import creates it), its rule changes are replayed onto
  the rules in force as the ground-rules service makes them: a proposal links to the rule in force
  of its kind and carried-in wording (the decision rule: the one in force), takes the wording of
  its last check that carried (amending it at the imported meeting if it differs), a linked rule
  not found is adopted at the imported meeting, and retired rules are retired. A meeting older than
  another of the collaborative leaves the rules in force alone: a later meeting settled them. Either
  way a retired rule that is not in force becomes a retired row (never in force), so the minutes
  still list it as retired. A collaborative imported meeting by meeting, in order, thus ends with
  the rules of the original, and exporting each meeting again gives the same file.
- Action items raised at the meeting come with their status and whether it was set at this
  meeting (``closed_here``); one closed at a later meeting reads as closed, at no meeting of the
  store. ``status_changes`` are items of earlier meetings marked done or dropped at this one: they
  are applied to the store's item of the same wording raised at the meeting of the same title
  and start, and left out when that meeting or item is not in the store.
- The approval of the previous meeting's minutes is kept in this meeting's record; the previous
  meeting's own record is not changed (its file carries its ``approved_on``).
- Ideas keep their numbers. An idea of a starting list names the idea it was copied from by that
  item's key and number, resolved once every item is in (an item may have been moved before the
  one it came from). Removed ideas are not in the file; their numbers are not given out again:
  each item's ``next_number`` is kept, and the import writes a removed row without words for the
  last number and for a removed idea a starting list still names (see ``_removed_idea``).
- A nominal group carries its settings and where its round robin stands (turns by person key, or
  by seat number when anonymous), its list (merged ideas name the idea they went into by number),
  the clarification record (each rewording, merge and split, with when it was made) and every card
  as typed: the idea numbers in rank order, the person by key (null: anonymous) and the rules it was
  counted by. Cards are checked as the service checks them (ideas on the list, each once, as many
  as the card's picks, every card of a vote counted alike), not against who is present now. An
  item never opened carries its starting list only (``settings`` null).
- Idea writing carries its settings, its groups in order (each member a person by key with the
  seat of their sheet), the ideas typed in from the sheets (each with its number, sheet as group
  place and seat, round, place in the row, words as typed and as they read now, the idea it builds
  on by number, who wrote it) and each group's summaries in order (the idea picked, by number).
  Entries are checked as the service checks them: a place on a sheet once, within the rows and
  places a sheet has, building on an idea of an earlier round of the same sheet; a group's main
  idea is picked from its own sheets. An item never opened has no part.

Not in the file: rows removed by undoable actions (except retired rules' proposals; of removed ideas
only the numbers they took), ids, the time rows were created (but for a nominal group's edits, whose
time the record shows), the step timer, the idea on the projector in a nominal group's
clarification, the group reporting on the projector in idea writing. A starting list's link to an
item no longer on the agenda.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NoReturn

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.agenda import MAX_MINUTES, MIN_MINUTES
from facilitator.domain.decision import (
    ATTEMPTS_LIMIT,
    CHOICES,
    QUORUM_LIMIT,
    VOTE_METHODS,
    Method,
    Outcome,
    Reason,
    Scale,
    Tally,
    rule_from_dict,
    rule_from_json,
    rule_to_dict,
    rule_to_json,
)
from facilitator.domain.errors import ExchangeError, ExchangeProblem, InvalidText, TextProblem
from facilitator.domain.model import AgendaKind, AttendanceStatus, ItemState, MeetingStatus
from facilitator.domain.people import is_same_person
from facilitator.domain.record import (
    NO_SECTOR,
    OVERALL,
    ActionStatus,
    Approval,
    Disposition,
    MeetingKind,
    outcome_from_json,
    outcome_to_json,
    recorded_rule,
)
from facilitator.services.base import Service, load
from facilitator.services.record import NOTE_LIMIT, WORDING_LIMIT
from facilitator.storage.models import (
    ActionItemRow,
    AgendaItemRow,
    AttendanceRow,
    BallotRow,
    BrainstormRow,
    CollaborativeRow,
    DecisionRow,
    GroundRuleItemRow,
    GroundRuleRow,
    IdeaDotsRow,
    IdeaEditRow,
    IdeaRow,
    IdeaThemeRow,
    IdeaWritingRow,
    MeetingRecordRow,
    MeetingRow,
    NominalGroupRow,
    ParkedItemRow,
    PersonRow,
    RuleCheckChoiceRow,
    RuleCheckRow,
    RuleProposalRow,
    SectorRow,
    WritingEntryRow,
    WritingGroupRow,
    WritingMemberRow,
    WritingSummaryRow,
)
from facilitator.techniques.brainstorming.model import (
    IDEA_LIMIT,
    MAX_DOTS_ON_IDEA,
    MAX_DOTS_PER_PERSON,
    OPTIONAL_PHASES,
    THEME_LIMIT,
    DotEntry,
    Phase,
    Settings,
    idea_key,
)
from facilitator.techniques.ground_rules.model import (
    RULE_LIMIT,
    SCALES,
    WHY_LIMIT,
    EntryMode,
    RuleKind,
    Wording,
)
from facilitator.techniques.idea_writing.model import (
    MAX_GROUP,
    MAX_IDEAS_PER_ROUND,
    MAX_ROUND_MINUTES,
    MAX_ROUNDS,
    MIN_GROUP,
    SUMMARY_LIMIT,
    Direction,
    Variant,
)
from facilitator.techniques.idea_writing.model import Step as WritingStep
from facilitator.techniques.nominal_group.model import (
    DEFAULT_MINUTES,
    MAX_PICKS,
    MAX_SEATS,
    MAX_STEP_MINUTES,
    Convention,
    EditKind,
    Step,
    Vote,
)
from facilitator.techniques.nominal_group.service import NOTE_LIMIT as MERGE_NOTE_LIMIT

FORMAT = "facilitator-meeting"
VERSION = 1
MAX_BYTES = 50 * 1024 * 1024
KEY_LIMIT = 100
COUNT_LIMIT = 100_000  # hands or people in one count: far above any room
SECONDS_LIMIT = 10**9

Json = dict[str, Any]

_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


# -- errors -------------------------------------------------------------------------------------
def _fail(problem: ExchangeProblem, where: str, detail: object = "") -> NoReturn:
    raise ExchangeError(problem, where, str(detail)[:200])


def _at(where: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{where}[{name}]"
    return f"{where}.{name}" if where else name


# -- the text -----------------------------------------------------------------------------------
def dumps(document: Json) -> str:
    """The one way the file is written, so equal content gives equal bytes."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _moment_text(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# -- reading: hand-written checks that name the path of what is wrong ---------------------------
def _values(kind: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


def _string(value: object, where: str) -> str:
    if not isinstance(value, str):
        _fail(ExchangeProblem.WRONG_TYPE, where, "string")
    return value


def _text(value: object, where: str, limit: int, *, required: bool = True, multiline: bool = False) -> str:
    """Cleaned as the services clean what people type, with the same limits."""
    raw = _string(value, where)
    try:
        if required:
            return text.required(where, raw, limit, multiline=multiline)
        return text.optional(where, raw, limit, multiline=multiline)
    except InvalidText as error:
        if error.problem is TextProblem.EMPTY:
            _fail(ExchangeProblem.EMPTY, where)
        _fail(ExchangeProblem.TOO_LONG, where, limit)


def _integer(value: object, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(ExchangeProblem.WRONG_TYPE, where, "integer")
    if not low <= value <= high:
        _fail(ExchangeProblem.BAD_VALUE, where, f"{low}..{high}")
    return value


def _choice(value: object, where: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        _string(value, where)
        _fail(ExchangeProblem.BAD_VALUE, where, "|".join(allowed))
    assert isinstance(value, str)
    return value


def _key(value: object, where: str) -> str:
    key = _string(value, where)
    if not 1 <= len(key) <= KEY_LIMIT:
        _fail(ExchangeProblem.BAD_VALUE, where, f"1..{KEY_LIMIT} characters")
    return key


def _moment(value: object, where: str) -> datetime:
    raw = _string(value, where)
    if not _MOMENT.fullmatch(raw):
        _fail(ExchangeProblem.BAD_VALUE, where, "YYYY-MM-DDTHH:MM:SS")
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        _fail(ExchangeProblem.BAD_VALUE, where, raw)


def _day(value: object, where: str) -> date:
    raw = _string(value, where)
    if not _DAY.fullmatch(raw):
        _fail(ExchangeProblem.BAD_VALUE, where, "YYYY-MM-DD")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        _fail(ExchangeProblem.BAD_VALUE, where, raw)


class _Obj:
    """A JSON object being read: each field is taken once; fields never taken are refused."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            _fail(ExchangeProblem.WRONG_TYPE, where, "object")
        self.value: dict[str, object] = value
        self.where = where
        self.taken: set[str] = set()

    def at(self, name: str) -> str:
        return _at(self.where, name)

    def get(self, name: str) -> object:
        if name not in self.value:
            _fail(ExchangeProblem.MISSING, self.at(name))
        self.taken.add(name)
        return self.value[name]

    def done(self) -> None:
        unknown = sorted(set(self.value) - self.taken)
        if unknown:
            _fail(ExchangeProblem.UNKNOWN_FIELD, self.at(unknown[0]), unknown[0])

    def text(self, name: str, limit: int, *, required: bool = True, multiline: bool = False) -> str:
        return _text(self.get(name), self.at(name), limit, required=required, multiline=multiline)

    def integer(self, name: str, low: int, high: int) -> int:
        return _integer(self.get(name), self.at(name), low, high)

    def boolean(self, name: str) -> bool:
        value = self.get(name)
        if not isinstance(value, bool):
            _fail(ExchangeProblem.WRONG_TYPE, self.at(name), "boolean")
        return value

    def boolean_or_none(self, name: str) -> bool | None:
        return None if self.get(name) is None else self.boolean(name)

    def choice(self, name: str, allowed: Iterable[str]) -> str:
        return _choice(self.get(name), self.at(name), allowed)

    def choice_or_none(self, name: str, allowed: Iterable[str]) -> str | None:
        return None if self.get(name) is None else self.choice(name, allowed)

    def moment(self, name: str) -> datetime:
        return _moment(self.get(name), self.at(name))

    def moment_or_none(self, name: str) -> datetime | None:
        return None if self.get(name) is None else self.moment(name)

    def day_or_none(self, name: str) -> date | None:
        value = self.get(name)
        return None if value is None else _day(value, self.at(name))

    def array(self, name: str) -> list[tuple[object, str]]:
        """The elements with their paths."""
        value = self.get(name)
        if not isinstance(value, list):
            _fail(ExchangeProblem.WRONG_TYPE, self.at(name), "array")
        return [(element, _at(self.at(name), index)) for index, element in enumerate(value)]

    def obj(self, name: str) -> _Obj:
        return _Obj(self.get(name), self.at(name))

    def obj_or_none(self, name: str) -> _Obj | None:
        return None if self.get(name) is None else self.obj(name)

    def new_key(self, name: str, claimed: set[str]) -> str:
        key = _key(self.get(name), self.at(name))
        if key in claimed:
            _fail(ExchangeProblem.DUPLICATE, self.at(name), key)
        claimed.add(key)
        return key

    def ref_or_none(self, name: str, known: Container[str]) -> str | None:
        value = self.get(name)
        if value is None:
            return None
        key = _string(value, self.at(name))
        if key not in known:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, self.at(name), key)
        return key

    def sector_or_none(self, name: str, sectors: Container[str]) -> str | None:
        """A sector by name, cleaned as the names in ``sectors`` were."""
        value = self.get(name)
        if value is None:
            return None
        sector = _text(value, self.at(name), text.NAME_LIMIT)
        if sector not in sectors:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, self.at(name), sector)
        return sector

    def ref(self, name: str, known: Container[str]) -> str:
        key = self.ref_or_none(name, known)
        if key is None:
            _fail(ExchangeProblem.WRONG_TYPE, self.at(name), "string")
        return key


@dataclass
class ReadContext:
    """What a technique's reader may refer to, and the keys the file has used so far."""

    people: frozenset[str]
    sectors: frozenset[str]
    claimed: dict[str, set[str]] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)  # a technique's checks across its items
    present: frozenset[str] = frozenset()  # the people in the room (present or late)
    item: str = ""  # the key of the agenda item being read
    # Checks that need every item read first (a reference to a later item, say), run in order.
    after: list[Callable[[], None]] = field(default_factory=list)

    def keys(self, kind: str) -> set[str]:
        return self.claimed.setdefault(kind, set())


def _parse(data: str | bytes) -> object:
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        _fail(ExchangeProblem.TOO_BIG, "", size)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            _fail(ExchangeProblem.NOT_JSON, "", f"byte {error.start}")
    try:
        return json.loads(data.removeprefix("\ufeff"), object_pairs_hook=_unique, parse_constant=_constant)
    except json.JSONDecodeError as error:
        _fail(ExchangeProblem.NOT_JSON, "", f"{error.lineno}:{error.colno}")
    except (ValueError, RecursionError) as error:
        _fail(ExchangeProblem.NOT_JSON, "", error)


def _unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # Two values for one name: JSON readers disagree on which wins, so the file is refused.
    result: dict[str, object] = {}
    for name, value in pairs:
        if name in result:
            raise ValueError(f"duplicate name {name}")
        result[name] = value
    return result


def _constant(name: str) -> object:
    raise ValueError(name)  # NaN and Infinity are not JSON


def read(data: str | bytes) -> Json:
    """Check a whole exchange file; the content with texts cleaned as the services clean them and
    times parsed (``datetime``/``date``). Raises ExchangeError naming the first problem's path."""
    document = _parse(data)
    if not isinstance(document, dict):
        _fail(ExchangeProblem.NOT_OURS, "")
    root = _Obj(document, "")
    if document.get("format") != FORMAT:
        _fail(ExchangeProblem.NOT_OURS, "format", document.get("format", ""))
    root.get("format")
    version = root.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        _fail(ExchangeProblem.BAD_VERSION, "version", version)
    if version > VERSION:
        _fail(ExchangeProblem.TOO_NEW, "version", version)
    collaborative = _read_collaborative(root.obj("collaborative"))
    sectors = _read_sectors(root)
    people = _read_people(root, frozenset(sectors))
    context = ReadContext(frozenset(p["key"] for p in people), frozenset(sectors))
    meeting = _read_meeting(root.obj("meeting"), context)
    root.done()
    return {
        "format": FORMAT, "version": version, "collaborative": collaborative, "sectors": sectors,
        "people": people, "meeting": meeting,
    }  # fmt: skip


def _read_collaborative(o: _Obj) -> Json:
    result = {
        "name": o.text("name", text.NAME_LIMIT),
        **{
            name: o.text(name, text.LONG_TEXT_LIMIT, required=False, multiline=True)
            for name in ("purpose", "vision", "mission")
        },
    }
    o.done()
    return result


def _read_sectors(root: _Obj) -> list[str]:
    sectors: list[str] = []
    for value, where in root.array("sectors"):
        name = _text(value, where, text.NAME_LIMIT)
        if any(text.same_name(name, other) for other in sectors):
            _fail(ExchangeProblem.DUPLICATE, where, name)
        sectors.append(name)
    return sectors


def _read_people(root: _Obj, sectors: frozenset[str]) -> list[Json]:
    claimed: set[str] = set()
    people: list[Json] = []
    on_roster: dict[str, list[Json]] = {}
    for value, where in root.array("people"):
        o = _Obj(value, where)
        person: Json = {
            "key": o.new_key("key", claimed),
            "name": o.text("name", text.NAME_LIMIT),
            "organisation": o.text("organisation", text.NAME_LIMIT, required=False),
            "sector": o.sector_or_none("sector", sectors),
            "contact": o.text("contact", text.NAME_LIMIT, required=False),
            "removed": o.boolean("removed"),
        }
        o.done()
        if not person["removed"]:
            # The roster never holds one person twice; matching on import relies on it.
            same = on_roster.setdefault(text.name_key(person["name"]), [])
            if any(
                is_same_person(p["name"], p["organisation"], person["name"], person["organisation"])
                for p in same
            ):
                _fail(ExchangeProblem.DUPLICATE, o.at("name"), person["name"])
            same.append(person)
        people.append(person)
    return people


def _read_rule(o: _Obj, name: str) -> Json | None:
    """A decision rule (method, quorum, attempts, fallback), or None."""
    rule = o.obj_or_none(name)
    if rule is None:
        return None
    result = {
        "method": rule.choice("method", _values(Method)),
        "quorum": rule.integer("quorum", 0, QUORUM_LIMIT),
        "attempts": rule.integer("attempts", 1, ATTEMPTS_LIMIT),
        "fallback": rule.choice("fallback", [m.value for m in VOTE_METHODS]),
    }
    rule.done()
    return result


def _read_counts(o: _Obj, name: str, scale: str) -> dict[str, int]:
    counts = o.obj(name)
    result = {}
    for choice in sorted(counts.value):
        if choice not in CHOICES[Scale(scale)]:
            _fail(ExchangeProblem.BAD_VALUE, counts.at(choice), "|".join(CHOICES[Scale(scale)]))
        result[choice] = counts.integer(choice, 0, COUNT_LIMIT)
    return result


def _read_meeting(o: _Obj, context: ReadContext) -> Json:
    meeting: Json = {
        "title": o.text("title", text.TITLE_LIMIT),
        # Meetings start on the minute, as the meeting form stores them.
        "starts_at": o.moment("starts_at").replace(second=0, microsecond=0),
        "place": o.text("place", text.TITLE_LIMIT, required=False),
        "purpose": o.text("purpose", text.LONG_TEXT_LIMIT, required=False, multiline=True),
        "facilitator": o.text("facilitator", text.NAME_LIMIT, required=False),
        "recorder": o.text("recorder", text.NAME_LIMIT, required=False),
        "status": o.choice("status", _values(MeetingStatus)),
        "started_at": o.moment_or_none("started_at"),
        "closed_at": o.moment_or_none("closed_at"),
        "attendance": _read_attendance(o, context),
    }
    in_room = {s.value for s in AttendanceStatus if s.in_room}
    context.present = frozenset(a["person"] for a in meeting["attendance"] if a["status"] in in_room)
    meeting["agenda"] = [_read_item(value, where, context) for value, where in o.array("agenda")]
    for check in context.after:
        check()
    items = frozenset(item["key"] for item in meeting["agenda"])
    meeting["current_item"] = o.ref_or_none("current_item", items)
    meeting["decisions"] = [_read_decision(v, w, items, context) for v, w in o.array("decisions")]
    decisions = frozenset(d["key"] for d in meeting["decisions"])
    meeting["actions"] = [_read_action(v, w, decisions, context) for v, w in o.array("actions")]
    meeting["status_changes"] = [_read_status_change(v, w) for v, w in o.array("status_changes")]
    meeting["parked"] = [_text(v, w, text.TITLE_LIMIT, multiline=True) for v, w in o.array("parked")]
    meeting["record"] = _read_record(o.obj_or_none("record"))
    o.done()
    return meeting


def _read_attendance(o: _Obj, context: ReadContext) -> list[Json]:
    marked: set[str] = set()
    statuses = [s.value for s in AttendanceStatus if s is not AttendanceStatus.EXPECTED]
    result = []
    for value, where in o.array("attendance"):
        a = _Obj(value, where)
        person = a.ref("person", context.people)
        if person in marked:
            _fail(ExchangeProblem.DUPLICATE, a.at("person"), person)
        marked.add(person)
        result.append(
            {
                "person": person,
                "status": a.choice("status", statuses),
                "arrived_at": a.moment_or_none("arrived_at"),
            }
        )
        a.done()
    return result


def _read_item(value: object, where: str, context: ReadContext) -> Json:
    o = _Obj(value, where)
    kind = o.choice("kind", _values(AgendaKind))
    item: Json = {
        "key": o.new_key("key", context.keys("agenda")),
        "kind": kind,
        "title": o.text("title", text.TITLE_LIMIT),
        "prompt": o.text("prompt", text.LONG_TEXT_LIMIT, required=False, multiline=True),
        "minutes": o.integer("minutes", MIN_MINUTES, MAX_MINUTES),
        "state": o.choice("state", _values(ItemState)),
        "elapsed_seconds": o.integer("elapsed_seconds", 0, SECONDS_LIMIT),
        "activated_at": o.moment_or_none("activated_at"),
        "technique": None,
    }
    data = o.get("technique")
    if data is not None:
        part = TECHNIQUES.get(AgendaKind(kind))
        if part is None:
            _fail(ExchangeProblem.BAD_VALUE, o.at("technique"), "null")
        context.item = item["key"]
        item["technique"] = part.read(data, o.at("technique"), context)
    o.done()
    return item


def _read_decision(value: object, where: str, items: frozenset[str], context: ReadContext) -> Json:
    o = _Obj(value, where)
    scale = o.choice("scale", _values(Scale))
    rule = _read_rule(o, "rule")
    # The reason only means something next to an override (as in record.clean_decision).
    reason = o.text("override_reason", text.TITLE_LIMIT, required=rule is not None)
    decision: Json = {
        "key": o.new_key("key", context.keys("decision")),
        "item": o.ref_or_none("item", items),
        "wording": o.text("wording", WORDING_LIMIT, multiline=True),
        "proposer": o.ref_or_none("proposer", context.people),
        "draws_on": o.text("draws_on", text.TITLE_LIMIT, required=False),
        "rule": rule,
        "override_reason": reason if rule is not None else "",
        "scale": scale,
        "attempt": o.integer("attempt", 1, 99),
        "by_sector": o.boolean("by_sector"),
        "disposition": o.choice_or_none("disposition", _values(Disposition)),
        "note": o.text("note", NOTE_LIMIT, required=False, multiline=True),
        "outcome": _read_outcome(o.obj_or_none("outcome")),
        "recorded_at": o.moment_or_none("recorded_at"),
    }
    parts: list[Json] = []
    for part_value, part_where in o.array("counts"):
        part = _Obj(part_value, part_where)
        sector = part.sector_or_none("sector", context.sectors)
        if sector is not None and not decision["by_sector"]:
            _fail(ExchangeProblem.BAD_VALUE, part.at("sector"), "null")  # a count of the whole room
        if any(p["sector"] == sector for p in parts):
            _fail(ExchangeProblem.DUPLICATE, part.at("sector"), sector or "null")
        parts.append({"sector": sector, "choices": _read_counts(part, "choices", scale)})
        part.done()
    decision["counts"] = parts
    o.done()
    return decision


def _read_outcome(o: _Obj | None) -> Json | None:
    if o is None:
        return None
    outcome = {
        "rule": _read_rule(o, "rule"),
        "carried": o.boolean("carried"),
        "reason": o.choice("reason", _values(Reason)),
        "method": o.choice("method", _values(Method)),
        "fell_back": o.boolean("fell_back"),
        **{
            name: o.integer(name, 0, COUNT_LIMIT)
            for name in ("support", "oppose", "abstain", "block", "present", "quorum", "needed")
        },
    }
    o.done()
    return outcome


def _read_action(value: object, where: str, decisions: frozenset[str], context: ReadContext) -> Json:
    o = _Obj(value, where)
    action = {
        "what": o.text("what", text.TITLE_LIMIT, multiline=True),
        "owner": o.ref_or_none("owner", context.people),
        "organisation": o.text("organisation", text.NAME_LIMIT, required=False),
        "due": o.day_or_none("due"),
        "decision": o.ref_or_none("decision", decisions),
        "status": o.choice("status", _values(ActionStatus)),
        "closed_here": o.boolean("closed_here"),
    }
    if action["closed_here"] and action["status"] == ActionStatus.OPEN.value:
        _fail(ExchangeProblem.BAD_VALUE, o.at("closed_here"), "false")  # an open item was closed nowhere
    o.done()
    return action


def _read_status_change(value: object, where: str) -> Json:
    o = _Obj(value, where)
    raised = o.obj("raised_at")
    change = {
        "raised_at": {
            "title": raised.text("title", text.TITLE_LIMIT),
            "starts_at": raised.moment("starts_at").replace(second=0, microsecond=0),
        },
        "what": o.text("what", text.TITLE_LIMIT, multiline=True),
        "status": o.choice("status", [ActionStatus.DONE.value, ActionStatus.DROPPED.value]),
    }
    raised.done()
    o.done()
    return change


def _read_record(o: _Obj | None) -> Json | None:
    if o is None:
        return None
    next_starts_at = o.moment_or_none("next_starts_at")
    record = {
        "kind": o.choice("kind", _values(MeetingKind)),
        "previous_approval": o.choice("previous_approval", _values(Approval)),
        "correction": o.text("correction", NOTE_LIMIT, required=False, multiline=True),
        "next_starts_at": next_starts_at.replace(second=0, microsecond=0) if next_starts_at else None,
        "next_place": o.text("next_place", text.TITLE_LIMIT, required=False),
        "approved_on": o.day_or_none("approved_on"),
    }
    o.done()
    return record


# -- techniques: each contributes its part of an agenda item ------------------------------------
@dataclass
class ExportContext:
    """What a technique's export may refer to: the file's keys for the rows it names."""

    session: Session
    meeting: MeetingRow
    people: dict[int, str]
    items: dict[int, str]
    decisions: dict[int, str]
    _numbers: dict[str, int] = field(default_factory=dict)
    _keys: dict[tuple[str, object], str] = field(default_factory=dict)
    _ranks: dict[str, int] = field(default_factory=dict)

    def rank(self, person_key: str) -> int:
        """Where a person comes in the file's list, to order what lists people."""
        if not self._ranks:
            self._ranks.update((key, rank) for rank, key in enumerate(self.people.values()))
        return self._ranks[person_key]

    def key(self, prefix: str, ident: object) -> str:
        """The key of a row: numbered per prefix in the order first asked, so in content order."""
        found = self._keys.get((prefix, ident))
        if found is None:
            self._numbers[prefix] = self._numbers.get(prefix, 0) + 1
            found = self._keys[(prefix, ident)] = f"{prefix}{self._numbers[prefix]}"
        return found


@dataclass
class ImportContext:
    """The store's ids for the file's keys, and work a technique leaves until every item is in."""

    session: Session
    now: datetime
    meeting: MeetingRow
    new_collaborative: bool
    people: dict[str, int]
    sectors: dict[str, int]
    items: dict[str, int] = field(default_factory=dict)
    decisions: dict[str, int] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    finishers: list[Callable[[], None]] = field(default_factory=list)


@dataclass(frozen=True)
class TechniquePart:
    """One technique's share of the file, as ``agenda[i].technique`` of the items of its kind.

    ``export`` gives None when the item holds nothing yet; ``read`` validates and cleans what
    ``export`` wrote (naming paths in ExchangeError); ``load`` writes it under the new item.
    """

    export: Callable[[AgendaItemRow, ExportContext], Json | None]
    read: Callable[[object, str, ReadContext], Json]
    load: Callable[[Json, AgendaItemRow, ImportContext], None]


# ---- ground rules: ground_rule_items, rule_proposals, rule_checks, rule_check_choices ----------
_RULE_LINKS = "ground_rules.links"
_RULE_KINDS = "ground_rules.kinds"


def _wording_dict(wording: Wording) -> Json:
    return {"text": wording.text, "why": wording.why, "decision": rule_to_dict(wording.decision)}


def _export_ground_rules(item: AgendaItemRow, context: ExportContext) -> Json | None:
    session = context.session
    settings = session.get(GroundRuleItemRow, item.id)
    if settings is None:
        return None  # never opened: the proposals are set up when the group gets there
    ordered = (RuleProposalRow.position, RuleProposalRow.id)
    live = session.scalars(
        select(RuleProposalRow)
        .where(RuleProposalRow.item_id == item.id, RuleProposalRow.deleted_at.is_(None))
        .order_by(*ordered)
    ).all()
    # Removed proposals leave no trace anywhere, except rules in force that the group retired.
    retired = session.scalars(
        select(RuleProposalRow)
        .where(RuleProposalRow.item_id == item.id, RuleProposalRow.deleted_at.is_not(None))
        .where(RuleProposalRow.rule_id.is_not(None))
        .order_by(*ordered)
    ).all()
    proposals = [_export_proposal(row, False, context) for row in live]
    gone = [_export_proposal(row, True, context) for row in retired]
    current = next(
        (p["key"] for p, row in zip(proposals, live, strict=True) if row.id == settings.current_proposal_id),
        None,
    )
    return {
        "scale": settings.scale,
        "entry": settings.entry,
        "current": current,
        "proposals": proposals,
        "retired": gone,
    }


def _export_proposal(row: RuleProposalRow, removed: bool, context: ExportContext) -> Json:
    session = context.session
    key = context.key("gp", row.id)
    rule = session.get(GroundRuleRow, row.rule_id) if row.rule_id is not None else None
    # Only rules this meeting adopted or retired can be recreated from its file (see the docstring).
    linked = rule is not None and (removed or rule.adopted_meeting_id == context.meeting.id)
    checks = []
    for check in session.scalars(
        select(RuleCheckRow).where(RuleCheckRow.proposal_id == row.id).order_by(RuleCheckRow.id)
    ):
        choices = [
            {"person": context.people[choice.person_id], "choice": choice.choice}
            for choice in session.scalars(
                select(RuleCheckChoiceRow).where(RuleCheckChoiceRow.check_id == check.id)
            )
            if choice.person_id in context.people
        ]
        checks.append({
            "key": context.key("gc", check.id), "scale": check.scale, "entry": check.entry,
            "counts": {choice: int(count) for choice, count in json.loads(check.counts).items()},
            "choices": sorted(choices, key=lambda c: context.rank(c["person"])),
            "subject": _wording_dict(Wording.from_json(check.subject)),
            "governing": rule_to_dict(rule_from_json(check.governing)), "present": check.present,
            "carried": check.carried, "reason": check.reason, "recorded_at": _moment_text(check.recorded_at),
        })  # fmt: skip
    return {
        "key": key, "kind": row.kind, "text": row.text, "why": row.why,
        "decision": rule_to_dict(rule_from_json(row.decision)), "carried": row.carried,
        "origin": _wording_dict(Wording.from_json(row.origin)) if row.origin else None,
        "rule": context.key("gr", row.rule_id) if linked else None, "checks": checks,
    }  # fmt: skip


def _read_wording(o: _Obj | None) -> Json | None:
    if o is None:
        return None
    wording = {
        "text": o.text("text", RULE_LIMIT),
        "why": o.text("why", WHY_LIMIT, required=False, multiline=True),
        "decision": _read_rule(o, "decision"),
    }
    o.done()
    return wording


def _read_ground_rules(value: object, where: str, context: ReadContext) -> Json:
    o = _Obj(value, where)
    data: Json = {
        "scale": o.choice("scale", [s.value for s in SCALES]),
        "entry": o.choice("entry", _values(EntryMode)),
        "proposals": [_read_proposal(v, w, False, context) for v, w in o.array("proposals")],
        "retired": [_read_proposal(v, w, True, context) for v, w in o.array("retired")],
    }
    data["current"] = o.ref_or_none("current", {p["key"] for p in data["proposals"]})
    o.done()
    return data


def _read_proposal(value: object, where: str, removed: bool, context: ReadContext) -> Json:
    o = _Obj(value, where)
    kind = o.choice("kind", _values(RuleKind))
    proposal: Json = {
        "key": o.new_key("key", context.keys("proposal")),
        "kind": kind,
        "text": o.text("text", RULE_LIMIT),
        "why": o.text("why", WHY_LIMIT, required=False, multiline=True),
        "decision": _read_rule(o, "decision"),
        "carried": o.boolean("carried"),
        "origin": _read_wording(o.obj_or_none("origin")),
        "rule": None,
        "checks": [_read_check(v, w, context) for v, w in o.array("checks")],
    }
    if (proposal["decision"] is None) == (kind == RuleKind.DECISION.value):
        # The decision rule's proposal holds the rule; other rules hold none (Wording.cleaned).
        _fail(ExchangeProblem.BAD_VALUE, o.at("decision"), "null" if proposal["decision"] else "object")
    rule = o.get("rule")
    if rule is None and removed:
        _fail(ExchangeProblem.MISSING, o.at("rule"))  # only rules in force are listed as retired
    if rule is not None:
        proposal["rule"] = _key(rule, o.at("rule"))
        kinds: dict[str, str] = context.state.setdefault(_RULE_KINDS, {})
        # Proposals linked to one rule are proposals of that rule; a collaborative has one decision rule.
        if kinds.setdefault(proposal["rule"], kind) != kind or (
            kind == RuleKind.DECISION.value
            and any(k != proposal["rule"] and v == kind for k, v in kinds.items())
        ):
            _fail(ExchangeProblem.BAD_VALUE, o.at("rule"), proposal["rule"])
    o.done()
    return proposal


def _read_check(value: object, where: str, context: ReadContext) -> Json:
    o = _Obj(value, where)
    scale = o.choice("scale", _values(Scale))
    allowed = CHOICES[Scale(scale)]
    check: Json = {
        "key": o.new_key("key", context.keys("check")),
        "scale": scale,
        "entry": o.choice("entry", _values(EntryMode)),
        "counts": _read_counts(o, "counts", scale),
        "subject": _read_wording(o.obj("subject")),
        "governing": _read_rule(o, "governing"),
        "present": o.integer("present", 0, COUNT_LIMIT),
        "carried": o.boolean_or_none("carried"),
        "reason": o.choice_or_none("reason", _values(Reason)),
        "recorded_at": o.moment_or_none("recorded_at"),
    }
    choices: list[Json] = []
    chosen: set[str] = set()
    for choice_value, choice_where in o.array("choices"):
        c = _Obj(choice_value, choice_where)
        person = c.ref("person", context.people)
        if person in chosen:
            _fail(ExchangeProblem.DUPLICATE, c.at("person"), person)
        chosen.add(person)
        choices.append({"person": person, "choice": c.choice("choice", allowed)})
        c.done()
    check["choices"] = choices
    if check["recorded_at"] is not None and sum(check["counts"].values()) > check["present"]:
        # A recorded check is decided again on every view: more hands than people cannot be.
        _fail(ExchangeProblem.BAD_VALUE, o.at("counts"), f"0..{check['present']}")
    o.done()
    return check


@dataclass(frozen=True)
class _Link:
    row: RuleProposalRow
    proposal: Json
    removed: bool


def _load_ground_rules(data: Json, item: AgendaItemRow, context: ImportContext) -> None:
    session = context.session
    settings = GroundRuleItemRow(
        item_id=item.id, scale=data["scale"], entry=data["entry"], created_at=context.now
    )
    session.add(settings)
    links: list[_Link] | None = context.state.get(_RULE_LINKS)
    if links is None:
        links = context.state[_RULE_LINKS] = []
        context.finishers.append(lambda: _link_rules(links, context))
    rows: dict[str, RuleProposalRow] = {}
    for removed, proposals in ((False, data["proposals"]), (True, data["retired"])):
        for position, proposal in enumerate(proposals):
            row = RuleProposalRow(
                item_id=item.id, position=position, kind=proposal["kind"], text=proposal["text"],
                why=proposal["why"], decision=rule_to_json(rule_from_dict(proposal["decision"])),
                carried=proposal["carried"], origin=_wording(proposal["origin"]).to_json() if proposal["origin"] else None,
                created_at=context.now, deleted_at=context.now if removed else None,
            )  # fmt: skip
            session.add(row)
            session.flush()
            rows[proposal["key"]] = row
            for check in proposal["checks"]:
                _load_check(check, row, context)
            links.append(_Link(row, proposal, removed))
    settings.current_proposal_id = rows[data["current"]].id if data["current"] else None


def _wording(data: Json) -> Wording:
    return Wording(data["text"], data["why"], rule_from_dict(data["decision"]))


def _load_check(check: Json, proposal: RuleProposalRow, context: ImportContext) -> None:
    row = RuleCheckRow(
        proposal_id=proposal.id, scale=check["scale"], entry=check["entry"], counts=json.dumps(check["counts"]),
        subject=_wording(check["subject"]).to_json(), governing=rule_to_json(rule_from_dict(check["governing"])),
        present=check["present"], carried=check["carried"], reason=check["reason"], created_at=context.now,
        recorded_at=check["recorded_at"],
    )  # fmt: skip
    context.session.add(row)
    context.session.flush()
    for choice in check["choices"]:
        context.session.add(
            RuleCheckChoiceRow(
                check_id=row.id, person_id=context.people[choice["person"]], choice=choice["choice"]
            )
        )


def _link_rules(links: list[_Link], context: ImportContext) -> None:
    """Link proposals to the collaborative's rules, as the module docstring explains. ``links``
    holds every proposal in the meeting's order (items in order; in each, the live ones first)."""
    session, meeting = context.session, context.meeting
    later = session.scalar(
        select(func.count())
        .select_from(MeetingRow)
        .where(
            MeetingRow.collaborative_id == meeting.collaborative_id,
            MeetingRow.deleted_at.is_(None),
            MeetingRow.starts_at > meeting.starts_at,
        )
    )
    replay = context.new_collaborative or not later
    in_force = [] if not replay else list(
        session.scalars(
            select(GroundRuleRow)
            .where(GroundRuleRow.collaborative_id == meeting.collaborative_id, GroundRuleRow.deleted_at.is_(None))
            .order_by(GroundRuleRow.position, GroundRuleRow.id)
        )
    )  # fmt: skip
    by_key: dict[str, GroundRuleRow] = {}
    for link in links:
        proposal, key = link.proposal, link.proposal["rule"]
        rule = by_key.get(key) if key is not None else None
        if rule is None and replay and (key is not None or proposal["origin"] is not None):
            # Carried in: the rule in force with the wording it was carried in with (or one the group
            # adopted under the same words); a collaborative has one decision rule.
            rule = _in_force(in_force, proposal["kind"], (proposal["origin"] or proposal)["text"])
        if link.removed:
            if rule is None:
                # Adopted elsewhere, maybe in a meeting this store does not hold: a row that is never
                # in force, there so the minutes list the rule as retired here.
                rule = _rule_row(context, link, _wording(proposal["origin"] or proposal))
            rule.deleted_at, rule.retired_meeting_id = context.now, meeting.id
            if rule in in_force:
                in_force.remove(rule)
        elif replay:
            agreed = [
                check["subject"] for check in proposal["checks"] if check["recorded_at"] and check["carried"]
            ]
            if rule is None and key is not None:
                rule = _rule_row(context, link, _wording(agreed[-1] if agreed else proposal))
                in_force.append(rule)
            elif rule is not None and agreed:
                _agree(rule, _wording(agreed[-1]), meeting.id)
            if rule is not None:
                rule.position = link.row.position  # the rules follow the order of their proposals
        if rule is not None:
            link.row.rule_id = _saved(session, rule).id
            if key is not None:
                by_key[key] = rule
    for link in links:  # a proposal met before the one that retired its rule
        key = link.proposal["rule"]
        if key in by_key and link.row.rule_id is None:
            link.row.rule_id = by_key[key].id


def _in_force(in_force: list[GroundRuleRow], kind: str, wording: str) -> GroundRuleRow | None:
    return next(
        (
            rule
            for rule in in_force
            if rule.kind == kind and (kind == RuleKind.DECISION.value or text.same_name(rule.text, wording))
        ),
        None,
    )


def _agree(rule: GroundRuleRow, wording: Wording, meeting_id: int) -> None:
    """What GroundRulesService._adopt does when a check carries a rule in force."""
    decision = rule_to_json(wording.decision)
    if (rule.text, rule.why, rule.decision) != (wording.text, wording.why, decision):
        rule.text, rule.why, rule.decision = wording.text, wording.why, decision
        if rule.adopted_meeting_id != meeting_id:
            rule.amended_meeting_id = meeting_id


def _saved(session: Session, rule: GroundRuleRow) -> GroundRuleRow:
    if rule.id is None:
        session.add(rule)
        session.flush()
    return rule


def _rule_row(context: ImportContext, link: _Link, wording: Wording) -> GroundRuleRow:
    return GroundRuleRow(
        collaborative_id=context.meeting.collaborative_id, position=link.row.position, kind=link.row.kind,
        text=wording.text, why=wording.why, decision=rule_to_json(wording.decision),
        adopted_meeting_id=context.meeting.id, created_at=context.now,
    )  # fmt: skip


# ---- ideas: brainstorms, idea_themes, ideas, idea_dots; and the starting lists they send on ----
# An idea is named by its number, which is stable within its item and is what the room calls it;
# an idea of a starting list names the idea it was copied from by that idea's item and number.
# Removed ideas are not in the file, but the numbers they took are not given out again: the file
# keeps the item's next number, and the import writes a removed row without words for the last
# number and for any removed idea a starting list still names (see _removed_idea).
IDEA_NUMBER_LIMIT = 1_000_000
_IDEA_ITEMS = "ideas.items"  # read: item key -> its next_number
_IDEA_SOURCES = "ideas.sources"  # read: (the source's object, the item it is in, the source)
_IDEA_ROWS = "ideas.rows"  # import: (item id, number) -> the idea's row
_IDEA_LINKS = "ideas.links"  # import: (row, source) to link once every item is in


def _export_brainstorm(item: AgendaItemRow, context: ExportContext) -> Json | None:
    session = context.session
    settings = session.get(BrainstormRow, item.id)
    if settings is None:
        return None  # never opened: it holds nothing yet
    theme_rows = session.scalars(
        select(IdeaThemeRow)
        .where(IdeaThemeRow.item_id == item.id, IdeaThemeRow.deleted_at.is_(None))
        .order_by(IdeaThemeRow.position, IdeaThemeRow.id)
    ).all()
    themes = {row.id: context.key("t", row.id) for row in theme_rows}
    live, next_number = _idea_rows(session, item.id)
    by_id = {row.id: row for row in live}
    ideas = []
    for row in live:
        into = _result_of(row, by_id)
        ideas.append({
            **_export_idea(row, context),
            "person": context.people.get(row.person_id) if row.person_id is not None else None,
            "theme": themes.get(row.theme_id) if row.theme_id is not None else None,
            "merged_into": into.number if into is not None else None,
        })  # fmt: skip
    # One entry per idea and person (None: a total off the wall), whatever rows hold them.
    dots: dict[tuple[int, str | None], int] = {}
    for dot in session.scalars(
        select(IdeaDotsRow).where(IdeaDotsRow.item_id == item.id, IdeaDotsRow.count > 0)
    ):
        idea = by_id.get(dot.idea_id)
        person = context.people.get(dot.person_id) if dot.person_id is not None else None
        if idea is not None and (person is not None or dot.person_id is None):
            dots[(idea.number, person)] = dots.get((idea.number, person), 0) + dot.count

    def order(entry: tuple[tuple[int, str | None], int]) -> tuple[bool, int, int]:
        (number, person), _count = entry  # the totals off the wall, then each person's dots
        return person is not None, context.rank(person) if person is not None else 0, number

    used = settings.phases.split(",")
    return {
        "attributed": settings.attributed, "dots_per_person": settings.dots_per_person,
        "phases": [p.value for p in OPTIONAL_PHASES if p.value in used], "dot_entry": settings.dot_entry,
        "phase": settings.phase, "next_number": next_number,
        "themes": [{"key": themes[row.id], "name": row.name} for row in theme_rows],
        "ideas": ideas,
        "dots": [
            {"idea": number, "person": person, "count": count}
            for (number, person), count in sorted(dots.items(), key=order)
        ],
    }  # fmt: skip


def _export_nominal_group(item: AgendaItemRow, context: ExportContext) -> Json | None:
    session = context.session
    settings = session.get(NominalGroupRow, item.id)
    live, next_number = _idea_rows(session, item.id)
    if settings is None and next_number == 1:
        return None  # never opened, and no starting list yet
    by_id = {row.id: row for row in live}
    ideas = []
    for row in live:
        into = _result_of(row, by_id)
        ideas.append({**_export_idea(row, context), "merged_into": into.number if into is not None else None})
    if settings is None:  # a starting list sent on, the group not there yet
        return {"next_number": next_number, "ideas": ideas, "settings": None, "edits": [], "cards": []}
    # The history of the ideas still on the list (a removed idea's goes with it), in the order made.
    edits = [
        {
            "idea": by_id[row.idea_id].number, "kind": row.kind, "before": row.before, "after": row.after,
            "other": row.other_number if row.kind != EditKind.REWORDED.value else None, "note": row.note,
            "at": _moment_text(row.created_at),
        }
        for row in session.scalars(
            select(IdeaEditRow).where(IdeaEditRow.item_id == item.id).order_by(IdeaEditRow.id)
        )
        if row.idea_id in by_id
    ]  # fmt: skip
    votes = [vote.value for vote in Vote]
    ballots = sorted(
        session.scalars(select(BallotRow).where(BallotRow.item_id == item.id)),
        key=lambda row: (votes.index(row.vote), row.card, row.id),
    )
    cards = [
        {
            "vote": row.vote, "card": row.card,
            "person": context.people.get(row.person_id) if row.person_id is not None else None,
            "ranks": [int(number) for number in json.loads(row.ranks)], "convention": row.convention,
            "picks": row.picks,
        }
        for row in ballots
    ]  # fmt: skip
    return {
        "next_number": next_number, "ideas": ideas, "settings": _export_group_settings(settings, context),
        "edits": edits, "cards": cards,
    }  # fmt: skip


def _export_group_settings(row: NominalGroupRow, context: ExportContext) -> Json:
    boxes = json.loads(row.minutes)
    stored = [int(who) for who in json.loads(row.turn_order)]
    # Turns go by seat number when anonymous, else by person (a key of people).
    order: list[int | str] = (
        list(stored) if row.anonymous else [context.people[who] for who in stored if who in context.people]
    )
    return {
        "step": row.step, "picks": row.picks, "convention": row.convention,
        "minutes": {step.value: int(boxes.get(step.value, DEFAULT_MINUTES[step])) for step in Step},
        "anonymous": row.anonymous, "seats": row.seats, "turn_order": order, "turn": row.turn,
        "passes": row.passes, "ended": row.round_ended,
        "tie_order": [int(number) for number in json.loads(row.tie_order)],
    }  # fmt: skip


def _idea_rows(session: Session, item_id: int) -> tuple[list[IdeaRow], int]:
    """The item's ideas still there, in number order, and the number the next one will take."""
    rows = session.scalars(
        select(IdeaRow).where(IdeaRow.item_id == item_id).order_by(IdeaRow.number, IdeaRow.id)
    )
    every = list(rows)
    return [row for row in every if row.deleted_at is None], max((r.number for r in every), default=0) + 1


def _export_idea(row: IdeaRow, context: ExportContext) -> Json:
    return {"number": row.number, "text": row.text, "original": row.original, "source": _source(row, context)}


def _result_of(row: IdeaRow, by_id: dict[int, IdeaRow]) -> IdeaRow | None:
    """The idea on the wall that ``row`` was merged into (a result never holds a result)."""
    seen = {row.id}
    target = by_id.get(row.merged_into_id) if row.merged_into_id is not None else None
    while target is not None and target.merged_into_id is not None and target.id not in seen:
        seen.add(target.id)
        target = by_id.get(target.merged_into_id)
    return None if target is None or target.id in seen else target


def _source(row: IdeaRow, context: ExportContext) -> Json | None:
    """Where an idea of a starting list came from: an idea (maybe removed since) of another item
    of this meeting that the file holds a list for; None when that item is not in the file."""
    if row.source_idea_id is None:
        return None
    session = context.session
    source = session.get(IdeaRow, row.source_idea_id)
    if source is None or source.item_id == row.item_id or source.item_id not in context.items:
        return None
    kind = load(session, AgendaItemRow, source.item_id).kind
    has_list = (
        kind == AgendaKind.NOMINAL_GROUP.value
        or (kind == AgendaKind.BRAINSTORMING.value and session.get(BrainstormRow, source.item_id) is not None)
        or (kind == AgendaKind.IDEA_WRITING.value and session.get(IdeaWritingRow, source.item_id) is not None)
    )
    return {"item": context.items[source.item_id], "number": source.number} if has_list else None


def _read_brainstorm(value: object, where: str, context: ReadContext) -> Json:
    o = _Obj(value, where)
    phases: list[str] = []
    for phase_value, phase_where in o.array("phases"):
        phase = _choice(phase_value, phase_where, [p.value for p in OPTIONAL_PHASES])
        if phase in phases:
            _fail(ExchangeProblem.DUPLICATE, phase_where, phase)
        phases.append(phase)
    steps = Settings(phases=frozenset(Phase(p) for p in phases)).steps()
    data: Json = {
        "attributed": o.boolean("attributed"),
        "dots_per_person": o.integer("dots_per_person", 1, MAX_DOTS_PER_PERSON),
        "phases": [p.value for p in OPTIONAL_PHASES if p.value in phases],
        "dot_entry": o.choice("dot_entry", _values(DotEntry)),
        "phase": o.choice("phase", [p.value for p in steps]),  # the phases in use
        "themes": [],
    }
    for theme_value, theme_where in o.array("themes"):
        t = _Obj(theme_value, theme_where)
        theme = {"key": t.new_key("key", context.keys("theme")), "name": t.text("name", THEME_LIMIT)}
        if any(text.same_name(other["name"], theme["name"]) for other in data["themes"]):
            _fail(ExchangeProblem.DUPLICATE, t.at("name"), theme["name"])  # as the service refuses
        t.done()
        data["themes"].append(theme)
    themes = {theme["key"] for theme in data["themes"]}
    data["next_number"], data["ideas"] = _read_ideas(o, context, themes)
    data["dots"] = _read_dots(o, data, context)
    o.done()
    return data


def _read_nominal_group(value: object, where: str, context: ReadContext) -> Json:
    o = _Obj(value, where)
    next_number, ideas = _read_ideas(o, context, None, merges=True)
    data: Json = {"next_number": next_number, "ideas": ideas, "settings": None, "edits": [], "cards": []}
    settings = o.obj_or_none("settings")
    if settings is not None:
        data["settings"] = _read_group_settings(settings, next_number, context)
    data["edits"] = _read_edits(o, data, context)
    data["cards"] = _read_cards(o, data, context)
    if settings is None:  # never opened: nothing can have been clarified or voted on
        for name in ("edits", "cards"):
            if data[name]:
                _fail(ExchangeProblem.BAD_VALUE, o.at(name), "[] (the group never started: settings is null)")
    o.done()
    return data


def _read_group_settings(o: _Obj, next_number: int, context: ReadContext) -> Json:
    """How a nominal group is set up and where its round robin stands, as the service allows."""
    picks = o.get("picks")
    anonymous = o.boolean("anonymous")
    settings: Json = {
        "step": o.choice("step", _values(Step)),
        "picks": None if picks is None else _integer(picks, o.at("picks"), 1, MAX_PICKS),
        "convention": o.choice("convention", _values(Convention)),
        "anonymous": anonymous,
        "seats": o.integer("seats", 0, MAX_SEATS),
        "ended": o.boolean("ended"),
    }
    if anonymous and settings["seats"] == 0:
        _fail(ExchangeProblem.BAD_VALUE, o.at("seats"), f"1..{MAX_SEATS} (turns go by seat)")
    boxes = o.obj("minutes")
    settings["minutes"] = {step.value: boxes.integer(step.value, 1, MAX_STEP_MINUTES) for step in Step}
    boxes.done()
    order: list[int | str] = []
    for turn_value, turn_where in o.array("turn_order"):
        # Seats by number when turns go by seat, else people by their keys.
        who: int | str = (
            _integer(turn_value, turn_where, 1, MAX_SEATS) if anonymous else _string(turn_value, turn_where)
        )
        if not anonymous and who not in context.people:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, turn_where, who)
        if who in order:
            _fail(ExchangeProblem.DUPLICATE, turn_where, who)
        order.append(who)
    settings["turn_order"] = order
    settings["turn"] = o.integer("turn", 0, max(len(order) - 1, 0))
    settings["passes"] = o.integer("passes", 0, len(order))
    ties: list[int] = []
    for tie_value, tie_where in o.array("tie_order"):
        number = _integer(tie_value, tie_where, 1, IDEA_NUMBER_LIMIT)
        if number >= next_number:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, tie_where, number)
        if number in ties:
            _fail(ExchangeProblem.DUPLICATE, tie_where, number)
        ties.append(number)
    settings["tie_order"] = ties
    o.done()
    return settings


def _read_edits(o: _Obj, data: Json, context: ReadContext) -> list[Json]:
    """The clarification record: each rewording, merge and split of an idea in the file."""
    numbers = {idea["number"] for idea in data["ideas"]}
    edits: list[Json] = []
    for edit_value, edit_where in o.array("edits"):
        e = _Obj(edit_value, edit_where)
        number = e.integer("idea", 1, IDEA_NUMBER_LIMIT)
        if number not in numbers:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, e.at("idea"), number)
        kind = e.choice("kind", _values(EditKind))
        other = e.get("other")
        if kind == EditKind.REWORDED.value:
            if other is not None:
                _fail(ExchangeProblem.BAD_VALUE, e.at("other"), "null (a rewording names no other idea)")
        else:
            other = _integer(other, e.at("other"), 1, IDEA_NUMBER_LIMIT)
            if other >= data["next_number"]:
                _fail(ExchangeProblem.UNKNOWN_REFERENCE, e.at("other"), other)
        edits.append({
            "idea": number, "kind": kind, "before": e.text("before", IDEA_LIMIT), "after": e.text("after", IDEA_LIMIT),
            "other": other, "note": e.text("note", MERGE_NOTE_LIMIT, required=False), "at": e.moment("at"),
        })  # fmt: skip
        e.done()
    return edits


def _read_cards(o: _Obj, data: Json, context: ReadContext) -> list[Json]:
    """The cards as typed, checked as the service checks them: ideas on the list (not merged into
    another), each once, as many as the card's picks; every card of a vote counted alike; one card
    per person and vote. Cards are not held to the people present: attendance may change after."""
    listed = {idea["number"] for idea in data["ideas"] if idea["merged_into"] is None}
    rules: dict[str, tuple[str, int]] = {}
    taken: set[tuple[str, object]] = set()
    cards: list[Json] = []
    for card_value, card_where in o.array("cards"):
        c = _Obj(card_value, card_where)
        vote = c.choice("vote", _values(Vote))
        card: Json = {"vote": vote, "card": c.integer("card", 1, COUNT_LIMIT)}
        if (vote, card["card"]) in taken:
            _fail(ExchangeProblem.DUPLICATE, c.at("card"), f"{vote} {card['card']}")
        taken.add((vote, card["card"]))
        card["person"] = c.ref_or_none("person", context.people)
        if card["person"] is not None:
            if (vote, card["person"]) in taken:
                _fail(ExchangeProblem.DUPLICATE, c.at("person"), f"{vote} {card['person']}")
            taken.add((vote, card["person"]))
        card["convention"] = convention = c.choice("convention", _values(Convention))
        ranked_all = convention == Convention.RANK_ALL.value
        card["picks"] = picks = c.integer("picks", 1, IDEA_NUMBER_LIMIT if ranked_all else MAX_PICKS)
        first = rules.setdefault(vote, (convention, picks))
        if first[0] != convention:
            _fail(ExchangeProblem.BAD_VALUE, c.at("convention"), f"{first[0]} (as the vote's first card)")
        if first[1] != picks:
            _fail(ExchangeProblem.BAD_VALUE, c.at("picks"), f"{first[1]} (as the vote's first card)")
        ranks: list[int] = []
        for rank_value, rank_where in c.array("ranks"):
            number = _integer(rank_value, rank_where, 1, IDEA_NUMBER_LIMIT)
            if number not in listed:
                _fail(ExchangeProblem.UNKNOWN_REFERENCE, rank_where, number)
            if number in ranks:
                _fail(ExchangeProblem.DUPLICATE, rank_where, number)
            ranks.append(number)
        if len(ranks) != picks:
            _fail(ExchangeProblem.BAD_VALUE, c.at("ranks"), f"{picks} idea numbers (the card's picks)")
        card["ranks"] = ranks
        c.done()
        cards.append(card)
    return cards


def _read_ideas(
    o: _Obj, context: ReadContext, themes: set[str] | None, *, merges: bool = False
) -> tuple[int, list[Json]]:
    """The ideas of an item, in number order. ``themes``: the item's theme keys, for a brainstorm's
    ideas (with who, theme and merge); None for a nominal group's list (with merges if ``merges``)."""
    next_number = o.integer("next_number", 1, IDEA_NUMBER_LIMIT + 1)
    ideas: list[Json] = []
    read: list[_Obj] = []
    for idea_value, idea_where in o.array("ideas"):
        i = _Obj(idea_value, idea_where)
        number = i.integer("number", 1, IDEA_NUMBER_LIMIT)
        if ideas and number <= ideas[-1]["number"]:
            problem = ExchangeProblem.DUPLICATE if any(idea["number"] == number for idea in ideas) else None
            _fail(problem or ExchangeProblem.BAD_VALUE, i.at("number"), f"after {ideas[-1]['number']}")
        if number >= next_number:
            _fail(ExchangeProblem.BAD_VALUE, i.at("number"), f"1..{next_number - 1} (below next_number)")
        idea: Json = {
            "number": number, "text": i.text("text", IDEA_LIMIT), "original": i.text("original", IDEA_LIMIT),
            "source": _read_source(i, context),
        }  # fmt: skip
        if themes is not None:
            idea["person"] = i.ref_or_none("person", context.people)
            idea["theme"] = i.ref_or_none("theme", themes)
        if themes is not None or merges:
            into = i.get("merged_into")
            idea["merged_into"] = (
                None if into is None else _integer(into, i.at("merged_into"), 1, IDEA_NUMBER_LIMIT)
            )
        i.done()
        ideas.append(idea)
        read.append(i)
    by_number = {idea["number"]: idea for idea in ideas}
    for idea, i in zip(ideas, read, strict=True):
        into = idea.get("merged_into")
        if into is None:
            continue
        if into not in by_number:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, i.at("merged_into"), into)
        if into == idea["number"] or by_number[into]["merged_into"] is not None:
            _fail(ExchangeProblem.BAD_VALUE, i.at("merged_into"), "an idea on the wall, not this one")
    _numbers_given(context, next_number)
    return next_number, ideas


def _numbers_given(context: ReadContext, next_number: int) -> None:
    """The item being read gives its ideas numbers below ``next_number``: a starting list elsewhere
    in the file may name one of them (checked once every item is read)."""
    if _IDEA_ITEMS not in context.state:
        context.state[_IDEA_ITEMS] = {}
        context.after.append(lambda: _check_sources(context))
    context.state[_IDEA_ITEMS][context.item] = next_number


def _read_source(i: _Obj, context: ReadContext) -> Json | None:
    s = i.obj_or_none("source")
    if s is None:
        return None
    source = {"item": _key(s.get("item"), s.at("item")), "number": s.integer("number", 1, IDEA_NUMBER_LIMIT)}
    s.done()
    context.state.setdefault(_IDEA_SOURCES, []).append((s, context.item, source))
    return source


def _check_sources(context: ReadContext) -> None:
    """A starting list's ideas come from another item's ideas: one the file has a list for, and a
    number that item gave out (the idea may have been removed since)."""
    lists: dict[str, int] = context.state[_IDEA_ITEMS]
    for s, own, source in context.state.get(_IDEA_SOURCES, []):
        if source["item"] == own:
            _fail(ExchangeProblem.BAD_VALUE, s.at("item"), "another item")
        if source["item"] not in lists:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, s.at("item"), source["item"])
        if source["number"] >= lists[source["item"]]:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, s.at("number"), source["number"])


def _read_dots(o: _Obj, data: Json, context: ReadContext) -> list[Json]:
    """Dots per person and totals off the wall, as the service allows them: no person over the dots
    each has. Wall totals are not held to the people present: attendance may change after the
    count (people leave), and the store keeps the count as the room made it."""
    numbers = {idea["number"] for idea in data["ideas"]}
    each = data["dots_per_person"]
    people: dict[str, int] = {}
    dots: list[Json] = []
    placed: set[tuple[int, str | None]] = set()
    for dot_value, dot_where in o.array("dots"):
        d = _Obj(dot_value, dot_where)
        number = d.integer("idea", 1, IDEA_NUMBER_LIMIT)
        if number not in numbers:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, d.at("idea"), number)
        dot: Json = {"idea": number, "person": d.ref_or_none("person", context.people), "count": 0}
        if (number, dot["person"]) in placed:
            _fail(ExchangeProblem.DUPLICATE, d.at("idea"), f"{number} {dot['person'] or 'wall'}")
        placed.add((number, dot["person"]))
        dot["count"] = count = d.integer("count", 1, MAX_DOTS_ON_IDEA)
        if dot["person"] is not None:
            people[dot["person"]] = people.get(dot["person"], 0) + count
            if people[dot["person"]] > each:
                _fail(ExchangeProblem.BAD_VALUE, d.at("count"), f"{each} per person")
        d.done()
        dots.append(dot)
    return dots


def _load_brainstorm(data: Json, item: AgendaItemRow, context: ImportContext) -> None:
    session = context.session
    session.add(
        BrainstormRow(
            item_id=item.id, attributed=data["attributed"], dots_per_person=data["dots_per_person"],
            phases=",".join(data["phases"]), dot_entry=data["dot_entry"], phase=data["phase"],
            created_at=context.now,
        )
    )  # fmt: skip
    themes: dict[str, int] = {}
    for position, theme in enumerate(data["themes"]):
        row = IdeaThemeRow(item_id=item.id, name=theme["name"], position=position)
        session.add(row)
        session.flush()
        themes[theme["key"]] = row.id
    rows = _load_ideas(data, item, context, themes)
    session.add_all(
        IdeaDotsRow(
            item_id=item.id, idea_id=rows[dot["idea"]].id, count=dot["count"],
            person_id=context.people[dot["person"]] if dot["person"] is not None else None,
        )
        for dot in data["dots"]
    )  # fmt: skip


def _load_nominal_group(data: Json, item: AgendaItemRow, context: ImportContext) -> None:
    session = context.session
    settings = data["settings"]
    if settings is not None:
        order = settings["turn_order"]
        session.add(
            NominalGroupRow(
                item_id=item.id, step=settings["step"], picks=settings["picks"], convention=settings["convention"],
                minutes=json.dumps(settings["minutes"]), anonymous=settings["anonymous"], seats=settings["seats"],
                turn_order=json.dumps(order if settings["anonymous"] else [context.people[who] for who in order]),
                turn=settings["turn"], passes=settings["passes"], round_ended=settings["ended"],
                tie_order=json.dumps(settings["tie_order"]), created_at=context.now,
            )
        )  # fmt: skip
    rows = _load_ideas(data, item, context, None)
    session.add_all(
        IdeaEditRow(
            item_id=item.id, idea_id=rows[edit["idea"]].id, kind=edit["kind"], before=edit["before"],
            after=edit["after"], other_number=edit["other"] or 0, note=edit["note"], created_at=edit["at"],
        )
        for edit in data["edits"]
    )  # fmt: skip
    session.add_all(
        BallotRow(
            item_id=item.id, vote=card["vote"], card=card["card"],
            person_id=context.people[card["person"]] if card["person"] is not None else None,
            ranks=json.dumps(card["ranks"]), convention=card["convention"], picks=card["picks"],
            created_at=context.now,
        )
        for card in data["cards"]
    )  # fmt: skip


def _load_ideas(
    data: Json, item: AgendaItemRow, context: ImportContext, themes: dict[str, int] | None
) -> dict[int, IdeaRow]:
    session = context.session
    rows: dict[int, IdeaRow] = {}
    for idea in data["ideas"]:
        person, theme = idea.get("person"), idea.get("theme")
        rows[idea["number"]] = IdeaRow(
            item_id=item.id, number=idea["number"], text=idea["text"], key=idea_key(idea["text"]),
            original=idea["original"], person_id=context.people[person] if person is not None else None,
            theme_id=themes[theme] if themes is not None and theme is not None else None,
            created_at=context.now,
        )  # fmt: skip
    session.add_all(rows.values())
    session.flush()
    for idea in data["ideas"]:
        if idea.get("merged_into") is not None:
            rows[idea["number"]].merged_into_id = rows[idea["merged_into"]].id
    known: dict[tuple[int, int], IdeaRow] | None = context.state.get(_IDEA_ROWS)
    if known is None:
        known = context.state[_IDEA_ROWS] = {}
        links: list[tuple[IdeaRow, Json]] = []
        context.state[_IDEA_LINKS] = links
        context.finishers.append(lambda: _link_sources(context))
    known.update(((item.id, number), row) for number, row in rows.items())
    if data["next_number"] - 1 not in rows and data["next_number"] > 1:
        _removed_idea(context, item.id, data["next_number"] - 1)
    context.state[_IDEA_LINKS].extend((rows[i["number"]], i["source"]) for i in data["ideas"] if i["source"])
    return rows


def _removed_idea(context: ImportContext, item_id: int, number: int) -> IdeaRow:
    """A number an idea took before it was removed: a removed row without words, so the item's next
    idea takes the number it would have had, and a starting list still names where it came from."""
    row = IdeaRow(
        item_id=item_id, number=number, text="", key="", original="", created_at=context.now,
        deleted_at=context.now,
    )  # fmt: skip
    context.session.add(row)
    context.session.flush()
    context.state[_IDEA_ROWS][(item_id, number)] = row
    return row


def _link_sources(context: ImportContext) -> None:
    known: dict[tuple[int, int], IdeaRow] = context.state[_IDEA_ROWS]
    for row, source in context.state[_IDEA_LINKS]:
        item_id = context.items[source["item"]]
        found = known.get((item_id, source["number"]))
        if found is None:
            found = _removed_idea(context, item_id, source["number"])
        row.source_idea_id = found.id


# ---- idea writing: idea_writings, writing_groups, writing_members, writing_entries, writing_summaries
# Groups are named by their place in ``groups`` (from 0: A, B, C ...), a sheet by its group and seat
# (the code printed on it, B3, is that group's letter and the seat), an idea by its number, as in
# the other idea techniques. The words of each idea are the item's ideas; where it was written is
# its entry. The group reporting to the room is not in the file (what the projector shows).
def _export_idea_writing(item: AgendaItemRow, context: ExportContext) -> Json | None:
    session = context.session
    settings = session.get(IdeaWritingRow, item.id)
    if settings is None:
        return None  # never opened: nothing can have been written on it
    groups = session.scalars(
        select(WritingGroupRow)
        .where(WritingGroupRow.item_id == item.id)
        .order_by(WritingGroupRow.position, WritingGroupRow.id)
    ).all()
    places = {row.id: place for place, row in enumerate(groups)}
    members: dict[int, list[WritingMemberRow]] = {}
    for member in session.scalars(
        select(WritingMemberRow)
        .where(WritingMemberRow.item_id == item.id)
        .order_by(WritingMemberRow.seat, WritingMemberRow.id)
    ):
        members.setdefault(member.group_id, []).append(member)
    sheets = {
        m.id: (places[m.group_id], m.seat) for ms in members.values() for m in ms if m.group_id in places
    }
    live, next_number = _idea_rows(session, item.id)
    by_id = {row.id: row for row in live}
    written = {
        row.idea_id: row
        for row in session.scalars(select(WritingEntryRow).where(WritingEntryRow.item_id == item.id))
    }
    entries = []
    for row in live:
        entry = written.get(row.id)
        if entry is None or entry.member_id not in sheets:
            continue  # every idea of the item is written on a sheet; nothing else can be placed
        group, seat = sheets[entry.member_id]
        builds_on = by_id.get(entry.builds_on_id) if entry.builds_on_id is not None else None
        entries.append({
            "number": row.number, "group": group, "seat": seat, "round": entry.round, "slot": entry.slot,
            "text": row.text, "original": row.original,
            "builds_on": builds_on.number if builds_on is not None else None,
            "person": context.people.get(row.person_id) if row.person_id is not None else None,
        })  # fmt: skip
    summaries = sorted(
        (
            row
            for row in session.scalars(select(WritingSummaryRow).where(WritingSummaryRow.item_id == item.id))
            if row.group_id in places
        ),
        key=lambda row: (places[row.group_id], row.position, row.id),
    )
    extra = sorted((int(number), int(minutes)) for number, minutes in json.loads(settings.extra).items())
    return {
        "settings": {
            "variant": settings.variant, "group_size": settings.group_size,
            "ideas_per_round": settings.ideas_per_round, "minutes_per_round": settings.minutes_per_round,
            "rounds": settings.rounds, "mix_sectors": settings.mix_sectors, "direction": settings.direction,
            "extra": [{"round": number, "minutes": minutes} for number, minutes in extra if minutes],
            "step": settings.step, "round": settings.round,
        },
        "next_number": next_number,
        "groups": [
            {
                "members": [
                    {"seat": member.seat, "person": context.people[member.person_id]}
                    for member in members.get(group.id, ())
                ]
            }
            for group in groups
        ],
        "entries": entries,
        "summaries": [
            {
                "group": places[row.group_id], "text": row.text,
                "idea": by_id[row.idea_id].number if row.idea_id in by_id else None,
            }
            for row in summaries
        ],
    }  # fmt: skip


def _read_idea_writing(value: object, where: str, context: ReadContext) -> Json:
    """An idea-writing item's groups, sheets and summaries, checked as the service checks them:
    each person in one group at most, no group empty, seats 1 to the group's size, each place on a
    sheet used once and within the rows and places a sheet has, an idea building on one of an
    earlier round of its own sheet, a group's main idea picked from its own sheets. Groups are not
    held to the people present: attendance may change after."""
    o = _Obj(value, where)
    data: Json = {"settings": _read_writing_settings(o.obj("settings"))}
    data["next_number"] = o.integer("next_number", 1, IDEA_NUMBER_LIMIT + 1)
    data["groups"] = _read_writing_groups(o, context)
    data["entries"] = _read_entries(o, data, context)
    numbers = {entry["number"]: entry["group"] for entry in data["entries"]}
    summaries: list[Json] = []
    for summary_value, summary_where in o.array("summaries"):
        s = _Obj(summary_value, summary_where)
        group = s.integer("group", 0, IDEA_NUMBER_LIMIT)
        if group >= len(data["groups"]):
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, s.at("group"), group)
        summary = {"group": group, "text": s.text("text", SUMMARY_LIMIT), "idea": s.get("idea")}
        if summary["idea"] is not None:
            summary["idea"] = _integer(summary["idea"], s.at("idea"), 1, IDEA_NUMBER_LIMIT)
            if summary["idea"] not in numbers:
                _fail(ExchangeProblem.UNKNOWN_REFERENCE, s.at("idea"), summary["idea"])
            if numbers[summary["idea"]] != group:
                _fail(ExchangeProblem.BAD_VALUE, s.at("idea"), "an idea of the group's own sheets")
        s.done()
        summaries.append(summary)
    data["summaries"] = summaries
    _numbers_given(context, data["next_number"])  # its ideas and summaries may start later lists
    o.done()
    return data


def _read_writing_settings(o: _Obj) -> Json:
    """The variant, its numbers and where the room is. Extra minutes are held to the most rounds
    there can be, not to the rounds now set: fewer rounds set later leave them as they were."""
    settings: Json = {
        "variant": o.choice("variant", _values(Variant)),
        "group_size": o.integer("group_size", MIN_GROUP, MAX_GROUP),
        "ideas_per_round": o.integer("ideas_per_round", 1, MAX_IDEAS_PER_ROUND),
        "minutes_per_round": o.integer("minutes_per_round", 1, MAX_ROUND_MINUTES),
        "rounds": o.integer("rounds", 1, MAX_ROUNDS),
        "mix_sectors": o.boolean("mix_sectors"),
        "direction": o.choice("direction", _values(Direction)),
        "step": o.choice("step", _values(WritingStep)),
        "extra": [],
    }
    settings["round"] = o.integer("round", 0, settings["rounds"])  # the service keeps it within them
    for extra_value, extra_where in o.array("extra"):
        x = _Obj(extra_value, extra_where)
        extra = {
            "round": x.integer("round", 1, MAX_ROUNDS),
            "minutes": x.integer("minutes", 1, MAX_ROUND_MINUTES),
        }
        if settings["extra"] and extra["round"] <= settings["extra"][-1]["round"]:
            problem = (
                ExchangeProblem.DUPLICATE
                if any(e["round"] == extra["round"] for e in settings["extra"])
                else ExchangeProblem.BAD_VALUE
            )
            _fail(problem, x.at("round"), f"after {settings['extra'][-1]['round']}")
        x.done()
        settings["extra"].append(extra)
    o.done()
    return settings


def _read_writing_groups(o: _Obj, context: ReadContext) -> list[Json]:
    grouped: set[str] = set()
    groups: list[Json] = []
    for group_value, group_where in o.array("groups"):
        g = _Obj(group_value, group_where)
        listed = g.array("members")
        if not listed:
            _fail(
                ExchangeProblem.BAD_VALUE, g.at("members"), "at least one person"
            )  # as the service keeps it
        members: list[Json] = []
        for member_value, member_where in listed:
            m = _Obj(member_value, member_where)
            person = m.ref("person", context.people)
            if person in grouped:
                _fail(ExchangeProblem.DUPLICATE, m.at("person"), person)  # one sheet per person
            grouped.add(person)
            seat = m.integer("seat", 1, len(listed))  # the sheets go round seats 1 to n in turn
            if any(member["seat"] == seat for member in members):
                _fail(ExchangeProblem.DUPLICATE, m.at("seat"), seat)
            m.done()
            members.append({"seat": seat, "person": person})
        g.done()
        groups.append({"members": members})
    return groups


def _read_entries(o: _Obj, data: Json, context: ReadContext) -> list[Json]:
    """The ideas typed in from the sheets, in number order (the order typed)."""
    settings, groups, next_number = data["settings"], data["groups"], data["next_number"]
    entries: list[Json] = []
    read: list[_Obj] = []
    places: set[tuple[int, int, int, int]] = set()
    for entry_value, entry_where in o.array("entries"):
        e = _Obj(entry_value, entry_where)
        number = e.integer("number", 1, IDEA_NUMBER_LIMIT)
        if entries and number <= entries[-1]["number"]:
            problem = ExchangeProblem.DUPLICATE if any(x["number"] == number for x in entries) else None
            _fail(problem or ExchangeProblem.BAD_VALUE, e.at("number"), f"after {entries[-1]['number']}")
        if number >= next_number:
            _fail(ExchangeProblem.BAD_VALUE, e.at("number"), f"1..{next_number - 1} (below next_number)")
        group = e.integer("group", 0, IDEA_NUMBER_LIMIT)
        if group >= len(groups):
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, e.at("group"), group)
        size = len(groups[group]["members"])
        seat = e.integer("seat", 1, IDEA_NUMBER_LIMIT)
        if seat > size:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, e.at("seat"), f"{seat} (group {group} has {size})")
        # A sheet has a row for each person in its group (each writes on it once); a 6-3-5 sheet
        # no more than the rounds set. A group's size cannot change once its sheets are typed in.
        rounds = min(settings["rounds"], size) if settings["variant"] == Variant.BRAINWRITING.value else size
        entry: Json = {
            "number": number, "group": group, "seat": seat, "round": e.integer("round", 1, rounds),
            "slot": e.integer("slot", 1, settings["ideas_per_round"]), "text": e.text("text", IDEA_LIMIT),
            "original": e.text("original", IDEA_LIMIT), "builds_on": e.get("builds_on"),
            "person": e.ref_or_none("person", context.people),
        }  # fmt: skip
        place = (group, seat, entry["round"], entry["slot"])
        if place in places:
            _fail(ExchangeProblem.DUPLICATE, e.at("slot"), f"round {entry['round']}, place {entry['slot']}")
        places.add(place)
        if entry["builds_on"] is not None:
            entry["builds_on"] = _integer(entry["builds_on"], e.at("builds_on"), 1, IDEA_NUMBER_LIMIT)
        e.done()
        entries.append(entry)
        read.append(e)
    by_number = {entry["number"]: entry for entry in entries}
    for entry, e in zip(entries, read, strict=True):
        if entry["builds_on"] is None:
            continue
        other = by_number.get(entry["builds_on"])
        if other is None:
            _fail(ExchangeProblem.UNKNOWN_REFERENCE, e.at("builds_on"), entry["builds_on"])
        same_sheet = (other["group"], other["seat"]) == (entry["group"], entry["seat"])
        if not same_sheet or other["round"] >= entry["round"]:
            _fail(ExchangeProblem.BAD_VALUE, e.at("builds_on"), "an idea of an earlier round on its sheet")
    return entries


def _load_idea_writing(data: Json, item: AgendaItemRow, context: ImportContext) -> None:
    session, settings = context.session, data["settings"]
    session.add(
        IdeaWritingRow(
            item_id=item.id, variant=settings["variant"], group_size=settings["group_size"],
            ideas_per_round=settings["ideas_per_round"], minutes_per_round=settings["minutes_per_round"],
            rounds=settings["rounds"], mix_sectors=settings["mix_sectors"], direction=settings["direction"],
            extra=json.dumps({str(x["round"]): x["minutes"] for x in settings["extra"]}), step=settings["step"],
            round=settings["round"], report_group=0, created_at=context.now,
        )
    )  # fmt: skip
    groups: list[WritingGroupRow] = []
    for position, _group in enumerate(data["groups"]):
        groups.append(WritingGroupRow(item_id=item.id, position=position))
    session.add_all(groups)
    session.flush()
    sheets: dict[tuple[int, int], WritingMemberRow] = {}
    for place, group in enumerate(data["groups"]):
        for member in group["members"]:
            sheets[(place, member["seat"])] = WritingMemberRow(
                item_id=item.id, group_id=groups[place].id, person_id=context.people[member["person"]],
                seat=member["seat"],
            )  # fmt: skip
    session.add_all(sheets.values())
    session.flush()
    ideas = {
        "next_number": data["next_number"],
        "ideas": [
            {"number": e["number"], "text": e["text"], "original": e["original"], "person": e["person"], "source": None}
            for e in data["entries"]
        ],
    }  # fmt: skip
    rows = _load_ideas(ideas, item, context, None)
    session.add_all(
        WritingEntryRow(
            idea_id=rows[e["number"]].id, item_id=item.id, member_id=sheets[(e["group"], e["seat"])].id,
            round=e["round"], slot=e["slot"],
            builds_on_id=rows[e["builds_on"]].id if e["builds_on"] is not None else None,
        )
        for e in data["entries"]
    )  # fmt: skip
    positions: dict[int, int] = {}
    for summary in data["summaries"]:
        position = positions[summary["group"]] = positions.get(summary["group"], -1) + 1
        session.add(
            WritingSummaryRow(
                item_id=item.id, group_id=groups[summary["group"]].id, position=position, text=summary["text"],
                idea_id=rows[summary["idea"]].id if summary["idea"] is not None else None, created_at=context.now,
            )
        )  # fmt: skip


# The registry: a technique adds its part here. Kinds without an entry carry no technique data.
TECHNIQUES: dict[AgendaKind, TechniquePart] = {
    AgendaKind.GROUND_RULES: TechniquePart(_export_ground_rules, _read_ground_rules, _load_ground_rules),
    AgendaKind.BRAINSTORMING: TechniquePart(_export_brainstorm, _read_brainstorm, _load_brainstorm),
    AgendaKind.NOMINAL_GROUP: TechniquePart(_export_nominal_group, _read_nominal_group, _load_nominal_group),
    AgendaKind.IDEA_WRITING: TechniquePart(_export_idea_writing, _read_idea_writing, _load_idea_writing),
}


# -- export -------------------------------------------------------------------------------------
def _live(
    session: Session,
    row_type: type[AgendaItemRow | DecisionRow | ParkedItemRow | ActionItemRow],
    meeting_id: int,
) -> list[Any]:
    return list(
        session.scalars(
            select(row_type)
            .where(row_type.meeting_id == meeting_id, row_type.deleted_at.is_(None))
            .order_by(row_type.position, row_type.id)
        )
    )


def export_document(session: Session, meeting_id: int) -> Json:
    meeting = load(session, MeetingRow, meeting_id)
    collaborative = load(session, CollaborativeRow, meeting.collaborative_id, include_deleted=True)
    # Ordered by content, with the id only to tell apart two people of the very same details.
    people_rows = sorted(
        session.scalars(select(PersonRow).where(PersonRow.collaborative_id == collaborative.id)),
        key=lambda row: (text.name_key(row.name), row.name, row.organisation, row.contact, row.id),
    )
    items, decisions = _live(session, AgendaItemRow, meeting_id), _live(session, DecisionRow, meeting_id)
    context = ExportContext(
        session, meeting,
        people={row.id: f"p{n}" for n, row in enumerate(people_rows, 1)},
        items={row.id: f"a{n}" for n, row in enumerate(items, 1)},
        decisions={row.id: f"d{n}" for n, row in enumerate(decisions, 1)},
    )  # fmt: skip
    sector_names = _sector_names(session, people_rows, decisions)
    attendance = sorted(
        (
            row
            for row in session.scalars(select(AttendanceRow).where(AttendanceRow.meeting_id == meeting_id))
            if row.person_id in context.people
        ),
        key=lambda row: context.rank(context.people[row.person_id]),
    )
    record = session.get(MeetingRecordRow, meeting_id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "collaborative": {
            "name": collaborative.name, "purpose": collaborative.purpose, "vision": collaborative.vision,
            "mission": collaborative.mission,
        },
        "sectors": list(dict.fromkeys(sector_names.values())),
        "people": [
            {
                "key": context.people[row.id], "name": row.name, "organisation": row.organisation,
                "sector": sector_names.get(row.sector_id) if row.sector_id is not None else None,
                "contact": row.contact, "removed": row.deleted_at is not None,
            }
            for row in people_rows
        ],
        "meeting": {
            "title": meeting.title, "starts_at": _moment_text(meeting.starts_at), "place": meeting.place,
            "purpose": meeting.purpose, "facilitator": meeting.facilitator, "recorder": meeting.recorder,
            "status": meeting.status, "started_at": _moment_text(meeting.started_at),
            "closed_at": _moment_text(meeting.closed_at),
            "current_item": context.items.get(meeting.current_item_id) if meeting.current_item_id else None,
            "attendance": [
                {"person": context.people[row.person_id], "status": row.status,
                 "arrived_at": _moment_text(row.arrived_at)}
                for row in attendance
            ],
            "agenda": [_export_item(row, context) for row in items],
            "decisions": [_export_decision(row, context, sector_names) for row in decisions],
            "actions": [_export_action(row, context) for row in _live(session, ActionItemRow, meeting_id)],
            "status_changes": _export_status_changes(session, meeting),
            "parked": [row.text for row in _live(session, ParkedItemRow, meeting_id)],
            "record": None if record is None else {
                "kind": record.kind, "previous_approval": record.previous_approval, "correction": record.correction,
                "next_starts_at": _moment_text(record.next_starts_at), "next_place": record.next_place,
                "approved_on": record.approved_on,
            },
        },
    }  # fmt: skip


def _sector_names(session: Session, people: list[PersonRow], decisions: list[DecisionRow]) -> dict[int, str]:
    """The name each used sector goes by in the file. Sectors of one name up to case and spacing
    (a removed one and its successor) go by the first, in the store's order."""
    used = {row.sector_id for row in people if row.sector_id is not None}
    for decision in decisions:
        if decision.by_sector:
            used.update(int(key) for key in json.loads(decision.counts) if key.isdigit())
    rows = session.scalars(
        select(SectorRow).where(SectorRow.id.in_(used)).order_by(SectorRow.position, SectorRow.id)
    )
    names: dict[int, str] = {}
    for row in rows:
        names[row.id] = next((name for name in names.values() if text.same_name(name, row.name)), row.name)
    return names


def _export_item(row: AgendaItemRow, context: ExportContext) -> Json:
    part = TECHNIQUES.get(AgendaKind(row.kind))
    return {
        "key": context.items[row.id], "kind": row.kind, "title": row.title, "prompt": row.prompt,
        "minutes": row.minutes, "state": row.state, "elapsed_seconds": row.elapsed_seconds,
        "activated_at": _moment_text(row.activated_at),
        "technique": part.export(row, context) if part is not None else None,
    }  # fmt: skip


def _export_decision(row: DecisionRow, context: ExportContext, sector_names: dict[int, str]) -> Json:
    # Counts are kept per sector id ("none": no sector; "": the whole room); the file names sectors.
    parts: dict[str | None, dict[str, int]] = {}
    for key, counts in json.loads(row.counts).items():
        if not row.by_sector:
            if key != OVERALL:
                continue
            sector = None
        elif key == NO_SECTOR:
            sector = None
        elif key.isdigit() and int(key) in sector_names:
            sector = sector_names[int(key)]
        else:
            continue
        merged = parts.setdefault(sector, {})
        for choice, count in counts.items():
            merged[choice] = merged.get(choice, 0) + int(count)
    outcome = outcome_from_json(row.outcome) if row.outcome is not None else None
    return {
        "key": context.decisions[row.id],
        "item": context.items.get(row.item_id) if row.item_id is not None else None,
        "wording": row.wording,
        "proposer": context.people.get(row.proposer_id) if row.proposer_id is not None else None,
        "draws_on": row.draws_on, "rule": rule_to_dict(rule_from_json(row.rule)),
        "override_reason": row.override_reason, "scale": row.scale, "attempt": row.attempt,
        "by_sector": row.by_sector,
        "counts": [
            {"sector": sector, "choices": parts[sector]}
            for sector in sorted(parts, key=lambda name: (name is not None, name or ""))
        ],
        "disposition": row.disposition, "note": row.note,
        "outcome": None if outcome is None else {
            "rule": rule_to_dict(recorded_rule(row.outcome)) if row.outcome else None,
            "carried": outcome.carried, "reason": outcome.reason.value, "method": outcome.method.value,
            "fell_back": outcome.fell_back, "support": outcome.tally.support, "oppose": outcome.tally.oppose,
            "abstain": outcome.tally.abstain, "block": outcome.tally.block, "present": outcome.present,
            "quorum": outcome.quorum, "needed": outcome.needed,
        },
        "recorded_at": _moment_text(row.recorded_at),
    }  # fmt: skip


def _export_action(row: ActionItemRow, context: ExportContext) -> Json:
    return {
        "what": row.what,
        "owner": context.people.get(row.owner_id) if row.owner_id is not None else None,
        "organisation": row.organisation, "due": row.due,
        "decision": context.decisions.get(row.decision_id) if row.decision_id is not None else None,
        "status": row.status,
        "closed_here": row.status != ActionStatus.OPEN.value and row.status_meeting_id == context.meeting.id,
    }  # fmt: skip


def _export_status_changes(session: Session, meeting: MeetingRow) -> list[Json]:
    rows = session.execute(
        select(ActionItemRow, MeetingRow)
        .join(MeetingRow, MeetingRow.id == ActionItemRow.meeting_id)
        .where(
            ActionItemRow.status_meeting_id == meeting.id, ActionItemRow.meeting_id != meeting.id,
            ActionItemRow.collaborative_id == meeting.collaborative_id, ActionItemRow.deleted_at.is_(None),
            ActionItemRow.status != ActionStatus.OPEN.value, MeetingRow.deleted_at.is_(None),
        )
        .order_by(MeetingRow.starts_at, MeetingRow.title, ActionItemRow.position, ActionItemRow.id)
    )  # fmt: skip
    return [
        {
            "raised_at": {"title": raised.title, "starts_at": _moment_text(raised.starts_at)},
            "what": action.what,
            "status": action.status,
        }
        for action, raised in rows
    ]


# -- import -------------------------------------------------------------------------------------
def import_document(session: Session, document: Json, now: datetime) -> int:
    """Write a document that ``read`` accepted; the caller's transaction makes it all or nothing."""
    meeting_data = document["meeting"]
    collaborative, new = _collaborative(session, document["collaborative"], now)
    for other in session.scalars(
        select(MeetingRow).where(
            MeetingRow.collaborative_id == collaborative.id, MeetingRow.deleted_at.is_(None),
            MeetingRow.starts_at == meeting_data["starts_at"],
        )
    ):  # fmt: skip
        if text.same_name(other.title, meeting_data["title"]):
            _fail(
                ExchangeProblem.DUPLICATE_MEETING, "meeting", f"{other.title} {other.starts_at.isoformat()}"
            )
    sectors = _sectors(session, document["sectors"])
    people = _people(session, collaborative.id, new, document["people"], sectors, now)
    meeting = MeetingRow(
        collaborative_id=collaborative.id, created_at=now,
        **{name: meeting_data[name] for name in (
            "title", "starts_at", "place", "purpose", "facilitator", "recorder", "status", "started_at",
            "closed_at",
        )},
    )  # fmt: skip
    session.add(meeting)
    session.flush()
    context = ImportContext(session, now, meeting, new, people, sectors)
    for attendance in meeting_data["attendance"]:
        session.add(
            AttendanceRow(
                meeting_id=meeting.id,
                person_id=people[attendance["person"]],
                status=attendance["status"],
                arrived_at=attendance["arrived_at"],
            )
        )
    items: list[tuple[AgendaItemRow, Json]] = []
    for position, item in enumerate(meeting_data["agenda"]):
        row = AgendaItemRow(
            meeting_id=meeting.id, position=position, created_at=now,
            **{name: item[name] for name in (
                "kind", "title", "prompt", "minutes", "state", "elapsed_seconds", "activated_at",
            )},
        )  # fmt: skip
        session.add(row)
        session.flush()
        context.items[item["key"]] = row.id
        items.append((row, item))
    if meeting_data["current_item"] is not None:
        meeting.current_item_id = context.items[meeting_data["current_item"]]
    for position, decision in enumerate(meeting_data["decisions"]):
        context.decisions[decision["key"]] = _load_decision(context, position, decision)
    for row, item in items:
        if item["technique"] is not None:
            TECHNIQUES[AgendaKind(item["kind"])].load(item["technique"], row, context)
    for position, action in enumerate(meeting_data["actions"]):
        session.add(
            ActionItemRow(
                collaborative_id=collaborative.id, meeting_id=meeting.id, position=position,
                what=action["what"], owner_id=people[action["owner"]] if action["owner"] else None,
                organisation=action["organisation"], due=action["due"].isoformat() if action["due"] else None,
                decision_id=context.decisions[action["decision"]] if action["decision"] else None,
                status=action["status"], status_meeting_id=meeting.id if action["closed_here"] else None,
                created_at=now,
            )
        )  # fmt: skip
    if not new:
        _apply_status_changes(session, meeting, meeting_data["status_changes"])
    for position, parked in enumerate(meeting_data["parked"]):
        session.add(ParkedItemRow(meeting_id=meeting.id, position=position, text=parked, created_at=now))
    record = meeting_data["record"]
    if record is not None:
        session.add(
            MeetingRecordRow(
                meeting_id=meeting.id, kind=record["kind"], previous_approval=record["previous_approval"],
                correction=record["correction"], next_starts_at=record["next_starts_at"],
                next_place=record["next_place"],
                approved_on=record["approved_on"].isoformat() if record["approved_on"] else None,
            )
        )  # fmt: skip
    for finish in context.finishers:
        finish()
    session.flush()
    return meeting.id


def _collaborative(session: Session, data: Json, now: datetime) -> tuple[CollaborativeRow, bool]:
    for row in session.scalars(select(CollaborativeRow).where(CollaborativeRow.deleted_at.is_(None))):
        if text.same_name(row.name, data["name"]):
            return row, False
    row = CollaborativeRow(created_at=now, **data)
    session.add(row)
    session.flush()
    return row, True


def _sectors(session: Session, names: list[str]) -> dict[str, int]:
    rows = list(session.scalars(select(SectorRow).where(SectorRow.deleted_at.is_(None))))
    position = (session.scalar(select(func.max(SectorRow.position))) or 0) + 1
    found: dict[str, int] = {}
    for name in names:
        row = next((row for row in rows if text.same_name(row.name, name)), None)
        if row is None:
            row = SectorRow(name=name, position=position)
            position += 1
            session.add(row)
            session.flush()
        found[name] = row.id
    return found


def _people(
    session: Session,
    collaborative_id: int,
    new: bool,
    people: list[Json],
    sectors: dict[str, int],
    now: datetime,
) -> dict[str, int]:
    existing: dict[str, list[PersonRow]] = {}
    if not new:
        for row in session.scalars(select(PersonRow).where(PersonRow.collaborative_id == collaborative_id)):
            existing.setdefault(text.name_key(row.name), []).append(row)
    used: set[int] = set()
    found: dict[str, int] = {}
    # People on the roster first, so they take the store's people on its roster.
    for person in sorted(people, key=lambda p: bool(p["removed"])):
        candidates = [
            row
            for row in existing.get(text.name_key(person["name"]), [])
            if row.id not in used
            and is_same_person(row.name, row.organisation, person["name"], person["organisation"])
        ]
        # The same organisation before a missing one; someone on the roster before someone removed.
        candidates.sort(
            key=lambda row: (
                text.name_key(row.organisation) != text.name_key(person["organisation"]),
                row.deleted_at is not None,
                row.id,
            )
        )
        if candidates:
            row = candidates[0]
        else:
            row = PersonRow(
                collaborative_id=collaborative_id, name=person["name"], name_key=text.name_key(person["name"]),
                organisation=person["organisation"], contact=person["contact"], created_at=now,
                sector_id=sectors[person["sector"]] if person["sector"] is not None else None,
                deleted_at=now if person["removed"] else None,
            )  # fmt: skip
            session.add(row)
            session.flush()
        used.add(row.id)
        found[person["key"]] = row.id
    return found


def _load_decision(context: ImportContext, position: int, decision: Json) -> int:
    counts: dict[str, dict[str, int]] = {}
    for part in decision["counts"]:
        if not decision["by_sector"]:
            key = OVERALL
        elif part["sector"] is None:
            key = NO_SECTOR
        else:
            key = str(context.sectors[part["sector"]])
        counts[key] = part["choices"]
    outcome = decision["outcome"]
    row = DecisionRow(
        meeting_id=context.meeting.id, position=position, created_at=context.now,
        item_id=context.items[decision["item"]] if decision["item"] else None, wording=decision["wording"],
        proposer_id=context.people[decision["proposer"]] if decision["proposer"] else None,
        draws_on=decision["draws_on"], rule=rule_to_json(rule_from_dict(decision["rule"])),
        override_reason=decision["override_reason"], scale=decision["scale"], attempt=decision["attempt"],
        by_sector=decision["by_sector"], counts=json.dumps(counts, sort_keys=True),
        disposition=decision["disposition"], note=decision["note"], recorded_at=decision["recorded_at"],
        outcome=None if outcome is None else outcome_to_json(
            Outcome(
                outcome["carried"], Reason(outcome["reason"]), Method(outcome["method"]), outcome["fell_back"],
                Tally(outcome["support"], outcome["oppose"], outcome["abstain"], outcome["block"]),
                outcome["present"], outcome["quorum"], outcome["needed"],
            ),
            rule_from_dict(outcome["rule"]),
        ),
    )  # fmt: skip
    context.session.add(row)
    context.session.flush()
    return row.id


def _apply_status_changes(session: Session, meeting: MeetingRow, changes: list[Json]) -> None:
    taken: set[int] = set()
    for change in changes:
        raised_at = change["raised_at"]
        candidates = session.scalars(
            select(MeetingRow).where(
                MeetingRow.collaborative_id == meeting.collaborative_id,
                MeetingRow.deleted_at.is_(None),
                MeetingRow.starts_at == raised_at["starts_at"],
                MeetingRow.id != meeting.id,
            )
        )
        raised = next((row for row in candidates if text.same_name(row.title, raised_at["title"])), None)
        if raised is None:
            continue  # that meeting is not in this store: nothing here to mark
        for action in _live(session, ActionItemRow, raised.id):
            if action.id not in taken and action.what == change["what"]:
                taken.add(action.id)
                action.status, action.status_meeting_id = change["status"], meeting.id
                break


# -- the service --------------------------------------------------------------------------------
class ExchangeService(Service):
    def export_meeting(self, meeting_id: int) -> str:
        """The meeting as exchange-file text (write it as UTF-8)."""
        with self.store.transaction() as session:
            document = export_document(session, meeting_id)
        return dumps(document)

    def import_meeting(self, data: str | bytes) -> int:
        """Add the meeting of an exchange file, all of it or (on any error) nothing; its new id."""
        document = read(data)
        with self.store.transaction() as session:
            return import_document(session, document, self.now())
