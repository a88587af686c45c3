"""Backups and moves of a whole site: the database and the media files.

- :mod:`~korkyt.core.backup.archive`: ``backup_create`` writes one tar archive (database dump, media files,
  a manifest with checksums and versions); ``backup_restore`` checks an archive completely before it
  replaces anything.
- :mod:`~korkyt.core.backup.postgres`: PostgreSQL's dump from one snapshot and its restore into an empty
  schema in one checked transaction.
- :mod:`~korkyt.core.backup.dbcopy`: ``database_copy`` moves every row of the site's database into an
  empty PostgreSQL database (the path from the embedded SQLite default to production).

See docs/deployment.md ("Backups" and "From SQLite to PostgreSQL").
"""
