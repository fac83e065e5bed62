"""The nominal group technique: silent writing, round robin, clarification, a ranked vote from
paper cards, discussion of the vote, a final vote, and the group's prioritised list."""
