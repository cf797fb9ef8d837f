"""Split a search box's text into the words a search may afford (each word costs a scan)."""

from django.utils.translation import gettext_lazy as _

# Each word adds a full-text or LIKE condition (about 50 ms each at the library's size):
# 2,000 words held a worker past 120 s. Ten is more than any real search uses.
SEARCH_WORDS_LIMIT = 10
# A "word" of thousands of characters costs as much as many words.
SEARCH_WORD_MAX_CHARS = 100

SEARCH_WORDS_NOTICE = _("Only the first %(limit)d words were searched.")


def search_words(text: str, limit: int = SEARCH_WORDS_LIMIT) -> tuple[list[str], bool]:
    """Return the first `limit` words of text (each cut to a sane length) and whether it cut."""
    words = (text or "").split()
    kept = [word[:SEARCH_WORD_MAX_CHARS] for word in words[:limit]]
    truncated = len(words) > limit or any(len(w) > SEARCH_WORD_MAX_CHARS for w in words[:limit])
    return kept, truncated


def search_words_notice(limit: int = SEARCH_WORDS_LIMIT) -> str:
    """Return the translated notice that a search kept only its first words."""
    return SEARCH_WORDS_NOTICE % {"limit": limit}
