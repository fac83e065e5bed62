"""Icons, sounds and other files the app ships; installed as the package ``facilitator.resources``."""
