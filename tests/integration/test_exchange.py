"""The meeting exchange file on real stores: byte-identical round trips, matching on import, and
refusals that name the path and leave the store exactly as it was."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text as sql

from facilitator.domain.decision import DecisionRule, Method, Scale
from facilitator.domain.errors import InvalidText
from facilitator.domain.model import (
    AgendaFields,
    AgendaKind,
    AttendanceStatus,
    CollaborativeFields,
    MeetingFields,
    PersonFields,
)
from facilitator.domain.record import (
    NO_SECTOR,
    ActionFields,
    ActionStatus,
    Approval,
    DecisionFields,
    Disposition,
)
from facilitator.paths import resource
from facilitator.services import Services, build_services, exchange
from facilitator.services import sample as sample_data
from facilitator.services.exchange import ExchangeError, ExchangeProblem
from facilitator.storage import migrate
from facilitator.storage.models import Base
from facilitator.techniques.brainstorming.model import DotEntry, Phase
from facilitator.techniques.ground_rules.model import EntryMode, MinutesResult, Wording
from facilitator.techniques.idea_writing.model import Direction, Variant
from facilitator.techniques.idea_writing.model import Step as WritingStep
from facilitator.techniques.nominal_group.model import Convention, Step, Vote

NOW = datetime(2026, 3, 14, 9, 30, 15)
Document = dict[str, Any]


# -- stores ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One prepared empty store, copied for each store a test needs (preparing takes a second)."""
    path = tmp_path_factory.mktemp("template") / "facilitator.sqlite3"
    migrate.prepare(path)
    assert not path.with_name(path.name + "-wal").exists()  # all of it is in the one file
    return path


@pytest.fixture
def new_store(template: Path, tmp_path: Path) -> Iterator[Callable[[], Services]]:
    opened: list[Services] = []

    def make() -> Services:
        folder = tmp_path / f"store{len(opened)}"
        folder.mkdir()
        path = folder / "facilitator.sqlite3"
        shutil.copyfile(template, path)
        services = build_services(path, clock=lambda: NOW)
        opened.append(services)
        return services

    yield make
    for services in opened:
        services.close()


def snapshot(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: what "unchanged" means."""
    with services.store.transaction() as session:
        return {
            table.name: [tuple(row) for row in session.execute(sql(f"SELECT * FROM {table.name} ORDER BY 1"))]
            for table in Base.metadata.sorted_tables
        }


def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resource("schemas", "meeting-exchange.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


# -- the sample, with decisions, actions, a parking lot and a second meeting that got going ----------
def meetings_of(services: Services, collaborative_id: int) -> dict[str, int]:
    summary = next(c for c in services.collaboratives.overview() if c.id == collaborative_id)
    return {m.title: m.id for m in summary.meetings}


def item_of(services: Services, meeting_id: int, kind: AgendaKind) -> int:
    return next(item.id for item in services.agenda.for_meeting(meeting_id) if item.kind is kind)


def rich_sample(services: Services) -> tuple[int, int]:
    """The sample's launch and summer meetings, filled in as a facilitator would; their ids."""
    summer = services.sample.create()
    collaborative = services.meetings.detail(summer).collaborative.id
    launch = meetings_of(services, collaborative)["Launch meeting"]
    people = {p.name: p.id for p in services.people.for_collaborative(collaborative)}
    sectors = {s.name: str(s.id) for s in services.sectors.all()}
    record = services.record

    # Launch: four decisions (a vote on the fallback try, a count by sector, an override left open,
    # one withdrawn), actions, the parking lot and the next meeting.
    decisions_item = item_of(services, launch, AgendaKind.DECISIONS)

    def decide(fields: DecisionFields) -> int:
        return record.add_decision(launch, fields, decisions_item).record.decisions[-1].id

    first = decide(DecisionFields("Adopt youth employment as our first priority.", people["Rosa Delgado"],
                                  "The priorities we ranked", scale=Scale.VOTE, attempt=3))  # fmt: skip
    for choice, count in (("for", 9), ("against", 2), ("abstain", 1)):
        record.set_count(first, "", choice, count)
    record.dispose(first, Disposition.ADOPTED, "")
    second = decide(DecisionFields("Ask the city for a youth jobs coordinator.", people["Kwame Mensah"],
                                   scale=Scale.GRADIENTS, by_sector=True))  # fmt: skip
    for sector, choice, count in (
        ("Government", "agree", 2), ("Nonprofit", "agree", 2), ("Nonprofit", "reservations", 1),
        ("Community resident", "agree", 3), ("Health", "stand_aside", 1),
    ):  # fmt: skip
        record.set_count(second, sectors[sector], choice, count)
    record.dispose(second, Disposition.ADOPTED, "")
    third = decide(DecisionFields("Pilot late opening at the library on Fridays.", people["Linda Cho"],
                                  rule=DecisionRule(Method.MAJORITY), override_reason="A three-month trial",
                                  scale=Scale.VOTE))  # fmt: skip
    record.set_count(third, "", "for", 7)
    record.set_count(third, "", "against", 3)
    fourth = decide(DecisionFields("Hold our meetings on Saturdays."))
    record.dispose(fourth, Disposition.WITHDRAWN, "Nobody could make Saturdays\nafter all.")

    def act(meeting_id: int, fields: ActionFields) -> int:
        return record.add_action(meeting_id, fields).record.actions[-1].id

    act(launch, ActionFields("Draft the coordinator's job description", people["Kwame Mensah"],
                             "County Youth Services", date(2026, 3, 1), second))  # fmt: skip
    employers = act(launch, ActionFields("Ask employers about summer places", people["Hannah Fischer"]))
    hall = act(launch, ActionFields("Book the church hall"))
    minutes = act(launch, ActionFields("Send out the minutes", people["Linda Cho"]))
    record.set_action_status(minutes, ActionStatus.DONE, launch)
    record.park(launch, "Transport to the industrial park")
    record.park(launch, "A youth seat on the collaborative?")
    summer_starts = services.meetings.detail(summer).meeting.starts_at
    record.set_next_meeting(launch, summer_starts, "Grace Fellowship Church hall")

    # Between the meetings someone leaves the roster; at the door someone new comes in.
    services.people.set_removed(people["Imam Yusuf Karimi"], True)
    for name in ("Rosa Delgado", "Kwame Mensah", "Hannah Fischer", "Priya Raman", "Marcus Bell",
                 "Leila Haddad", "Linda Cho", "Dr. Ellen Park", "Nadia Petrova"):  # fmt: skip
        services.attendance.set_status(summer, people[name], AttendanceStatus.PRESENT)
    services.attendance.set_status(summer, people["Joe Kowalski"], AttendanceStatus.LATE, NOW)
    services.attendance.set_status(summer, people["Tomás Herrera"], AttendanceStatus.REGRETS)
    services.attendance.add_at_door(
        summer, PersonFields("Aisha Bello", "Millbrook Youth Council", int(sectors["Community resident"]), ""),
        AttendanceStatus.PRESENT,
    )  # fmt: skip
    services.run.start(summer)

    # Summer: the rules carried in, one retired, one amended person by person, one reaffirmed by
    # hands, one new rule adopted and one still being counted.
    rules_item = item_of(services, summer, AgendaKind.GROUND_RULES)
    view = services.ground_rules.open(rules_item, ())
    by_text = {p.wording.text: p for p in view.proposals}
    services.ground_rules.remove(
        by_text["No decisions outside scheduled meetings unless every partner is present."].id
    )
    amended = by_text["Minutes reach every partner within a week."]
    services.ground_rules.edit(
        amended.id, replace(amended.wording, text="Minutes reach every partner within five days.")
    )
    services.ground_rules.set_entry(rules_item, EntryMode.PEOPLE)
    for person in services.ground_rules.view(rules_item).present:
        services.ground_rules.set_choice(
            amended.id, person.id, "reservations" if person.name < "L" else "agree"
        )
    services.ground_rules.record(amended.id)
    services.ground_rules.set_entry(rules_item, EntryMode.COUNTS)
    reaffirmed = by_text["One voice at a time, and we listen to understand."].id
    services.ground_rules.set_count(reaffirmed, "agree", 9)
    services.ground_rules.record(reaffirmed)
    new = services.ground_rules.add(rules_item, Wording("Start and end on time.", "Evenings matter too."))
    new_id = next(p.id for p in new.view.proposals if p.wording.text == "Start and end on time.")
    services.ground_rules.set_count(new_id, "agree", 10)
    services.ground_rules.record(new_id)
    food = services.ground_rules.add(rules_item, Wording("Food is shared.")).view
    services.ground_rules.set_count(
        next(p.id for p in food.proposals if p.wording.text == "Food is shared."), "agree", 3
    )

    # Summer: the launch's items reviewed, a decision, an action, the previous minutes approved.
    record.set_action_status(employers, ActionStatus.DONE, summer)
    record.set_action_status(hall, ActionStatus.DROPPED, summer)
    pilot = record.add_decision(
        summer, DecisionFields("Run a summer jobs pilot with ten places.", people["Priya Raman"], scale=Scale.FIST_TO_FIVE),
        item_of(services, summer, AgendaKind.DECISIONS),
    ).record.decisions[-1].id  # fmt: skip
    for choice, count in (("5", 6), ("4", 3), ("3", 1)):
        record.set_count(pilot, "", choice, count)
    record.dispose(pilot, Disposition.ADOPTED, "")
    act(
        summer,
        ActionFields(
            "Write the pilot budget", people["Priya Raman"], due=date(2026, 4, 30), decision_id=pilot
        ),
    )
    record.park(summer, "Winter jobs")
    record.set_approval(summer, Approval.AS_CORRECTED, "Kwame Mensah speaks for County Youth Services.")
    return launch, summer


@pytest.fixture
def sample(new_store: Callable[[], Services]) -> tuple[Services, int, int]:
    services = new_store()
    return (services, *rich_sample(services))


@pytest.fixture(scope="module")
def refusing(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, int, int]]:
    """One sample for the refusal tests: each checks that its refusal left every row as it was."""
    path = tmp_path_factory.mktemp("refusing") / "facilitator.sqlite3"
    shutil.copyfile(template, path)
    services = build_services(path, clock=lambda: NOW)
    yield (services, *rich_sample(services))
    services.close()


