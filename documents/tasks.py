"""Tasks of the library, run by the queue's workers."""

from core.tasks import schedule_ensure
from documents.services import document_search_index_refresh

SEARCH_INDEX_SCHEDULE = "library-search-index"
SEARCH_INDEX_TASK = "documents.tasks.search_index_refresh"
# Daily, at night: new documents enter the index as they are saved, so the rebuild only
# trims it once the search's window has moved on (see document_search_index_refresh).
SEARCH_INDEX_PERIOD = "40 3 * * *"


def search_index_refresh() -> str:
    """Keep the newest documents' text index fitted to the search's window (idempotent)."""
    index = document_search_index_refresh()
    return index.name if index else ""


def search_index_sync(sender=None, using="default", **kwargs) -> None:
    """Put the index's refresh on the queue's schedule and run it once (post_migrate)."""
    if using != "default":
        return
    schedule_ensure(name=SEARCH_INDEX_SCHEDULE, func=SEARCH_INDEX_TASK, period=SEARCH_INDEX_PERIOD)
    # A deployment's migrate fits the index at once instead of waiting for the night.
    document_search_index_refresh()
