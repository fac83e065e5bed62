"""Agenda rules: reordering, stepping, item states, time boxes and templates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain import agenda
from facilitator.domain.errors import InvalidValue
from facilitator.domain.model import AgendaKind, ItemState


@given(st.lists(st.integers(), max_size=30), st.integers(-5, 40), st.integers(-5, 40))
def test_moved_is_a_permutation_with_the_element_at_target(
    items: list[int], source: int, target: int
) -> None:
    result = agenda.moved(items, source, target)
    assert sorted(result) == sorted(items)
    if not items:
        assert result == []
        return
    last = len(items) - 1
    src, dst = max(0, min(source, last)), max(0, min(target, last))
    assert result[dst] == items[src]
    # Everything else keeps its relative order.
    rest = items[:src] + items[src + 1 :]
    assert result[:dst] + result[dst + 1 :] == rest


def test_moved_examples_and_input_untouched() -> None:
    items = ["a", "b", "c", "d"]
    assert agenda.moved(items, 0, 2) == ["b", "c", "a", "d"]
    assert agenda.moved(items, 3, 0) == ["d", "a", "b", "c"]
    assert agenda.moved(items, 1, 99) == ["a", "c", "d", "b"]
    assert agenda.moved(items, 2, 2) == items
    assert items == ["a", "b", "c", "d"]


def test_neighbour() -> None:
    ids = [10, 20, 30]
    assert agenda.neighbour(ids, 10, 1) == 20
    assert agenda.neighbour(ids, 20, -1) == 10
    assert agenda.neighbour(ids, 30, 1) is None  # past the last item
    assert agenda.neighbour(ids, 10, -1) is None  # before the first
    assert agenda.neighbour(ids, None, 1) == 10  # nothing current yet: the first item
    assert agenda.neighbour(ids, None, -1) is None
    assert agenda.neighbour(ids, 99, 1) == 10  # current item was removed
    assert agenda.neighbour([], None, 1) is None
    assert agenda.neighbour(ids, 10, 2) == 30


def test_state_after_leaving() -> None:
    ids = [1, 2, 3]
    assert agenda.state_after_leaving(ids, 1, 2) is ItemState.DONE
    assert agenda.state_after_leaving(ids, 1, 3) is ItemState.DONE
    assert agenda.state_after_leaving(ids, 3, 1) is ItemState.PENDING  # going back
    assert agenda.state_after_leaving(ids, 2, 1) is ItemState.PENDING
    assert agenda.state_after_leaving(ids, 3, None) is ItemState.DONE  # end of the meeting
    assert agenda.state_after_leaving([], 3, None) is ItemState.DONE


@pytest.mark.parametrize("minutes", [agenda.MIN_MINUTES, 45, agenda.MAX_MINUTES])
def test_check_minutes_accepts_the_range(minutes: int) -> None:
    assert agenda.check_minutes(minutes) == minutes


@pytest.mark.parametrize("minutes", [agenda.MIN_MINUTES - 1, -5, agenda.MAX_MINUTES + 1, 10**6])
def test_check_minutes_refuses_outside(minutes: int) -> None:
    with pytest.raises(InvalidValue) as caught:
        agenda.check_minutes(minutes)
    assert caught.value.value == minutes
    assert (caught.value.low, caught.value.high) == (agenda.MIN_MINUTES, agenda.MAX_MINUTES)


def test_bounds_allow_a_long_day() -> None:
    assert agenda.MIN_MINUTES == 1
    assert agenda.MAX_MINUTES >= 8 * 60


def test_every_kind_has_a_valid_default() -> None:
    assert set(agenda.DEFAULT_MINUTES) == set(AgendaKind)
    for minutes in agenda.DEFAULT_MINUTES.values():
        agenda.check_minutes(minutes)


def test_kickoff_template() -> None:
    kinds = [item.kind for item in agenda.template("kickoff").items]
    assert kinds[0] is AgendaKind.GROUND_RULES  # agreements come first
    for kind in (AgendaKind.BRAINSTORMING, AgendaKind.NOMINAL_GROUP, AgendaKind.DECISIONS):
        assert kind in kinds
    assert kinds.index(AgendaKind.BRAINSTORMING) < kinds.index(AgendaKind.NOMINAL_GROUP)
    assert kinds[-1] is AgendaKind.DECISIONS


def test_templates_are_well_formed() -> None:
    keys = [t.key for t in agenda.TEMPLATES]
    assert len(keys) == len(set(keys))
    for tpl in agenda.TEMPLATES:
        assert agenda.template(tpl.key) is tpl
        assert tpl.items
        for item in tpl.items:
            assert agenda.check_minutes(item.minutes) == agenda.DEFAULT_MINUTES[item.kind]
        assert tpl.items[-1].kind is AgendaKind.DECISIONS


def test_unknown_template() -> None:
    with pytest.raises(InvalidValue):
        agenda.template("no such template")
