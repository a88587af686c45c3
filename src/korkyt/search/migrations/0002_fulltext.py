"""The full-text side of the index, for the database in use.

SQLite: an external-content FTS5 table with the trigram tokenizer over ``search_searchentry.key``, kept in
step by triggers (so bulk inserts and cascading deletes update it in the same transaction).
PostgreSQL: the ``pg_trgm`` extension, a GIN trigram index and a GIN ``simple`` full-text index on ``key``,
and a pattern index for prefix lookups.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(key, content='search_searchentry', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, key) VALUES (new.id, new.key); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, key) VALUES ('delete', old.id, old.key); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, key) VALUES ('delete', old.id, old.key); "
    "INSERT INTO search_fts(rowid, key) VALUES (new.id, new.key); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # fastupdate off: a pending list of up to 4 MB would be scanned linearly by every query until the
    # next vacuum (tens of milliseconds); reads dominate, so inserts pay for the index update instead.
    "CREATE INDEX IF NOT EXISTS search_entry_key_trgm ON search_searchentry USING gin (key gin_trgm_ops) "
    "WITH (fastupdate = off)",
    "CREATE INDEX IF NOT EXISTS search_entry_key_fts ON search_searchentry "
    "USING gin (to_tsvector('simple', key)) WITH (fastupdate = off)",
    "CREATE INDEX IF NOT EXISTS search_entry_key_pattern ON search_searchentry (key varchar_pattern_ops)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_entry_key_pattern",
    "DROP INDEX IF EXISTS search_entry_key_fts",
    "DROP INDEX IF EXISTS search_entry_key_trgm",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
            elidable=False,
        )
    ]