# -- what the screens show, without ids -------------------------------------------------------------
def record_content(services: Services, meeting_id: int) -> dict[str, Any]:
    record = services.record.view(meeting_id)
    with services.store.transaction() as session:
        sector_names = {str(sid): name for sid, name in session.execute(sql("SELECT id, name FROM sectors"))}
        titles = {mid: title for mid, title in session.execute(sql("SELECT id, title FROM meetings"))}
    sector_names[NO_SECTOR], sector_names[""] = "(no sector)", "(whole room)"
    people = {p.id: p.name for p in record.people}
    items = {item.id: item.title for item in services.agenda.for_meeting(meeting_id)}
    numbers = {d.id: d.number for d in record.decisions}

    def action(a: Any) -> tuple[Any, ...]:
        return (
            a.meeting_title, a.meeting_date, a.fields.what, people.get(a.fields.owner_id), a.fields.organisation,
            a.fields.due, numbers.get(a.fields.decision_id, a.decision_number), a.status,
            titles.get(a.status_meeting_id),
        )  # fmt: skip

    wrap = record.wrap_up
    return {
        "collaborative_rule": record.collaborative_rule,
        "present": record.present,
        "sectors": [(sector_names[s.key], s.present) for s in record.sectors],
        "people": sorted((p.name, p.organisation) for p in record.people),
        "decisions": [
            (
                d.number,
                items.get(d.item_id) if d.item_id else None,
                replace(d.fields, proposer_id=None),
                d.proposer.name if d.proposer else None,
                d.governing,
                {sector_names[key]: part for key, part in d.counts.items()},
                d.disposition,
                d.note,
                d.outcome,
                d.recorded_at,
            )
            for d in record.decisions
        ],
        "actions": [action(a) for a in record.actions],
        "review": [action(a) for a in record.review],
        "successes": [action(a) for a in record.successes],
        "parked": [(p.number, p.text) for p in record.parked],
        "wrap_up": (
            wrap.kind,
            (wrap.previous.title, wrap.previous.starts_at) if wrap.previous else None,
            wrap.approval,
            wrap.correction,
            wrap.next_starts_at,
            wrap.next_place,
            wrap.approved_on,
        ),
    }


def rules_content(services: Services, meeting_id: int) -> list[Any]:
    """The ground-rules minutes of each ground-rules item, without ids."""
    detail = services.meetings.detail(meeting_id)
    names = {p.id: p.name for p in services.record.view(meeting_id).people}
    result = []
    for item in detail.agenda:
        if item.kind is not AgendaKind.GROUND_RULES:
            continue
        if not services.ground_rules.view(item.id).proposals:
            result.append(None)  # never opened
            continue
        minutes = services.ground_rules.minutes(item.id)
        result.append(
            (
                minutes.scale, minutes.decision_rule,
                [
                    (rule.kind, rule.wording, rule.earlier, rule.result,
                     [(c.number, c.scale, c.entry, c.counts, sorted((names[p], ch) for p, ch in c.choices),
                       c.subject, c.present, c.outcome, c.recorded_at) for c in rule.checks])
                    for rule in minutes.rules
                ],
            )
        )  # fmt: skip
    return result


def shifted(services: Services) -> Services:
    """A store that already holds other things, so every id the import gets differs from the original's."""
    other = services.collaboratives.create(CollaborativeFields("Eastside Tenants", "", "", ""))
    for name in ("Zed", "Yan", "Xu", "Wim", "Val", "Uma"):
        services.people.add(other.id, PersonFields(name, "", None, ""))
    meeting = services.meetings.create(other.id, MeetingFields("Warm-up", NOW, "", "", "", ""))
    for n in range(9):
        services.agenda.add(meeting.id, AgendaFields(AgendaKind.DISCUSSION, f"Topic {n}", "", 5))
    services.sectors.seed(("Philanthropy", "Other", "Government"))
    return services


# -- the round trip -------------------------------------------------------------------------------
def test_the_file_is_tidy_json_that_the_schema_accepts(sample: tuple[Services, int, int]) -> None:
    services, launch, summer = sample
    validator = schema_validator()
    for meeting_id in (launch, summer):
        text = services.exchange.export_meeting(meeting_id)
        document = json.loads(text)
        assert text == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        assert document["format"] == "facilitator-meeting" and document["version"] == exchange.VERSION
        assert not list(validator.iter_errors(document))
        assert exchange.read(text.encode("utf-8"))["meeting"]["title"] == document["meeting"]["title"]
    summer_document = json.loads(services.exchange.export_meeting(summer))
    people = {p["key"]: p for p in summer_document["people"]}
    roster = services.record.view(summer).people
    assert [p["key"] for p in summer_document["people"]] == [f"p{n}" for n in range(1, len(roster) + 1)]
    assert people["p1"]["name"] == "Aisha Bello"  # sorted by name
    assert any(p["removed"] and p["name"] == "Imam Yusuf Karimi" for p in people.values())
    assert summer_document["meeting"]["current_item"] == "a1"
    assert summer_document["meeting"]["status_changes"] == [
        {"raised_at": {"title": "Launch meeting", "starts_at": "2026-02-14T18:00:00"},
         "what": "Ask employers about summer places", "status": "done"},
        {"raised_at": {"title": "Launch meeting", "starts_at": "2026-02-14T18:00:00"},
         "what": "Book the church hall", "status": "dropped"},
    ]  # fmt: skip
    rules = summer_document["meeting"]["agenda"][0]["technique"]
    assert [p["rule"] for p in rules["proposals"]] == [None] * 6 + [
        "gr1",
        None,
    ]  # only "Start and end on time."
    assert [(p["text"], p["rule"]) for p in rules["retired"]] == [
        ("No decisions outside scheduled meetings unless every partner is present.", "gr2")
    ]


def test_the_sample_as_created_comes_back_byte_for_byte(new_store: Callable[[], Services]) -> None:
    original = new_store()
    summer = original.sample.create()
    meetings = meetings_of(original, original.meetings.detail(summer).collaborative.id)
    other, validator = new_store(), schema_validator()
    for title in ("Launch meeting", "Summer jobs working session"):  # in order, as a facilitator would
        text = original.exchange.export_meeting(meetings[title])
        assert not list(validator.iter_errors(json.loads(text)))
        copy_id = other.exchange.import_meeting(text)
        assert other.exchange.export_meeting(copy_id) == text
        assert record_content(other, copy_id) == record_content(original, meetings[title])
        assert rules_content(other, copy_id) == rules_content(original, meetings[title])


def test_both_sample_meetings_come_back_byte_for_byte_from_another_store(
    sample: tuple[Services, int, int], new_store: Callable[[], Services]
) -> None:
    original, launch, summer = sample
    files = {meeting_id: original.exchange.export_meeting(meeting_id) for meeting_id in (launch, summer)}
    other = shifted(new_store())
    copies = {meeting_id: other.exchange.import_meeting(files[meeting_id]) for meeting_id in (launch, summer)}
    for meeting_id, copy_id in copies.items():
        assert copy_id != meeting_id
        assert other.exchange.export_meeting(copy_id) == files[meeting_id]
        assert record_content(other, copy_id) == record_content(original, meeting_id)
        assert rules_content(other, copy_id) == rules_content(original, meeting_id)

    # Imported in order, each the latest at the time: the rules in force end as the original's.
    def in_force(services: Services, meeting_id: int) -> list[Any]:
        collaborative = services.meetings.detail(meeting_id).collaborative.id
        return [replace(rule, id=0) for rule in services.ground_rules.adopted(collaborative)]

    assert in_force(other, copies[summer]) == in_force(original, summer)
    assert [
        (r.wording.text, r.amended_meeting) for r in in_force(other, copies[summer]) if r.amended_meeting
    ] == [("Minutes reach every partner within five days.", "Summer jobs working session (2026-03-21)")]


def test_a_later_meeting_alone_comes_back_without_the_items_it_could_not_find(
    sample: tuple[Services, int, int], new_store: Callable[[], Services]
) -> None:
    original, _launch, summer = sample
    text = original.exchange.export_meeting(summer)
    other = new_store()
    copy_id = other.exchange.import_meeting(text)
    expected = json.loads(text)
    expected["meeting"]["status_changes"] = []  # the launch's items are not in that store
    assert json.loads(other.exchange.export_meeting(copy_id)) == expected
    # No rules there yet: the one this meeting adopted is in force; the retired one is not.
    collaborative = other.meetings.detail(copy_id).collaborative.id
    assert [r.wording.text for r in other.ground_rules.adopted(collaborative)] == ["Start and end on time."]
    results = [rule[3] for rule in rules_content(other, copy_id)[0][2]]
    assert results == [result for *_, result, _checks in rules_content(original, summer)[0][2]]
    assert MinutesResult.RETIRED in results and MinutesResult.AMENDED in results


def test_a_changed_title_imports_into_the_same_collaborative_with_its_people(
    sample: tuple[Services, int, int],
) -> None:
    services, launch, _summer = sample
    collaborative = services.meetings.detail(launch).collaborative.id
    people = sorted((p.name, p.organisation) for p in services.record.view(launch).people)
    rules = services.ground_rules.adopted(collaborative)
    document = json.loads(services.exchange.export_meeting(launch))
    document["meeting"]["title"] = "Launch meeting (from Linda's laptop)"
    copy_id = services.exchange.import_meeting(json.dumps(document))
    assert services.meetings.detail(copy_id).collaborative.id == collaborative
    assert sorted((p.name, p.organisation) for p in services.record.view(copy_id).people) == people
    assert len(services.collaboratives.overview()) == 1
    assert services.ground_rules.adopted(collaborative) == rules  # nothing in force doubled
    original, copied = record_content(services, launch), record_content(services, copy_id)
    for part in ("decisions", "parked", "present", "sectors"):
        assert copied[part] == original[part]
    # Closed here stays closed here (at the copy); closed at the next meeting reads as closed elsewhere.
    assert [a[1:-1] for a in copied["actions"]] == [a[1:-1] for a in original["actions"]]
    closed_at = {a[2]: a[-1] for a in copied["actions"]}
    assert closed_at["Send out the minutes"] == "Launch meeting (from Linda's laptop)"
    assert closed_at["Ask employers about summer places"] is None
    assert closed_at["Draft the coordinator's job description"] is None  # still open
    assert rules_content(services, copy_id) == rules_content(services, launch)


def test_a_removed_meeting_imported_again_is_the_same_meeting(sample: tuple[Services, int, int]) -> None:
    services, launch, summer = sample
    text = services.exchange.export_meeting(summer)
    record, rules = record_content(services, summer), rules_content(services, summer)
    people = len(services.record.view(summer).people)
    services.meetings.set_removed(summer, True)
    copy_id = services.exchange.import_meeting(text)
    copied = record_content(services, copy_id)
    # The record still reviews the removed meeting's own open item (it has the same start and an
    # earlier id): RecordService's view, not the import. Everything else is as it was.
    assert [a for a in copied["review"] if a[0] == "Summer jobs working session"] == [
        a for a in record["actions"] if a[-2] is ActionStatus.OPEN
    ]
    copied["review"] = [a for a in copied["review"] if a[0] != "Summer jobs working session"]
    assert copied == record  # the status changes found the launch's items again
    assert rules_content(services, copy_id) == rules
    assert len(services.record.view(copy_id).people) == people
    assert record_content(services, launch)["wrap_up"][-1] == date(2026, 3, 21)  # approved then, untouched


# -- refusals -------------------------------------------------------------------------------------
def _set(path: list[str | int], value: Any) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _drop(path: list[str | int]) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


