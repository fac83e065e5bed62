"""Collaboratives, sectors and people: happy paths, refusals, and soft delete with restore."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from facilitator.domain.errors import DuplicateName, InvalidText, NotFound, TextProblem
from facilitator.domain.model import Collaborative, CollaborativeFields, PersonFields
from facilitator.domain.people import SEED_SECTORS
from facilitator.services import Services


def _collab(services: Services, name: str = "Millbrook Collaborative") -> Collaborative:
    return services.collaboratives.create(CollaborativeFields(name, "", "", ""))


def _person(name: str, organisation: str = "", sector_id: int | None = None) -> PersonFields:
    return PersonFields(name, organisation, sector_id, "")


# --- collaboratives ---------------------------------------------------------------------------


def test_create_cleans_text_and_returns_a_frozen_snapshot(services: Services) -> None:
    created = services.collaboratives.create(
        CollaborativeFields("  Millbrook\tYouth  ", " Purpose line 1\r\nline 2  ", "\x00Vision", "")
    )
    assert (created.name, created.purpose, created.vision, created.mission) == (
        "Millbrook Youth", "Purpose line 1\nline 2", "Vision", ""
    )  # fmt: skip
    assert services.collaboratives.get(created.id) == created
    with pytest.raises(dataclasses.FrozenInstanceError):
        created.name = "changed"  # type: ignore[misc]


def test_collaborative_names_are_unique_ignoring_case_and_spacing(services: Services) -> None:
    first = _collab(services, "Millbrook Collaborative")
    with pytest.raises(DuplicateName) as caught:
        _collab(services, "  millbrook   COLLABORATIVE ")
    assert (caught.value.kind, caught.value.name) == ("collaborative", "Millbrook Collaborative")
    other = _collab(services, "Riverside")
    with pytest.raises(DuplicateName):
        services.collaboratives.update(other.id, CollaborativeFields("MILLBROOK collaborative", "", "", ""))
    # Renaming oneself (a change of case) is no clash.
    renamed = services.collaboratives.update(
        first.id, CollaborativeFields("MILLBROOK Collaborative", "p", "", "")
    )
    assert (renamed.name, renamed.purpose) == ("MILLBROOK Collaborative", "p")
    assert [s.name for s in services.collaboratives.overview()] == ["MILLBROOK Collaborative", "Riverside"]


def test_collaborative_text_is_checked(services: Services) -> None:
    with pytest.raises(InvalidText) as caught:
        _collab(services, " \n ")
    assert caught.value.problem is TextProblem.EMPTY
    with pytest.raises(InvalidText) as caught:
        services.collaboratives.create(CollaborativeFields("Ok", "p" * 5001, "", ""))
    assert (caught.value.field, caught.value.problem) == ("purpose", TextProblem.TOO_LONG)
    assert services.collaboratives.overview() == []


def test_missing_collaborative(services: Services) -> None:
    with pytest.raises(NotFound):
        services.collaboratives.get(404)
    with pytest.raises(NotFound):
        services.collaboratives.update(404, CollaborativeFields("x", "", "", ""))
    with pytest.raises(NotFound):
        services.collaboratives.set_removed(404, True)


def test_remove_and_restore_a_collaborative(services: Services) -> None:
    kept = _collab(services, "Kept")
    removed = _collab(services, "Removed")
    services.collaboratives.set_removed(removed.id, True)
    assert [s.id for s in services.collaboratives.overview()] == [kept.id]
    with pytest.raises(NotFound):
        services.collaboratives.get(removed.id)
    with pytest.raises(NotFound):
        services.people.add(removed.id, _person("Ana"))
    services.collaboratives.set_removed(removed.id, False)
    assert services.collaboratives.get(removed.id) == removed  # same id, same fields


def test_restoring_a_collaborative_whose_name_was_taken_meanwhile_is_refused(services: Services) -> None:
    old = _collab(services, "Millbrook")
    services.collaboratives.set_removed(old.id, True)
    _collab(services, "millbrook")  # the name is free while the old one is removed
    with pytest.raises(DuplicateName):
        services.collaboratives.set_removed(old.id, False)
    with pytest.raises(NotFound):
        services.collaboratives.get(old.id)


# --- sectors ----------------------------------------------------------------------------------


def test_seed_only_fills_an_empty_list(services: Services) -> None:
    seeded = services.sectors.seed(SEED_SECTORS)
    assert [s.name for s in seeded] == list(SEED_SECTORS)
    assert [s.position for s in seeded] == list(range(len(SEED_SECTORS)))
    assert services.sectors.seed(["Something else"]) == seeded


def test_sector_add_rename_remove_restore_reorder(services: Services) -> None:
    a, b = services.sectors.add("Arts"), services.sectors.add("Sports")
    assert b.position > a.position
    with pytest.raises(DuplicateName):
        services.sectors.add(" ARTS ")
    with pytest.raises(DuplicateName):
        services.sectors.rename(b.id, "arts")
    with pytest.raises(InvalidText):
        services.sectors.rename(b.id, "   ")
    assert services.sectors.rename(b.id, "Sport").name == "Sport"
    services.sectors.set_removed(a.id, True)
    assert [s.id for s in services.sectors.all()] == [b.id]
    with pytest.raises(NotFound):
        services.sectors.rename(a.id, "Art")
    services.sectors.set_removed(a.id, False)
    assert [s.name for s in services.sectors.reorder([b.id, a.id])] == ["Sport", "Arts"]
    with pytest.raises(NotFound):
        services.sectors.reorder([b.id, 404])
    assert [s.name for s in services.sectors.all()] == ["Sport", "Arts"]  # the failed reorder changed nothing


def test_a_person_keeps_a_removed_sector(services: Services) -> None:
    collaborative = _collab(services)
    sector = services.sectors.add("Faith")
    person = services.people.add(collaborative.id, _person("Samuel", "Church", sector.id))
    services.sectors.set_removed(sector.id, True)
    assert services.people.for_collaborative(collaborative.id)[0].sector_name == "Faith"
    assert person.sector_name == "Faith"


# --- people -----------------------------------------------------------------------------------


def test_add_people_and_list_them_by_name(services: Services) -> None:
    collaborative = _collab(services)
    sector = services.sectors.add("Health")
    nadia = services.people.add(
        collaborative.id, PersonFields(" Nadia  Petrova ", "Clinic", sector.id, " 555 ")
    )
    assert (nadia.name, nadia.organisation, nadia.sector_id, nadia.sector_name, nadia.contact) == (
        "Nadia Petrova", "Clinic", sector.id, "Health", "555"
    )  # fmt: skip
    services.people.add(collaborative.id, _person("ana Lopez"))
    services.people.add(collaborative.id, _person("Bo"))
    assert [p.name for p in services.people.for_collaborative(collaborative.id)] == [
        "ana Lopez", "Bo", "Nadia Petrova"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Ana Lopez", "Food Bank"), ("ana  LOPEZ", "food bank")),
        (("Ana Lopez", "Food Bank"), ("Ana Lopez", "")),  # walked in without saying where from
        (("Ana Lopez", ""), ("Ana Lopez", "City Council")),
    ],
)
def test_the_same_person_twice_is_refused(
    services: Services, first: tuple[str, str], second: tuple[str, str]
) -> None:
    collaborative = _collab(services)
    services.people.add(collaborative.id, _person(*first))
    with pytest.raises(DuplicateName) as caught:
        services.people.add(collaborative.id, _person(*second))
    assert caught.value.kind == "person"
    assert first[0] in caught.value.name
    assert len(services.people.for_collaborative(collaborative.id)) == 1


def test_namesakes_from_different_organisations_and_collaboratives_are_allowed(services: Services) -> None:
    one, two = _collab(services, "One"), _collab(services, "Two")
    services.people.add(one.id, _person("Ana Lopez", "Food Bank"))
    services.people.add(one.id, _person("Ana Lopez", "City Council"))
    services.people.add(two.id, _person("Ana Lopez", "Food Bank"))
    assert len(services.people.for_collaborative(one.id)) == 2
    assert len(services.people.for_collaborative(two.id)) == 1


def test_person_refusals(services: Services) -> None:
    collaborative = _collab(services)
    with pytest.raises(InvalidText):
        services.people.add(collaborative.id, _person("\t"))
    with pytest.raises(InvalidText) as caught:
        services.people.add(collaborative.id, _person("x" * 10_000))
    assert caught.value.problem is TextProblem.TOO_LONG
    with pytest.raises(NotFound) as missing:
        services.people.add(collaborative.id, _person("Ana", sector_id=404))
    assert missing.value.kind == "sector"
    with pytest.raises(NotFound):
        services.people.add(404, _person("Ana"))
    with pytest.raises(NotFound):
        services.people.update(404, _person("Ana"))
    assert services.people.for_collaborative(collaborative.id) == []


def test_update_a_person(services: Services) -> None:
    collaborative = _collab(services)
    ana = services.people.add(collaborative.id, _person("Ana Lopez", "Food Bank"))
    bo = services.people.add(collaborative.id, _person("Bo Berg"))
    updated = services.people.update(ana.id, _person("ANA LOPEZ", "Food Bank"))  # herself: no clash
    assert updated.name == "ANA LOPEZ" and updated.id == ana.id
    with pytest.raises(DuplicateName):
        services.people.update(bo.id, _person("ana lopez", ""))
    assert services.people.for_collaborative(collaborative.id)[1].name == "Bo Berg"


def test_remove_and_restore_a_person_keeps_the_id(services: Services, store_path: Path) -> None:
    collaborative = _collab(services)
    ana = services.people.add(collaborative.id, _person("Ana Lopez", "Food Bank"))
    services.people.set_removed(ana.id, True)
    assert services.people.for_collaborative(collaborative.id) == []
    db = sqlite3.connect(store_path)
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 1  # hidden, not deleted
    db.close()
    services.people.set_removed(ana.id, False)
    assert services.people.for_collaborative(collaborative.id) == [ana]


def test_restoring_a_person_whose_namesake_was_added_meanwhile_is_refused(services: Services) -> None:
    collaborative = _collab(services)
    ana = services.people.add(collaborative.id, _person("Ana Lopez"))
    services.people.set_removed(ana.id, True)
    again = services.people.add(collaborative.id, _person("Ana Lopez"))  # the name is free now
    with pytest.raises(DuplicateName):
        services.people.set_removed(ana.id, False)
    assert services.people.for_collaborative(collaborative.id) == [again]
