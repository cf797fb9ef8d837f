"""How history events are named on every page (one set of msgids for the whole portal)."""

from django.utils.translation import gettext_lazy as _

# Headings and table cells of the history pages.
EVENT_LABELS = {
    "insert": _("Created"),
    "update": _("Changed"),
    "delete": _("Deleted"),
}
# The same events where they read mid-sentence, e.g. the compact list on a change page.
EVENT_LABELS_LOWER = {
    "insert": _("created"),
    "update": _("changed"),
    "delete": _("deleted"),
}
# Who made a change recorded without a signed-in user (a migration, a command, a trigger).
NO_USER_LABEL = _("system")

# Reasons the admin records when the editor gives none.
CREATED_IN_ADMIN = _("Created in the admin")
CHANGED_IN_ADMIN = _("Changed in the admin")
DELETED_IN_ADMIN = _("Deleted in the admin")


def event_label(action: str, *, lower: bool = False) -> str:
    """Return the translated name of a pghistory event label ("insert", "update", ...)."""
    labels = EVENT_LABELS_LOWER if lower else EVENT_LABELS
    return str(labels.get(action, action))
