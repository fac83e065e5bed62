"""The minutes: composing them from a meeting, the formats they are written in, and the Minutes tab."""