NOT_IN_SCHEMA = "more hands than people"  # a sum across fields: only the reader checks it
FIRST_CHECK: list[str | int] = ["meeting", "agenda", 1, "technique", "proposals", 0, "checks", 0]
BAD_DOCUMENTS: list[tuple[str, Callable[[Document], None], ExchangeProblem, str]] = [
    ("wrong format", _set(["format"], "facilitator-minutes"), ExchangeProblem.NOT_OURS, "format"),
    ("no format", _drop(["format"]), ExchangeProblem.NOT_OURS, "format"),
    ("version 99", _set(["version"], 99), ExchangeProblem.TOO_NEW, "version"),
    ("version as text", _set(["version"], "1"), ExchangeProblem.BAD_VERSION, "version"),
    ("no version", _drop(["version"]), ExchangeProblem.MISSING, "version"),
    ("missing wording", _drop(["meeting", "decisions", 2, "wording"]), ExchangeProblem.MISSING,
     "meeting.decisions[2].wording"),
    ("missing people", _drop(["people"]), ExchangeProblem.MISSING, "people"),
    ("minutes as text", _set(["meeting", "agenda", 0, "minutes"], "15"), ExchangeProblem.WRONG_TYPE,
     "meeting.agenda[0].minutes"),
    ("removed as a number", _set(["people", 3, "removed"], 0), ExchangeProblem.WRONG_TYPE, "people[3].removed"),
    ("a list for the meeting", _set(["meeting"], []), ExchangeProblem.WRONG_TYPE, "meeting"),
    ("unknown field", _set(["meeting", "colour"], "red"), ExchangeProblem.UNKNOWN_FIELD, "meeting.colour"),
    ("unknown proposer", _set(["meeting", "decisions", 2, "proposer"], "p99"), ExchangeProblem.UNKNOWN_REFERENCE,
     "meeting.decisions[2].proposer"),
    ("unknown owner", _set(["meeting", "actions", 0, "owner"], "p0"), ExchangeProblem.UNKNOWN_REFERENCE,
     "meeting.actions[0].owner"),
    ("unknown sector", _set(["people", 0, "sector"], "Astronauts"), ExchangeProblem.UNKNOWN_REFERENCE,
     "people[0].sector"),
    ("unknown current item", _set(["meeting", "current_item"], "a99"), ExchangeProblem.UNKNOWN_REFERENCE,
     "meeting.current_item"),
    ("a key twice", _set(["people", 1, "key"], "p1"), ExchangeProblem.DUPLICATE, "people[1].key"),
    ("a person twice", _set(["people", 8, "name"], "  AISHA   bello "), ExchangeProblem.DUPLICATE, "people[8].name"),
    ("empty title", _set(["meeting", "title"], " \t\n "), ExchangeProblem.EMPTY, "meeting.title"),
    ("over-long wording", _set(["meeting", "decisions", 0, "wording"], "x" * 2001), ExchangeProblem.TOO_LONG,
     "meeting.decisions[0].wording"),
    ("unknown kind", _set(["meeting", "agenda", 0, "kind"], "karaoke"), ExchangeProblem.BAD_VALUE,
     "meeting.agenda[0].kind"),
    ("not a date", _set(["meeting", "starts_at"], "14/02/2026 18:00"), ExchangeProblem.BAD_VALUE, "meeting.starts_at"),
    ("a time zone", _set(["meeting", "starts_at"], "2026-02-14T18:00:00+01:00"), ExchangeProblem.BAD_VALUE,
     "meeting.starts_at"),
    ("more hands than people", _set([*FIRST_CHECK, "counts", "agree"], 99), ExchangeProblem.BAD_VALUE,
     "meeting.agenda[1].technique.proposals[0].checks[0].counts"),
    ("a vote choice on gradients", _set([*FIRST_CHECK, "counts", "for"], 1), ExchangeProblem.BAD_VALUE,
     "meeting.agenda[1].technique.proposals[0].checks[0].counts.for"),
    ("a count below zero", _set(["meeting", "decisions", 0, "counts", 0, "choices", "for"], -1),
     ExchangeProblem.BAD_VALUE, "meeting.decisions[0].counts[0].choices.for"),
    ("technique data on a break", _set(["meeting", "agenda", 3, "technique"], {}), ExchangeProblem.BAD_VALUE,
     "meeting.agenda[3].technique"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "change", "problem", "where"), BAD_DOCUMENTS, ids=[c[0] for c in BAD_DOCUMENTS]
)
def test_a_bad_file_is_refused_naming_the_path_and_nothing_changes(
    refusing: tuple[Services, int, int], name: str, change: Callable[[Document], None], problem: ExchangeProblem,
    where: str,
) -> None:  # fmt: skip
    services, launch, _summer = refusing
    document = json.loads(services.exchange.export_meeting(launch))
    document["meeting"]["title"] = "Another launch"  # so only the damage can be refused
    change(document)
    before = snapshot(services)
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_meeting(json.dumps(document, ensure_ascii=False))
    assert (refused.value.problem, refused.value.where) == (problem, where), refused.value
    assert snapshot(services) == before
    if (
        problem not in (ExchangeProblem.UNKNOWN_REFERENCE, ExchangeProblem.DUPLICATE)
        and name != NOT_IN_SCHEMA
    ):
        assert list(schema_validator().iter_errors(document)), "the schema should refuse it too"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'{"format": "facilitator-meeting", ', ExchangeProblem.NOT_JSON),
        (b"\xff\xfe{\x00}\x00", ExchangeProblem.NOT_JSON),
        (b'{"format": NaN}', ExchangeProblem.NOT_JSON),
        (b'{"format": "facilitator-meeting", "format": "facilitator-meeting"}', ExchangeProblem.NOT_JSON),
        ("[1, 2, 3]", ExchangeProblem.NOT_OURS),
        ('"facilitator-meeting"', ExchangeProblem.NOT_OURS),
        ("", ExchangeProblem.NOT_JSON),
        ("[" * 100_000, ExchangeProblem.NOT_JSON),
    ],
)
def test_what_is_not_an_exchange_file_is_refused(
    refusing: tuple[Services, int, int], data: str | bytes, problem: ExchangeProblem
) -> None:
    services = refusing[0]
    before = snapshot(services)
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_meeting(data)
    assert refused.value.problem is problem and refused.value.where == ""
    assert snapshot(services) == before


def test_a_meeting_is_not_imported_twice(refusing: tuple[Services, int, int]) -> None:
    services, launch, _summer = refusing
    document = json.loads(services.exchange.export_meeting(launch))
    document["meeting"]["title"] = "  LAUNCH   meeting "
    before = snapshot(services)
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_meeting(json.dumps(document))
    assert (refused.value.problem, refused.value.where) == (ExchangeProblem.DUPLICATE_MEETING, "meeting")
    assert snapshot(services) == before


