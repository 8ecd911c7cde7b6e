"""Search across the record: one table of entries (a title and a body per record or source), kept
current lazily, and queried with SQLite FTS5 or PostgreSQL full-text search."""
