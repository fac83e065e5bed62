"""The SQLite store: file checks, ORM mapping, unit of work, backups and migrations.

``files``, ``lock``, ``readmodel`` and ``schema`` use only the standard library, so the first
window can be painted before SQLAlchemy is imported.
"""
