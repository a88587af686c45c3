"""Whole words instead of trigrams for the word lookups of the search index.

SQLite: an external-content FTS5 table with the ``unicode61`` tokenizer (the words of each key, prefix
indexes of two and three letters) replaces the trigram table, kept in step by triggers like it.
PostgreSQL: the ``simple`` full-text index already holds whole words; the trigram index of the keys is no
longer read (prefixes use the pattern index, similar words the dictionary's own trigram index).
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_token_fts USING fts5(key, content='search_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
    "CREATE TRIGGER search_token_fts_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_token_fts(rowid, key) VALUES (new.id, new.key); END",
    "CREATE TRIGGER search_token_fts_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_token_fts(search_token_fts, rowid, key) VALUES ('delete', old.id, old.key); END",
    "CREATE TRIGGER search_token_fts_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_token_fts(search_token_fts, rowid, key) VALUES ('delete', old.id, old.key); "
    "INSERT INTO search_token_fts(rowid, key) VALUES (new.id, new.key); END",
    "INSERT INTO search_token_fts(search_token_fts) VALUES ('rebuild')",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
SQLITE_DOWN = [
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
    "DROP TRIGGER IF EXISTS search_token_fts_au",
    "DROP TRIGGER IF EXISTS search_token_fts_ad",
    "DROP TRIGGER IF EXISTS search_token_fts_ai",
    "DROP TABLE IF EXISTS search_token_fts",
]
POSTGRES_UP = ["DROP INDEX IF EXISTS search_entry_key_trgm"]
POSTGRES_DOWN = [
    "CREATE INDEX IF NOT EXISTS search_entry_key_trgm ON search_searchentry USING gin (key gin_trgm_ops) "
    "WITH (fastupdate = off)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_words_fulltext")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
            elidable=False,
        )
    ]