def test_a_file_over_the_limit_is_refused_unread(
    refusing: tuple[Services, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    services, launch, _summer = refusing
    text = services.exchange.export_meeting(launch)
    monkeypatch.setattr(exchange, "MAX_BYTES", len(text.encode("utf-8")) - 1)
    before = snapshot(services)
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_meeting(text)
    assert refused.value.problem is ExchangeProblem.TOO_BIG
    assert snapshot(services) == before


def test_a_failure_late_in_the_import_leaves_no_trace(
    refusing: tuple[Services, int, int], new_store: Callable[[], Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Collaborative, sectors, people, meeting and items are written before the ground rules fail."""
    original, launch, _summer = refusing
    text = original.exchange.export_meeting(launch)
    part = exchange.TECHNIQUES[AgendaKind.GROUND_RULES]

    def load_then_fail(data: Document, item: Any, context: exchange.ImportContext) -> None:
        part.load(data, item, context)
        context.session.flush()
        raise ExchangeError(ExchangeProblem.BAD_VALUE, "meeting.agenda[1].technique", "test")

    monkeypatch.setitem(exchange.TECHNIQUES, AgendaKind.GROUND_RULES, replace(part, load=load_then_fail))
    for services in (new_store(), original):
        before = snapshot(services)
        with pytest.raises(ExchangeError):
            services.exchange.import_meeting(text.replace('"Launch meeting"', '"Launch meeting again"'))
        assert snapshot(services) == before


# -- text as people type it -------------------------------------------------------------------------
HOSTILE = (
    "<script>alert('x')</script> & \"quotes\" \\ 🎉👩🏽‍🚀 \u202eevil\u202c "
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u200f\u2067isolate\u2069 {{ template }} ${x}"
)


def small_meeting(services: Services, wording: str, what: str) -> int:
    collaborative = services.collaboratives.create(CollaborativeFields("Riverside Neighbours", "", "", ""))
    person = services.people.add(collaborative.id, PersonFields("Ana López", "", None, ""))
    meeting = services.meetings.create(collaborative.id, MeetingFields("Spring meeting", NOW, "", "", "", ""))
    decision = services.record.add_decision(meeting.id, DecisionFields(wording, person.id)).record.decisions[
        0
    ]
    services.record.add_action(meeting.id, ActionFields(what, person.id, decision_id=decision.id))
    services.record.park(meeting.id, what)
    return meeting.id


def test_hostile_text_round_trips_literally(new_store: Callable[[], Services]) -> None:
    original = new_store()
    meeting = small_meeting(original, HOSTILE + "\nsecond line", HOSTILE)
    text = original.exchange.export_meeting(meeting)
    assert "<script>alert('x')</script>" in text and "🎉👩🏽‍🚀" in text and "\u202e" in text  # not escaped
    assert not list(schema_validator().iter_errors(json.loads(text)))
    other = new_store()
    copy_id = other.exchange.import_meeting(text.encode("utf-8"))
    record = other.record.view(copy_id)
    assert record.decisions[0].fields.wording == HOSTILE + "\nsecond line"
    assert record.actions[0].fields.what == HOSTILE == record.parked[0].text
    assert other.exchange.export_meeting(copy_id) == text


def test_text_is_cleaned_on_import_as_when_typed(sample: tuple[Services, int, int]) -> None:
    services, launch, _summer = sample
    document = json.loads(services.exchange.export_meeting(launch))
    document["meeting"]["title"] = "  Launch\tmeeting\x00 again "
    document["meeting"]["parked"][0] = "first line   \r\nsecond\x07 line  "
    document["people"][0]["sector"] = " " + document["people"][0]["sector"] + "\t"
    copy_id = services.exchange.import_meeting(json.dumps(document))
    assert services.meetings.detail(copy_id).meeting.title == "Launch meeting again"
    assert services.record.view(copy_id).parked[0].text == "first line\nsecond line"


# -- property: any wording comes back the same ------------------------------------------------------
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wording=st.text(min_size=1, max_size=300), what=st.text(min_size=1, max_size=120))
def test_any_wording_survives_export_import_export(
    new_store: Callable[[], Services], wording: str, what: str
) -> None:
    original = new_store()
    try:
        meeting = small_meeting(original, wording, what)
    except InvalidText:
        return  # nothing left once cleaned: the form would refuse it too
    text = original.exchange.export_meeting(meeting)
    other = new_store()
    copy_id = other.exchange.import_meeting(text)
    assert other.exchange.export_meeting(copy_id) == text
    assert (
        other.record.view(copy_id).decisions[0].fields.wording
        == original.record.view(meeting).decisions[0].fields.wording
    )


def test_keys_follow_content_not_ids(new_store: Callable[[], Services]) -> None:
    """Two stores with the same content but different ids write the same file."""
    first, second = new_store(), shifted(new_store())
    texts = [
        services.exchange.export_meeting(small_meeting(services, "Fix the lift.", "Call the landlord"))
        for services in (first, second)
    ]
    assert texts[0] == texts[1]
    assert json.loads(texts[0])["meeting"]["decisions"][0]["key"] == "d1"


# -- brainstorms and the starting lists they send on ------------------------------------------------
def brainstormed(services: Services) -> tuple[int, int, int]:
    """The sample's launch brainstorm worked through on top of whatever the sample put there: ideas
    attributed, edited, merged (one after dots were put on it), sorted into themes, dots per person
    and totals off the wall, some sent on to the nominal-group item, and two removed after (one of
    them sent, one the last called out). The launch meeting, brainstorm and nominal-group item."""
    summer = services.sample.create()
    launch = meetings_of(services, services.meetings.detail(summer).collaborative.id)["Launch meeting"]
    item = item_of(services, launch, AgendaKind.BRAINSTORMING)
    later = item_of(services, launch, AgendaKind.NOMINAL_GROUP)
    ideas = services.brainstorm
    present = {person.name: person.id for person in ideas.open(item).present}
    for entry in DotEntry:  # start the count again, whatever the sample counted
        ideas.set_dot_entry(item, entry)
        ideas.clear_dots(item)
    ideas.set_attributed(item, True)
    ideas.set_dots_per_person(item, 3)
    ideas.set_phases(item, [Phase.CLARIFY, Phase.GROUP, Phase.VOTE])

    def add(words: str, who: str | None = None) -> int:
        return ideas.add_idea(item, words, present[who] if who else None).idea.id

    bus = add("The 7:15 bus leaves before the late shift ends", "Joe Kowalski")
    fares = add("Fares 🚌 cost an hour's pay \u202eeach way", "Marcus Bell")
    lift = add("Nobody can give us a lift at night")
    homework = add("no quiet place for homwork", "Linda Cho")
    wifi = add("The library wifi drops every ten minutes", "Linda Cho")
    mentors = add("No mentors who took the same road", "Priya Raman")
    gone = add("An idea sent on, then taken back")
    last = add("The last idea called out, taken back")
    ideas.edit_idea(homework, "No quiet place for homework")  # its first wording is kept
    ideas.attribute(lift, present["Leila Haddad"])
    number = {idea.id: idea.number for idea in ideas.view(item).ideas}
    ideas.set_dot_entry(item, DotEntry.PEOPLE)
    ideas.set_person_dots(item, present["Rosa Delgado"], [number[lift], number[bus], number[bus]])
    ideas.set_person_dots(item, present["Kwame Mensah"], [number[wifi]])
    ideas.add_theme(item, "Getting to work and back", [bus, fares])
    # Merged in, fares keeps its theme and lift Rosa's dot.
    ideas.merge(bus, [lift, fares], "No way to get to work and back in the evening")
    ideas.set_person_dots(item, present["Nadia Petrova"], [number[bus], number[mentors], number[homework]])
    ideas.add_theme(item, "Somewhere to study", [homework, wifi])
    spare = ideas.add_theme(item, "Spare", [mentors]).view.themes
    ideas.remove_theme(next(theme.id for theme in spare if theme.name == "Spare"))
    ideas.move_theme(next(theme.id for theme in spare if theme.name == "Somewhere to study"), 0)
    ideas.set_dot_entry(item, DotEntry.TOTALS)  # totals off the wall, kept beside the people's dots
    ideas.set_total(bus, 7)
    ideas.set_total(mentors, 2)
    ideas.set_dot_entry(item, DotEntry.PEOPLE)
    ideas.send(item, [bus, homework, mentors, gone], later)
    ideas.remove_ideas([gone, last])
    ideas.set_phase(item, Phase.VOTE)
    return launch, item, later


def ideas_content(services: Services, item_id: int) -> dict[str, Any]:
    """What the brainstorm screens show of an item, people by name and ideas by number."""
    view = services.brainstorm.view(item_id)
    names, themes = dict(view.people), {theme.id: theme.name for theme in view.themes}
    numbers = {idea.id: idea.number for idea in view.ideas}
    return {
        "question": view.question,
        "settings": view.settings,
        "ideas": [
            (i.number, i.text, i.original, names.get(i.person_id or 0), themes.get(i.theme_id or 0),
             numbers.get(i.merged_into or 0), i.source_title, i.source_number)
            for i in view.ideas
        ],
        "themes": [(theme.name, theme.position) for theme in view.themes],
        "dots": sorted((numbers[d.idea_id], names.get(d.person_id or 0, ""), d.count) for d in view.dots),
        "present": [person.name for person in view.present],
        "standings": [(s.idea.number, s.dots, s.voters, s.rank, s.tied) for s in view.standings()],
        "summary": view.summary(),
    }  # fmt: skip


def technique_of(document: Document, kind: AgendaKind) -> Document:
    return next(item["technique"] for item in document["meeting"]["agenda"] if item["kind"] == kind.value)


def test_a_brainstorm_and_its_starting_list_come_back_whole(new_store: Callable[[], Services]) -> None:
    original = new_store()
    launch, item, later = brainstormed(original)
    text = original.exchange.export_meeting(launch)
    document = json.loads(text)
    assert not list(schema_validator().iter_errors(document))
    part = technique_of(document, AgendaKind.BRAINSTORMING)
    listed = technique_of(document, AgendaKind.NOMINAL_GROUP)
    numbers = [idea["number"] for idea in part["ideas"]]
    assert numbers == sorted(numbers) and part["next_number"] - 1 not in numbers  # the last was removed
    assert part["phases"] == ["clarify", "group", "vote"]
    assert (part["phase"], part["dot_entry"], part["dots_per_person"]) == ("vote", "people", 3)
    by_text = {idea["text"]: idea for idea in part["ideas"]}
    result = by_text["No way to get to work and back in the evening"]
    assert result["original"] == "The 7:15 bus leaves before the late shift ends"
    assert result["merged_into"] is None
    lift = by_text["Nobody can give us a lift at night"]
    assert lift["merged_into"] == result["number"]
    assert any(dot["idea"] == lift["number"] and dot["person"] for dot in part["dots"])  # on a merged idea
    assert by_text["Fares 🚌 cost an hour's pay \u202eeach way"]["theme"] == result["theme"] is not None
    assert by_text["No quiet place for homework"]["original"] == "no quiet place for homwork"
    people = {person["key"]: person["name"] for person in document["people"]}
    assert people[lift["person"]] == "Leila Haddad"
    themes = [theme["name"] for theme in part["themes"]]
    assert themes[0] == "Somewhere to study" and "Spare" not in themes
    assert {dot["person"] is None for dot in part["dots"]} == {True, False}  # both kinds kept
    sources = [idea["source"] for idea in listed["ideas"]]
    key = next(i["key"] for i in document["meeting"]["agenda"] if i["kind"] == "brainstorming")
    assert all(source is not None and source["item"] == key for source in sources[-4:])
    assert sources[-1]["number"] not in numbers  # sent on, then removed: the list still says where from

    other = shifted(new_store())
    copy_id = other.exchange.import_meeting(text)
    assert other.exchange.export_meeting(copy_id) == text
    copies = (
        item_of(other, copy_id, AgendaKind.BRAINSTORMING),
        item_of(other, copy_id, AgendaKind.NOMINAL_GROUP),
    )
    assert ideas_content(other, copies[0]) == ideas_content(original, item)
    assert ideas_content(other, copies[1]) == ideas_content(original, later)
    # Numbers go on from where they were, removed ideas included, in both items.
    for services, (brainstorm, listing) in ((original, (item, later)), (other, copies)):
        added = services.brainstorm.add_idea(brainstorm, "One more, after the import").idea
        assert added.number == part["next_number"]
        services.brainstorm.send(brainstorm, [added.id], listing)
    assert ideas_content(other, copies[0]) == ideas_content(original, item)
    assert ideas_content(other, copies[1]) == ideas_content(original, later)


def test_a_list_names_its_source_wherever_the_item_is_and_not_once_it_is_removed(
    new_store: Callable[[], Services],
) -> None:
    original = new_store()
    launch, item, later = brainstormed(original)
    # Moved before the brainstorm it came from: its sources are found once every item is in.
    original.agenda.move(later, 0)
    text = original.exchange.export_meeting(launch)
    other = new_store()
    copy_id = other.exchange.import_meeting(text)
    assert other.exchange.export_meeting(copy_id) == text
    copied = item_of(other, copy_id, AgendaKind.NOMINAL_GROUP)
    assert ideas_content(other, copied) == ideas_content(original, later)
    # The brainstorm removed: the list keeps its ideas, no longer saying where from.
    original.agenda.set_removed([item], True)
    document = json.loads(original.exchange.export_meeting(launch))
    assert not list(schema_validator().iter_errors(document))
    listed = technique_of(document, AgendaKind.NOMINAL_GROUP)
    assert listed["ideas"] and all(idea["source"] is None for idea in listed["ideas"])
    document["meeting"]["title"] = "Launch meeting, without its brainstorm"
    copy_id = other.exchange.import_meeting(json.dumps(document))
    copied = item_of(other, copy_id, AgendaKind.NOMINAL_GROUP)
    expected = [(*idea[:-2], "", 0) for idea in ideas_content(original, later)["ideas"]]
    assert ideas_content(other, copied)["ideas"] == expected


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wording=st.text(min_size=1, max_size=120), edited=st.text(min_size=1, max_size=120),
       theme=st.text(min_size=1, max_size=40))  # fmt: skip
def test_any_idea_and_theme_survive_export_import_export(
    new_store: Callable[[], Services], wording: str, edited: str, theme: str
) -> None:
    original = new_store()
    meeting = small_meeting(original, "Fix the lift.", "Call the landlord")
    item = original.agenda.add(meeting, AgendaFields(AgendaKind.BRAINSTORMING, "What now?", "", 20)).id
    original.brainstorm.open(item)
    try:
        idea = original.brainstorm.add_idea(item, wording).idea
        original.brainstorm.edit_idea(idea.id, edited)
        original.brainstorm.add_theme(item, theme, [idea.id])
    except InvalidText:
        return  # nothing left once cleaned: the screen would refuse it too
    text = original.exchange.export_meeting(meeting)
    other = new_store()
    copy_id = other.exchange.import_meeting(text)
    assert other.exchange.export_meeting(copy_id) == text
    copy = item_of(other, copy_id, AgendaKind.BRAINSTORMING)
    assert ideas_content(other, copy) == ideas_content(original, item)


@pytest.fixture(scope="module")
def brainstorm_refusing(
    template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, int]]:
    path = tmp_path_factory.mktemp("brainstorm") / "facilitator.sqlite3"
    shutil.copyfile(template, path)
    services = build_services(path, clock=lambda: NOW)
    yield services, brainstormed(services)[0]
    services.close()


def _idea(index: int, name: str, value: Any) -> Callable[[Document], str]:
    def change(part: Document) -> str:
        part["ideas"][index][name] = value
        return f"ideas[{index}].{name}"

    return change


def _field(name: str, value: Any, where: str = "") -> Callable[[Document], str]:
    def change(part: Document) -> str:
        part[name] = value
        return where or name

    return change


def _merged_into_a_part(part: Document) -> str:
    ideas = part["ideas"]
    results = {idea["merged_into"] for idea in ideas}
    merged = next(idea["number"] for idea in ideas if idea["merged_into"] is not None)
    alone = next(
        n for n, idea in enumerate(ideas) if idea["merged_into"] is None and idea["number"] not in results
    )
    ideas[alone]["merged_into"] = merged
    return f"ideas[{alone}].merged_into"


def _dots(person: bool, count: Callable[[Document], int]) -> Callable[[Document], str]:
    def change(part: Document) -> str:
        index = next(n for n, dot in enumerate(part["dots"]) if (dot["person"] is not None) == person)
        part["dots"][index]["count"] = count(part)
        return f"dots[{index}].count"

    return change


def _dots_twice(part: Document) -> str:
    part["dots"].append(dict(part["dots"][0]))
    return f"dots[{len(part['dots']) - 1}].idea"


def _theme(index: int, name: str, value: Callable[[Document], Any]) -> Callable[[Document], str]:
    def change(part: Document) -> str:
        part["themes"][index][name] = value(part)
        return f"themes[{index}].{name}"

    return change


def _source(name: str, value: Callable[[Document], Any]) -> Callable[[Document, str], str]:
    def change(part: Document, own: str) -> str:
        index = next(n for n, idea in enumerate(part["ideas"]) if idea["source"] is not None)
        part["ideas"][index]["source"][name] = value(own)
        return f"ideas[{index}].source.{name}"

    return change


def _numbers_swapped(part: Document) -> str:
    part["ideas"][0], part["ideas"][1] = part["ideas"][1], part["ideas"][0]
    return "ideas[1].number"


def _last_at_next_number(part: Document) -> str:
    part["next_number"] = part["ideas"][-1]["number"]
    return f"ideas[{len(part['ideas']) - 1}].number"


BS, NG = AgendaKind.BRAINSTORMING, AgendaKind.NOMINAL_GROUP
BAD_IDEAS: list[tuple[str, AgendaKind, Callable[..., str], ExchangeProblem, bool]] = [
    # name, the item, the damage (giving the path under its technique), the problem, the schema refuses it too
    ("unknown theme", BS, _idea(0, "theme", "t99"), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("unknown person", BS, _idea(0, "person", "p999"), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("merged into no idea", BS, _idea(0, "merged_into", 999_999), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("merged into a number as text", BS, _idea(0, "merged_into", "1"), ExchangeProblem.WRONG_TYPE, True),
    ("merged into itself", BS, lambda part: _idea(0, "merged_into", part["ideas"][0]["number"])(part),
     ExchangeProblem.BAD_VALUE, False),
    ("merged into a merged idea", BS, _merged_into_a_part, ExchangeProblem.BAD_VALUE, False),
    ("a number twice", BS, lambda part: _idea(1, "number", part["ideas"][0]["number"])(part),
     ExchangeProblem.DUPLICATE, False),
    ("numbers out of order", BS, _numbers_swapped, ExchangeProblem.BAD_VALUE, False),
    ("a number not below next_number", BS, _last_at_next_number, ExchangeProblem.BAD_VALUE, False),
    ("idea number zero", BS, _idea(0, "number", 0), ExchangeProblem.BAD_VALUE, True),
    ("an over-long idea", BS, _idea(0, "text", "x" * 501), ExchangeProblem.TOO_LONG, True),
    ("an empty first wording", BS, _idea(0, "original", " \t "), ExchangeProblem.EMPTY, True),
    ("an unknown field on an idea", BS, _idea(0, "votes", 3), ExchangeProblem.UNKNOWN_FIELD, True),
    ("a theme key twice", BS, _theme(1, "key", lambda part: part["themes"][0]["key"]), ExchangeProblem.DUPLICATE,
     False),
    ("a theme name twice", BS, _theme(1, "name", lambda part: " " + part["themes"][0]["name"].upper()),
     ExchangeProblem.DUPLICATE, False),
    ("an over-long theme", BS, _theme(0, "name", lambda part: "y" * 121), ExchangeProblem.TOO_LONG, True),
    ("a phase not in use", BS, _field("phases", ["clarify"], "phase"), ExchangeProblem.BAD_VALUE, False),
    ("an unknown phase", BS, _field("phases", ["vote", "results"], "phases[1]"), ExchangeProblem.BAD_VALUE, True),
    ("a phase twice", BS, _field("phases", ["vote", "vote"], "phases[1]"), ExchangeProblem.DUPLICATE, True),
    ("no dots per person", BS, _field("dots_per_person", 0), ExchangeProblem.BAD_VALUE, True),
    ("an unknown dot entry", BS, _field("dot_entry", "stickers"), ExchangeProblem.BAD_VALUE, True),
    ("more dots on one idea than any wall holds", BS, _dots(False, lambda part: 10_001), ExchangeProblem.BAD_VALUE,
     True),
    ("a person over their dots", BS, _dots(True, lambda part: part["dots_per_person"] + 1),
     ExchangeProblem.BAD_VALUE, False),
    ("a count below zero", BS, _dots(True, lambda part: -1), ExchangeProblem.BAD_VALUE, True),
    ("dots on one idea twice", BS, _dots_twice, ExchangeProblem.DUPLICATE, False),
    ("dots on no idea", BS, lambda part: _dots_on(part, 999_999), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("dots of nobody known", BS, lambda part: _dots_by(part, "p999"), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("who said it, on a list", NG, _idea(0, "person", "p1"), ExchangeProblem.UNKNOWN_FIELD, True),
    ("a list number twice", NG, lambda part: _idea(1, "number", part["ideas"][0]["number"])(part),
     ExchangeProblem.DUPLICATE, False),
    ("a source in no item", NG, _source("item", lambda own: "a99"), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("a source in an item without ideas", NG, _source("item", lambda own: "a1"), ExchangeProblem.UNKNOWN_REFERENCE,
     False),
    ("a source in its own item", NG, _source("item", lambda own: own), ExchangeProblem.BAD_VALUE, False),
    ("a source never numbered", NG, _source("number", lambda own: 999_999), ExchangeProblem.UNKNOWN_REFERENCE,
     False),
]  # fmt: skip


def _dots_on(part: Document, number: int) -> str:
    part["dots"][0]["idea"] = number
    return "dots[0].idea"


def _dots_by(part: Document, person: str) -> str:
    part["dots"][-1]["person"] = person
    return f"dots[{len(part['dots']) - 1}].person"


@pytest.mark.parametrize(
    ("name", "kind", "change", "problem", "schema_too"), BAD_IDEAS, ids=[case[0] for case in BAD_IDEAS]
)
def test_a_bad_brainstorm_is_refused_naming_the_path_and_nothing_changes(
    brainstorm_refusing: tuple[Services, int], name: str, kind: AgendaKind, change: Callable[..., str],
    problem: ExchangeProblem, schema_too: bool,
) -> None:  # fmt: skip
    services, launch = brainstorm_refusing
    document = json.loads(services.exchange.export_meeting(launch))
    document["meeting"]["title"] = "Another launch"  # so only the damage can be refused
    index, item = next((n, i) for n, i in enumerate(document["meeting"]["agenda"]) if i["kind"] == kind.value)
    damaged = (
        change(item["technique"], item["key"]) if name.startswith("a source") else change(item["technique"])
    )
    before = snapshot(services)
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_meeting(json.dumps(document, ensure_ascii=False))
    where = f"meeting.agenda[{index}].technique.{damaged}"
    assert (refused.value.problem, refused.value.where) == (problem, where), refused.value
    assert snapshot(services) == before
    assert bool(list(schema_validator().iter_errors(document))) is schema_too


def test_dots_counted_before_people_left_still_travel(new_store: Callable[[], Services]) -> None:
    """The launch brainstorm's wall holds 60 dots, counted while 13 were present (at most 65). Two
    leave afterwards: at most 55 now, but the count stands as the room made it, and so does the file."""
    original = new_store()
    original.sample.create()
    launch = next(
        m.id for c in original.collaboratives.overview() for m in c.meetings if m.title == "Launch meeting"
    )
    brainstorm = next(i for i in original.agenda.for_meeting(launch) if i.kind is AgendaKind.BRAINSTORMING)
    before = original.brainstorm.view(brainstorm.id)
    assert before.summary().placed == 60
    for person in before.present[:2]:
        original.attendance.set_status(launch, person.id, AttendanceStatus.ABSENT)
    assert original.brainstorm.view(brainstorm.id).summary().ceiling == 55
    text = original.exchange.export_meeting(launch)
    other = new_store()
    copy = other.exchange.import_meeting(text.encode("utf-8"))
    copied = next(i for i in other.agenda.for_meeting(copy) if i.kind is AgendaKind.BRAINSTORMING)
    assert other.brainstorm.view(copied.id).summary().placed == 60
    assert other.exchange.export_meeting(copy) == text


# -- nominal groups: settings, the round robin, the clarification record and the cards --------------
def group_content(services: Services, item_id: int) -> dict[str, Any]:
    """What the nominal group screens show of an item, people by name and ideas by number."""
    view = services.nominal_group.view(item_id)
    names, numbers = dict(view.people), {idea.id: idea.number for idea in view.ideas}

    def turn(who: int) -> Any:
        return who if view.settings.anonymous else names[who]

    return {
        "question": view.question,
        "settings": view.settings,
        "ideas": [
            (i.number, i.text, i.original, numbers.get(i.merged_into or 0), i.source_title, i.source_number)
            for i in view.ideas
        ],
        "edits": [(numbers[e.idea_id], e.kind, e.before, e.after, e.other_number, e.at, e.note) for e in view.edits],
        "cards": [
            (b.vote, b.card, names.get(b.person_id or 0), b.ranks, b.convention, b.picks) for b in view.ballots
        ],
        "robin": ([turn(who) for who in view.robin.order], view.robin.turn, view.robin.passes, view.robin.ended),
        "tallies": [view.tally(vote) for vote in Vote],
        "result": view.result(),
    }  # fmt: skip


def test_the_sample_nominal_group_comes_back_whole(new_store: Callable[[], Services]) -> None:
    original = new_store()
    summer = original.sample.create()
    launch = meetings_of(original, original.meetings.detail(summer).collaborative.id)["Launch meeting"]
    item = item_of(original, launch, AgendaKind.NOMINAL_GROUP)
    text = original.exchange.export_meeting(launch)
    document = json.loads(text)
    assert not list(schema_validator().iter_errors(document))
    part = technique_of(document, AgendaKind.NOMINAL_GROUP)
    settings = part["settings"]
    assert (settings["step"], settings["picks"], settings["convention"]) == ("result", 5, "top_picks")
    assert settings["minutes"] == {
        step.value: minutes for step, minutes in sample_data.NOMINAL_MINUTES.items()
    }
    people = {person["key"]: person["name"] for person in document["people"]}
    assert [people[key] for key in settings["turn_order"]][:2] == ["Dr. Ellen Park", "Grace Whitfield"]
    assert settings["ended"] and settings["passes"] == len(settings["turn_order"]) == 13
    assert [(i["number"], i["merged_into"]) for i in part["ideas"] if i["merged_into"]] == [(7, 5)]
    assert [(e["idea"], e["kind"], e["other"]) for e in part["edits"]] == [
        (10, "reworded", None),
        (5, "merged", 7),
    ]
    assert part["edits"][1]["note"] == sample_data.NOMINAL_MERGED[0][2]
    cards = part["cards"]
    assert [c["vote"] for c in cards] == ["preliminary"] * 12 + ["final"] * 12
    assert [c["card"] for c in cards] == [*range(1, 13), *range(1, 13)]
    assert {c["convention"] for c in cards} == {"top_picks"} and {c["picks"] for c in cards} == {5}
    assert [" ".join(map(str, c["ranks"])) for c in cards[:12]] == [
        t for _n, t in sample_data.PRELIMINARY_CARDS
    ]
    assert [people[c["person"]] if c["person"] else None for c in cards[12:]] == [
        n for n, _t in sample_data.FINAL_CARDS
    ]

    other = shifted(new_store())
    copy_id = other.exchange.import_meeting(text)
    assert other.exchange.export_meeting(copy_id) == text
    copied = item_of(other, copy_id, AgendaKind.NOMINAL_GROUP)
    assert group_content(other, copied) == group_content(original, item)
    # The list carries on from where it was, in both.
    for services, group in ((original, item), (other, copied)):
        services.nominal_group.record_idea(group, "One more, after the import")
    assert group_content(other, copied) == group_content(original, item)


def anonymous_group(services: Services) -> tuple[int, int]:
    """A nominal group worked through with the service: turns by seat, ranks added up, ideas removed
    (the last one recorded among them), merged, split up and merged again, a tie put in order, and
    both votes' cards, one of them with a name. The meeting and the item."""
    meeting = small_meeting(services, "Fix the lift.", "Call the landlord")
    item = services.agenda.add(meeting, AgendaFields(AgendaKind.NOMINAL_GROUP, "What first?", "", 40)).id
    present = services.people.for_collaborative(services.meetings.detail(meeting).collaborative.id)[0]
    services.attendance.set_status(meeting, present.id, AttendanceStatus.PRESENT)
    group = services.nominal_group
    group.open(item)
    group.set_anonymous(item, True, 6)
    group.set_convention(item, Convention.REVERSED)
    group.set_picks(item, 3)
    group.set_minutes(item, Step.CLARIFY, 12)
    group.set_step(item, Step.ROUND_ROBIN)
    for words in ("The lift is broken 🛗", "No lights \u202ein the lane", "Bins overflow", "Rent goes up",
                  "Damp in the flats", "Nowhere to park", "Said twice by mistake"):  # fmt: skip
        group.record_idea(item, words)
        group.pass_turn(item)
    group.reorder(item, [3, 1, 2, 4, 5, 6])
    ids = {idea.text: idea.id for idea in group.view(item).ideas}
    group.remove_idea(ids["Rent goes up"])
    group.remove_idea(ids["Said twice by mistake"])
    group.end_round(item)
    group.set_step(item, Step.CLARIFY)
    group.edit_idea(ids["Bins overflow"], "Bins overflow every weekend")
    group.merge(ids["Damp in the flats"], [ids["Nowhere to park"]], True, "Both are the landlord's")
    group.split(ids["Damp in the flats"])
    group.merge(ids["The lift is broken 🛗"], [ids["Nowhere to park"]], True)
    for typed, person in (("1 2 3", None), ("3 1 2", present.id), ("2 3 5", None)):
        group.add_ballot(item, Vote.PRELIMINARY, typed, person)
    group.set_step(item, Step.FINAL)
    group.set_convention(item, Convention.TOP_PICKS)  # the final vote may be counted another way
    group.set_picks(item, 2)
    for typed in ("1 3", "3 1"):
        group.add_ballot(item, Vote.FINAL, typed)
    group.break_ties(item, [3, 1])
    return meeting, item


def test_a_group_by_seat_with_every_kind_of_change_comes_back_whole(
    new_store: Callable[[], Services],
) -> None:
    original = new_store()
    meeting, item = anonymous_group(original)
    text = original.exchange.export_meeting(meeting)
    document = json.loads(text)
    assert not list(schema_validator().iter_errors(document))
    part = technique_of(document, AgendaKind.NOMINAL_GROUP)
    assert part["settings"]["anonymous"] and part["settings"]["seats"] == 6
    assert part["settings"]["turn_order"] == [3, 1, 2, 4, 5, 6]
    assert part["settings"]["tie_order"] == [3, 1]
    assert part["next_number"] == 8 and [i["number"] for i in part["ideas"]] == [1, 2, 3, 5, 6]
    assert [e["kind"] for e in part["edits"]] == ["reworded", "merged", "split", "merged"]
    assert {(c["vote"], c["convention"], c["picks"]) for c in part["cards"]} == {
        ("preliminary", "reversed", 3), ("final", "top_picks", 2),
    }  # fmt: skip
    other = shifted(new_store())
    copy_id = other.exchange.import_meeting(text)
    assert other.exchange.export_meeting(copy_id) == text
    copied = item_of(other, copy_id, AgendaKind.NOMINAL_GROUP)
    assert group_content(other, copied) == group_content(original, item)
    for services, group in ((original, item), (other, copied)):
        assert services.nominal_group.record_idea(group, "After the import").view.ideas[-1].number == 8


def test_a_list_never_opened_travels_without_settings(new_store: Callable[[], Services]) -> None:
    original = new_store()
    meeting = small_meeting(original, "Fix the lift.", "Call the landlord")
    item = original.agenda.add(meeting, AgendaFields(AgendaKind.NOMINAL_GROUP, "Untouched", "", 30)).id
    assert (
        technique_of(json.loads(original.exchange.export_meeting(meeting)), AgendaKind.NOMINAL_GROUP) is None
    )
    original.nominal_group.open(item)
    part = technique_of(json.loads(original.exchange.export_meeting(meeting)), AgendaKind.NOMINAL_GROUP)
    assert (part["next_number"], part["ideas"], part["edits"], part["cards"]) == (1, [], [], [])
    assert part["settings"]["step"] == "generate" and part["settings"]["picks"] is None


@pytest.fixture(scope="module")
def group_refusing(
    template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, int]]:
    path = tmp_path_factory.mktemp("group") / "facilitator.sqlite3"
    shutil.copyfile(template, path)
    services = build_services(path, clock=lambda: NOW)
    summer = services.sample.create()
    yield services, meetings_of(services, services.meetings.detail(summer).collaborative.id)["Launch meeting"]
    services.close()


def _at(*path: str | int) -> Callable[[Any], Callable[[Document], str]]:
    """Set the value at a path under the technique part (the value may be worked out from the part);
    the refusal names that path, or ``where``."""

    def with_value(value: Any, where: str = "") -> Callable[[Document], str]:
        def change(part: Document) -> str:
            target = part
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = value(part) if callable(value) else value
            return where or "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path).lstrip(".")

        return change

    return with_value


def _removed(*path: str | int) -> Callable[[Document], str]:
    def change(part: Document) -> str:
        target = part
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
        return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")

    return change


def _never_opened(part: Document) -> str:
    part["settings"] = None
    return "edits"


BAD_GROUPS: list[tuple[str, Callable[[Document], str], ExchangeProblem, bool]] = [
    # name, the damage (giving the path under the technique), the problem, the schema refuses it too
    ("a card naming an unknown idea number", _at("cards", 0, "ranks", 0)(999), ExchangeProblem.UNKNOWN_REFERENCE,
     False),
    ("a card naming a merged idea", _at("cards", 0, "ranks", 0)(7), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("a card naming an idea as text", _at("cards", 0, "ranks", 0)("2"), ExchangeProblem.WRONG_TYPE, True),
    ("an idea twice on a card", _at("cards", 0, "ranks", 1)(lambda part: part["cards"][0]["ranks"][0]),
     ExchangeProblem.DUPLICATE, True),
    ("too few ideas on a card", _at("cards", 0, "ranks")(lambda part: part["cards"][0]["ranks"][:4]),
     ExchangeProblem.BAD_VALUE, False),
    ("a bad convention", _at("cards", 0, "convention")("borda"), ExchangeProblem.BAD_VALUE, True),
    ("a card counted unlike its vote", _at("cards", 1, "convention")("reversed"), ExchangeProblem.BAD_VALUE, False),
    ("a card with other picks than its vote", _at("cards", 13, "picks")(4), ExchangeProblem.BAD_VALUE, False),
    ("picks over the limit", _at("cards", 0, "picks")(21), ExchangeProblem.BAD_VALUE, True),
    ("an unknown vote", _at("cards", 0, "vote")("third"), ExchangeProblem.BAD_VALUE, True),
    ("a card number twice", _at("cards", 1, "card")(1), ExchangeProblem.DUPLICATE, False),
    ("card number zero", _at("cards", 0, "card")(0), ExchangeProblem.BAD_VALUE, True),
    ("two cards of one person in a vote", _at("cards", 0, "person")(lambda part: part["cards"][1]["person"],
     "cards[1].person"), ExchangeProblem.DUPLICATE, False),
    ("a card of nobody known", _at("cards", 0, "person")("p999"), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("an unknown field on a card", _at("cards", 0, "weight")(2), ExchangeProblem.UNKNOWN_FIELD, True),
    ("a bad convention in the settings", _at("settings", "convention")("borda"), ExchangeProblem.BAD_VALUE, True),
    ("an unknown step", _at("settings", "step")("vote"), ExchangeProblem.BAD_VALUE, True),
    ("picks as text", _at("settings", "picks")("5"), ExchangeProblem.WRONG_TYPE, True),
    ("a time box of zero", _at("settings", "minutes", "clarify")(0), ExchangeProblem.BAD_VALUE, True),
    ("a step without a time box", _removed("settings", "minutes", "discuss"), ExchangeProblem.MISSING, True),
    ("a time box for no step", _at("settings", "minutes", "lunch")(30), ExchangeProblem.UNKNOWN_FIELD, True),
    ("anonymous without seats", _at("settings", "anonymous")(True, "settings.seats"), ExchangeProblem.BAD_VALUE, True),
    ("a turn of someone unknown", _at("settings", "turn_order", 0)("p999"), ExchangeProblem.UNKNOWN_REFERENCE,
     False),
    ("a seat when turns go by name", _at("settings", "turn_order", 0)(3), ExchangeProblem.WRONG_TYPE, True),
    ("a person's turn twice", _at("settings", "turn_order", 1)(lambda part: part["settings"]["turn_order"][0]),
     ExchangeProblem.DUPLICATE, False),
    ("a turn past the order", _at("settings", "turn")(13), ExchangeProblem.BAD_VALUE, False),
    ("more passes than people", _at("settings", "passes")(14), ExchangeProblem.BAD_VALUE, False),
    ("a tie put in order for no idea", _at("settings", "tie_order")([999], "settings.tie_order[0]"),
     ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("an unknown field in the settings", _at("settings", "colour")("red"), ExchangeProblem.UNKNOWN_FIELD, True),
    ("an edit of no idea", _at("edits", 0, "idea")(999), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("a rewording naming another idea", _at("edits", 0, "other")(3), ExchangeProblem.BAD_VALUE, True),
    ("a merge naming no other idea", _at("edits", 1, "other")(None), ExchangeProblem.WRONG_TYPE, True),
    ("a merge of an idea never numbered", _at("edits", 1, "other")(999), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("an unknown kind of edit", _at("edits", 0, "kind")("moved"), ExchangeProblem.BAD_VALUE, True),
    ("an edit without a time", _at("edits", 0, "at")("yesterday"), ExchangeProblem.BAD_VALUE, True),
    ("an empty rewording", _at("edits", 0, "after")("  "), ExchangeProblem.EMPTY, True),
    ("an over-long note", _at("edits", 1, "note")("n" * 301), ExchangeProblem.TOO_LONG, True),
    ("a list idea merged into no idea", _at("ideas", 6, "merged_into")(999), ExchangeProblem.UNKNOWN_REFERENCE,
     False),
    ("edits and cards of a group never opened", _never_opened, ExchangeProblem.BAD_VALUE, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "change", "problem", "schema_too"), BAD_GROUPS, ids=[c[0] for c in BAD_GROUPS]
)
def test_a_bad_nominal_group_is_refused_naming_the_path_and_nothing_changes(
    group_refusing: tuple[Services, int], name: str, change: Callable[[Document], str], problem: ExchangeProblem,
    schema_too: bool,
) -> None:  # fmt: skip
    services, launch = group_refusing
    document = json.loads(services.exchange.export_meeting(launch))
    document["meeting"]["title"] = "Another launch"  # so only the damage can be refused
    index, item = next(
        (n, i)
        for n, i in enumerate(document["meeting"]["agenda"])
        if i["kind"] == AgendaKind.NOMINAL_GROUP.value
    )
    damaged = change(item["technique"])
    before = snapshot(services)
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_meeting(json.dumps(document, ensure_ascii=False))
    where = f"meeting.agenda[{index}].technique.{damaged}"
    assert (refused.value.problem, refused.value.where) == (problem, where), refused.value
    assert snapshot(services) == before
    assert bool(list(schema_validator().iter_errors(document))) is schema_too


# -- idea writing: groups, sheets, what each idea builds on, each group's main ideas -----------------
def writing_content(services: Services, item_id: int) -> dict[str, Any]:
    """What the idea writing screens show of an item, people by name and ideas by number; each idea
    with its first wording and who wrote it. The group on the projector is not part of it."""
    view = services.idea_writing.view(item_id)
    numbers = {entry.id: entry.number for entry in view.entries}
    with services.store.transaction() as session:
        written = {
            number: (original, name)
            for number, original, name in session.execute(
                sql("SELECT i.number, i.original, p.name FROM ideas i LEFT JOIN people p ON p.id = i.person_id"
                    " WHERE i.item_id = :item AND i.deleted_at IS NULL"),
                {"item": item_id},
            )
        }  # fmt: skip
    return {
        "question": view.question,
        "settings": replace(view.settings, report_group=0),
        "groups": [(g.letter, [(m.seat, m.name, m.sector) for m in g.members]) for g in view.groups],
        "entries": [
            (e.number, view.code(e.member_id), e.round, e.slot, e.text, numbers.get(e.builds_on or 0),
             *written[e.number])
            for e in view.entries
        ],
        "summaries": [
            (view.group(s.group_id).letter, s.position, s.text, numbers.get(s.idea_id or 0))  # type: ignore[union-attr]
            for s in view.summaries
        ],
        "progress": [(view.code(m.id), view.progress(m.id)) for m in view.members()],
    }  # fmt: skip


def test_the_sample_idea_writing_comes_back_whole(new_store: Callable[[], Services]) -> None:
    original = new_store()
    summer = original.sample.create()
    launch = meetings_of(original, original.meetings.detail(summer).collaborative.id)["Launch meeting"]
    item = item_of(original, launch, AgendaKind.IDEA_WRITING)
    text = original.exchange.export_meeting(launch)
    document = json.loads(text)
    assert not list(schema_validator().iter_errors(document))
    part = technique_of(document, AgendaKind.IDEA_WRITING)
    assert part["settings"] == {
        "variant": "brainwriting", **sample_data.WRITING_NUMBERS, "mix_sectors": True, "direction": "left",
        "extra": [{"round": r, "minutes": m} for r, m in sample_data.WRITING_EXTRA], "step": "report", "round": 5,
    }  # fmt: skip
    people = {person["key"]: person["name"] for person in document["people"]}
    assert [[people[m["person"]] for m in g["members"]] for g in part["groups"]] == [
        list(names) for names in sample_data.WRITING_GROUPS
    ]
    assert [[m["seat"] for m in g["members"]] for g in part["groups"]] == [
        [1, 2, 3, 4, 5],
        [1, 2, 3, 4],
        [1, 2, 3, 4],
    ]
    entries = part["entries"]
    assert [e["number"] for e in entries] == list(range(1, 118)) and part["next_number"] == 118
    assert entries[3] == {
        "number": 4, "group": 0, "seat": 1, "round": 2, "slot": 1, "builds_on": 3, "person": entries[3]["person"],
        "text": "Pair the errands with the food bank's home deliveries to seniors",
        "original": "Pair the errands with the food bank's home deliveries to seniors",
    }  # fmt: skip
    assert people[entries[3]["person"]] == "Grace Whitfield"  # round 2 of A1: the next seat's turn
    assert [e["original"] for e in entries if e["original"] != e["text"]] == [
        words for *_place, words in sample_data.WRITING_CORRECTED
    ]
    assert [(s["group"], s["idea"] is None) for s in part["summaries"]] == [
        (0, False), (0, False), (0, True), (1, False), (1, False), (1, False), (2, False), (2, True), (2, False),
    ]  # fmt: skip

    other = shifted(new_store())
    copy_id = other.exchange.import_meeting(text)
    assert other.exchange.export_meeting(copy_id) == text
    copied = item_of(other, copy_id, AgendaKind.IDEA_WRITING)
    assert writing_content(other, copied) == writing_content(original, item)
    # Typing in carries on where it was, in both: C4's third row, on the idea above it.
    for services, writing in ((original, item), (other, copied)):
        view = services.idea_writing.view(writing)
        sheet = next(m.id for m in view.members() if view.code(m.id) == "C4")
        added = services.idea_writing.add_entry(sheet, 3, 1, "A meet-the-employers evening in May").view
        assert added.entries[-1].number == 118
    assert writing_content(other, copied) == writing_content(original, item)


def pads_and_changes(services: Services) -> tuple[int, int, int]:
    """An idea writing with pads worked through with the service: sheets passed to the right, extra
    time, groups made then changed (one person moved, a latecomer added), ideas typed in, reworded,
    re-linked and removed (the last typed among them), summaries written, picked, removed and moved,
    and ideas and a summary sent on to a brainstorm after it. The meeting, the item and the brainstorm."""
    meeting = small_meeting(services, "Fix the lift.", "Call the landlord")
    detail = services.meetings.detail(meeting)
    sectors = {s.name: s.id for s in services.sectors.all()}
    for name, sector in (("Ben Osei", "Business"), ("Cara Lind", None), ("Dev Patel", "Faith"),
                         ("Eve Moss", None), ("Finn Roy", "Business"), ("Gus Hale", None)):  # fmt: skip
        services.people.add(detail.collaborative.id, PersonFields(name, "", sectors.get(sector or ""), ""))
    people = {p.name: p.id for p in services.people.for_collaborative(detail.collaborative.id)}
    for name in ("Ana López", "Ben Osei", "Cara Lind", "Dev Patel", "Eve Moss", "Finn Roy"):
        services.attendance.set_status(meeting, people[name], AttendanceStatus.PRESENT)
    item = services.agenda.add(
        meeting, AgendaFields(AgendaKind.IDEA_WRITING, "Our street", "What next?", 40)
    ).id
    later = services.agenda.add(meeting, AgendaFields(AgendaKind.BRAINSTORMING, "Sort them", "", 20)).id
    iw = services.idea_writing
    iw.open(item)
    iw.set_variant(item, Variant.IDEA_WRITING)
    iw.set_numbers(item, group_size=3, ideas_per_round=2, minutes_per_round=7, rounds=4)
    iw.set_direction(item, Direction.RIGHT)
    iw.set_extra(item, 2, 3)
    iw.set_extra(item, 3, 4)
    iw.set_extra(item, 3, 0)  # taken back
    iw.make_groups(item)
    view = iw.view(item)
    a, b = view.groups
    iw.move_person(item, b.members[0].person_id, a.id)  # A now has four, B two
    services.attendance.set_status(meeting, people["Gus Hale"], AttendanceStatus.LATE, NOW)
    iw.move_person(item, people["Gus Hale"], b.id)  # the latecomer joins B
    view = iw.view(item)
    sheets = {view.code(m.id): m.id for m in view.members()}

    def add(code: str, r: int, slot: int, words: str, on: int | None = None) -> int:
        return iw.add_entry(sheets[code], r, slot, words, on).view.entries[-1].id

    lift = add("A1", 1, 1, "Mend the lift 🛗 \u202efor good")
    lights = add("A1", 1, 2, "Lights in the back lane")
    add("A1", 2, 1, "Ask the landlord to pay", lift)
    rota = add("A1", 3, 2, "A rota to check the lights", lights)
    gone = add("A1", 4, 1, "Said twice by mistake", rota)
    bins = add("B2", 1, 1, "bins overflow evry weekend")
    collect = add("B2", 2, 2, "A second collection on Mondays", bins)
    iw.edit_entry(bins, "Bins overflow every weekend")
    iw.set_builds_on(collect, None)
    iw.remove_entry(gone)
    last = add("A4", 1, 1, "Typed in on the wrong sheet")
    iw.remove_entry(last)  # the last number given out, gone
    picked = iw.add_summary(a.id, idea_id=lift).view.summaries[-1].id
    iw.add_summary(a.id, "Light and mend what is broken", lights)
    removed = iw.add_summary(a.id, "A street party").view.summaries[-1].id
    iw.add_summary(b.id, "Fewer bins overflowing")
    iw.remove_summary(removed)
    iw.move_summary(picked, 1)
    iw.send(item, [lights, collect], [picked], later)
    iw.set_step(item, WritingStep.SUMMARIES)
    iw.set_round(item, 3)
    iw.set_report_group(item, a.id)
    return meeting, item, later


def test_an_idea_writing_with_every_kind_of_change_comes_back_whole(
    new_store: Callable[[], Services],
) -> None:
    original = new_store()
    meeting, item, later = pads_and_changes(original)
    text = original.exchange.export_meeting(meeting)
    document = json.loads(text)
    assert not list(schema_validator().iter_errors(document))
    part = technique_of(document, AgendaKind.IDEA_WRITING)
    settings = part["settings"]
    assert (settings["variant"], settings["direction"], settings["mix_sectors"]) == (
        "idea_writing",
        "right",
        True,
    )
    assert settings["extra"] == [{"round": 2, "minutes": 3}]
    assert (settings["step"], settings["round"]) == ("summaries", 3)
    assert [len(g["members"]) for g in part["groups"]] == [4, 3]
    entries = part["entries"]
    assert [e["number"] for e in entries] == [1, 2, 3, 4, 6, 7] and part["next_number"] == 9
    by_number = {e["number"]: e for e in entries}
    assert (by_number[6]["text"], by_number[6]["original"]) == (
        "Bins overflow every weekend",
        "bins overflow evry weekend",
    )
    assert (by_number[3]["builds_on"], by_number[4]["builds_on"], by_number[7]["builds_on"]) == (1, 2, None)
    assert [(s["group"], s["text"], s["idea"]) for s in part["summaries"]] == [
        (0, "Light and mend what is broken", 2), (0, "Mend the lift 🛗 \u202efor good", 1),
        (1, "Fewer bins overflowing", None),
    ]  # fmt: skip
    listed = technique_of(document, AgendaKind.BRAINSTORMING)
    key = next(i["key"] for i in document["meeting"]["agenda"] if i["kind"] == "idea_writing")
    assert [(i["source"]["item"], i["source"]["number"]) for i in listed["ideas"]] == [
        (key, 2),
        (key, 7),
        (key, 1),
    ]

    other = shifted(new_store())
    copy_id = other.exchange.import_meeting(text)
    assert other.exchange.export_meeting(copy_id) == text
    copies = (
        item_of(other, copy_id, AgendaKind.IDEA_WRITING),
        item_of(other, copy_id, AgendaKind.BRAINSTORMING),
    )
    assert writing_content(other, copies[0]) == writing_content(original, item)
    assert ideas_content(other, copies[1]) == ideas_content(original, later)
    assert other.idea_writing.view(copies[0]).settings.report_group == 0  # nothing on the projector yet
    for services, writing in ((original, item), (other, copies[0])):
        view = services.idea_writing.view(writing)
        sheet = next(m.id for m in view.members() if view.code(m.id) == "B1")
        assert services.idea_writing.add_entry(sheet, 1, 1, "After the import").view.entries[-1].number == 9
    assert writing_content(other, copies[0]) == writing_content(original, item)


def test_an_idea_writing_never_opened_travels_as_nothing(new_store: Callable[[], Services]) -> None:
    original = new_store()
    meeting = small_meeting(original, "Fix the lift.", "Call the landlord")
    item = original.agenda.add(meeting, AgendaFields(AgendaKind.IDEA_WRITING, "Untouched", "", 30)).id
    assert (
        technique_of(json.loads(original.exchange.export_meeting(meeting)), AgendaKind.IDEA_WRITING) is None
    )
    original.idea_writing.open(item)
    text = original.exchange.export_meeting(meeting)
    part = technique_of(json.loads(text), AgendaKind.IDEA_WRITING)
    assert (part["next_number"], part["groups"], part["entries"], part["summaries"]) == (1, [], [], [])
    assert part["settings"]["step"] == "set_up" and part["settings"]["extra"] == []
    other = new_store()
    assert other.exchange.export_meeting(other.exchange.import_meeting(text)) == text


def _first_of_group(group: int, path: str) -> Callable[[Any], Callable[[Document], str]]:
    """Set a field of the first entry on a group's sheets."""

    def with_value(value: Any) -> Callable[[Document], str]:
        def change(part: Document) -> str:
            index = next(n for n, e in enumerate(part["entries"]) if e["group"] == group)
            part["entries"][index][path] = value
            return f"entries[{index}].{path}"

        return change

    return with_value


def _no_next_number(part: Document) -> str:
    part["next_number"] = part["entries"][-1]["number"]
    return f"entries[{len(part['entries']) - 1}].number"


def _extra_twice(part: Document) -> str:
    part["settings"]["extra"] = [{"round": 4, "minutes": 1}, {"round": 4, "minutes": 2}]
    return "settings.extra[1].round"


# In the sample's part: group A has five sheets, B and C four; entries[0..2] are A1's first row
# (numbers 1-3), entries[3] its second row's first idea (number 4, building on 3).
BAD_WRITINGS: list[tuple[str, Callable[[Document], str], ExchangeProblem, bool]] = [
    # name, the damage (giving the path under the technique), the problem, the schema refuses it too
    ("an unknown variant", _at("settings", "variant")("mind_map"), ExchangeProblem.BAD_VALUE, True),
    ("groups of one", _at("settings", "group_size")(1), ExchangeProblem.BAD_VALUE, True),
    ("seven ideas a round", _at("settings", "ideas_per_round")(7), ExchangeProblem.BAD_VALUE, True),
    ("rounds as text", _at("settings", "rounds")("5"), ExchangeProblem.WRONG_TYPE, True),
    ("an unknown direction", _at("settings", "direction")("up"), ExchangeProblem.BAD_VALUE, True),
    ("an unknown step", _at("settings", "step")("vote"), ExchangeProblem.BAD_VALUE, True),
    ("extra time twice for a round", _extra_twice, ExchangeProblem.DUPLICATE, False),
    ("no extra minutes", _at("settings", "extra", 0, "minutes")(0), ExchangeProblem.BAD_VALUE, True),
    ("an unknown field in the settings", _at("settings", "colour")("red"), ExchangeProblem.UNKNOWN_FIELD, True),
    ("no settings", _removed("settings"), ExchangeProblem.MISSING, True),
    ("a round being written past the rounds", _at("settings", "round")(6), ExchangeProblem.BAD_VALUE, False),
    ("an empty group", _at("groups", 1, "members")([]), ExchangeProblem.BAD_VALUE, True),
    ("a member nobody knows", _at("groups", 0, "members", 0, "person")("p999"), ExchangeProblem.UNKNOWN_REFERENCE,
     False),
    ("a person in two groups", _at("groups", 1, "members", 0, "person")(
        lambda part: part["groups"][0]["members"][0]["person"]), ExchangeProblem.DUPLICATE, False),
    ("a seat twice", _at("groups", 0, "members", 1, "seat")(1), ExchangeProblem.DUPLICATE, False),
    ("a seat past the group", _at("groups", 0, "members", 0, "seat")(6), ExchangeProblem.BAD_VALUE, False),
    ("seat zero", _at("groups", 0, "members", 0, "seat")(0), ExchangeProblem.BAD_VALUE, True),
    ("a sheet in no group", _at("entries", 0, "group")(3), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("a seat not in its group", _first_of_group(1, "seat")(5), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("a place past the ideas a round", _at("entries", 0, "slot")(4), ExchangeProblem.BAD_VALUE, False),
    ("a place past any sheet", _at("entries", 0, "slot")(7), ExchangeProblem.BAD_VALUE, True),
    ("a round past the sheet", _at("entries", 0, "round")(6), ExchangeProblem.BAD_VALUE, False),
    ("a round past a smaller group's sheet", _first_of_group(1, "round")(5), ExchangeProblem.BAD_VALUE, False),
    ("a place on a sheet twice", _at("entries", 1, "slot")(1), ExchangeProblem.DUPLICATE, False),
    ("building on a later idea", _at("entries", 0, "builds_on")(4), ExchangeProblem.BAD_VALUE, False),
    ("building on itself", _at("entries", 3, "builds_on")(4), ExchangeProblem.BAD_VALUE, False),
    ("building on an idea of another sheet", _first_of_group(1, "builds_on")(1), ExchangeProblem.BAD_VALUE, False),
    ("building on no idea", _at("entries", 3, "builds_on")(999), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("building on a number as text", _at("entries", 3, "builds_on")("3"), ExchangeProblem.WRONG_TYPE, True),
    ("an idea number twice", _at("entries", 1, "number")(1), ExchangeProblem.DUPLICATE, False),
    ("an idea not below next_number", _no_next_number, ExchangeProblem.BAD_VALUE, False),
    ("an empty idea", _at("entries", 0, "text")(" \t "), ExchangeProblem.EMPTY, True),
    ("an over-long first wording", _at("entries", 0, "original")("x" * 501), ExchangeProblem.TOO_LONG, True),
    ("a writer nobody knows", _at("entries", 0, "person")("p999"), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("an unknown field on an idea", _at("entries", 0, "votes")(2), ExchangeProblem.UNKNOWN_FIELD, True),
    ("a summary of no group", _at("summaries", 0, "group")(3), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("a summary picked from no idea", _at("summaries", 0, "idea")(999), ExchangeProblem.UNKNOWN_REFERENCE, False),
    ("a main idea from another group's sheets", _at("summaries", 0, "idea")(
        lambda part: next(e["number"] for e in part["entries"] if e["group"] == 1)), ExchangeProblem.BAD_VALUE, False),
    ("an over-long summary", _at("summaries", 0, "text")("y" * 501), ExchangeProblem.TOO_LONG, True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "change", "problem", "schema_too"), BAD_WRITINGS, ids=[c[0] for c in BAD_WRITINGS]
)
def test_a_bad_idea_writing_is_refused_naming_the_path_and_nothing_changes(
    group_refusing: tuple[Services, int], name: str, change: Callable[[Document], str], problem: ExchangeProblem,
    schema_too: bool,
) -> None:  # fmt: skip
    services, launch = group_refusing
    document = json.loads(services.exchange.export_meeting(launch))
    document["meeting"]["title"] = "Another launch"  # so only the damage can be refused
    index, item = next(
        (n, i)
        for n, i in enumerate(document["meeting"]["agenda"])
        if i["kind"] == AgendaKind.IDEA_WRITING.value
    )
    damaged = change(item["technique"])
    before = snapshot(services)
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_meeting(json.dumps(document, ensure_ascii=False))
    where = f"meeting.agenda[{index}].technique.{damaged}"
    assert (refused.value.problem, refused.value.where) == (problem, where), refused.value
    assert snapshot(services) == before
    assert bool(list(schema_validator().iter_errors(document))) is schema_too


def test_a_list_names_an_idea_writing_as_its_source(group_refusing: tuple[Services, int]) -> None:
    """A starting list may come from an idea writing's ideas: a number it gave out, checked so."""
    services, launch = group_refusing
    document = json.loads(services.exchange.export_meeting(launch))
    document["meeting"]["title"] = "Another launch"
    agenda = document["meeting"]["agenda"]
    key = next(i["key"] for i in agenda if i["kind"] == AgendaKind.IDEA_WRITING.value)
    listed = next(i["technique"] for i in agenda if i["kind"] == AgendaKind.NOMINAL_GROUP.value)
    listed["ideas"][0]["source"] = {"item": key, "number": 118}  # not given out yet
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_meeting(json.dumps(document, ensure_ascii=False))
    assert refused.value.problem is ExchangeProblem.UNKNOWN_REFERENCE
    assert refused.value.where.endswith("technique.ideas[0].source.number")
    listed["ideas"][0]["source"]["number"] = 117
    copy_id = services.exchange.import_meeting(json.dumps(document, ensure_ascii=False))
    copied = item_of(services, copy_id, AgendaKind.NOMINAL_GROUP)
    first = services.nominal_group.view(copied).ideas[0]
    assert (first.source_title, first.source_number) == ("First ideas for summer jobs", 117)
