"""`coalition reindex`: rebuild the search index now, instead of at the first search."""

from __future__ import annotations

from coalition.cli.common import DbOption, console, opened, reports_errors


@reports_errors
def reindex(db: DbOption = None) -> None:
    """Rebuild the search index (searches keep it current by themselves; this does it ahead of
    time, e.g. after loading a large database, so that the first search is quick) and, on
    SQLite, refresh the statistics the query planner chooses indexes by."""
    from coalition.search.index import reindex as rebuild
    from coalition.storage.database import gather_statistics

    with opened(db) as session:
        count = rebuild(session)
        # Run after a large load, when the planner's statistics are as stale as the index was.
        gather_statistics(session.connection())
    console.print(f"Indexed {count} records and sources for search.")
