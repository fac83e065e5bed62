"""Decisions: proposals put to the group, counted under the collaborative's decision rule, and
disposed of; with the meeting's action items and parking lot. The rules live in
``facilitator.domain.record`` and the service in ``facilitator.services.record``, because action
items and the parking lot belong to the whole meeting, not only to this step."""
