"""Similar-word lookup on the dictionary of indexed words: an FTS5 trigram table (SQLite) or a GIN
trigram index (PostgreSQL) on ``search_searchword.word``."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_word_fts USING fts5(word, content='search_searchword', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER search_word_fts_ai AFTER INSERT ON search_searchword BEGIN "
    "INSERT INTO search_word_fts(rowid, word) VALUES (new.id, new.word); END",
    "CREATE TRIGGER search_word_fts_ad AFTER DELETE ON search_searchword BEGIN "
    "INSERT INTO search_word_fts(search_word_fts, rowid, word) VALUES ('delete', old.id, old.word); END",
    "INSERT INTO search_word_fts(search_word_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_word_fts_ad",
    "DROP TRIGGER IF EXISTS search_word_fts_ai",
    "DROP TABLE IF EXISTS search_word_fts",
]
POSTGRES_UP = [
    "CREATE INDEX IF NOT EXISTS search_word_trgm ON search_searchword USING gin (word gin_trgm_ops) "
    "WITH (fastupdate = off)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_word_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_words")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
            elidable=False,
        )
    ]
