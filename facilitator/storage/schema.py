"""Facts about the store file that both the stdlib checks and the ORM layer need."""

# "FCLT": tells our files apart from any other SQLite database.
APPLICATION_ID = 0x46434C54

# The newest Alembic revision this version of the app knows. A test keeps it equal to the head
# of the migrations folder; comparing against it lets start-up skip importing Alembic.
SCHEMA_HEAD = "0006"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")

DB_FILENAME = "facilitator.sqlite3"
LOCK_FILENAME = "facilitator.lock"
BACKUP_DIRNAME = "backups"
BUSY_TIMEOUT_MS = 5000
