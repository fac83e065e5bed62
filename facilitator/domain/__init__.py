"""Plain-Python rules and records. Nothing here imports Qt or SQLAlchemy."""
