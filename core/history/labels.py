"""How history events are named on every page (one set of msgids for the whole portal)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Headings and table cells of the history pages. Spanish needs the gender of "the record"
# (el registro: creado, modificado, eliminado), which a shared "Changed" cannot give.
EVENT_LABELS = {
    "insert": pgettext_lazy("history event", "Created"),
    "update": pgettext_lazy("history event", "Changed"),
    "delete": pgettext_lazy("history event", "Deleted"),
}
# The same events where they read mid-sentence, e.g. the compact list on a change page.
EVENT_LABELS_LOWER = {
    "insert": pgettext_lazy("history event", "created"),
    "update": pgettext_lazy("history event", "changed"),
    "delete": pgettext_lazy("history event", "deleted"),
}
# Who made a change recorded without a signed-in user (a migration, a command, a trigger).
NO_USER_LABEL = _("system")

# Reasons the admin records when the editor gives none.
CREATED_IN_ADMIN = _("Created in the admin")
CHANGED_IN_ADMIN = _("Changed in the admin")
DELETED_IN_ADMIN = _("Deleted in the admin")


# Reasons the portal itself writes into events: stored as these codes, read translated.
SELF_SERVICE = "self-service"
DEMO_DATA = "demo data"
REASON_LABELS = {
    SELF_SERVICE: _("Self-service"),
    DEMO_DATA: _("Demo data"),
}


def reason_register(code: str, label) -> str:
    """Name a reason code an app writes into events, with its translated label; return the code."""
    # The apps above core register their own codes (at import), so a page in English never
    # shows a reason written while another language was active.
    REASON_LABELS[code] = label
    return code


def reason_label(reason: str) -> str:
    """Return a stored reason as a person reads it: a known code translated, else as written."""
    label = REASON_LABELS.get(reason)
    return str(label) if label is not None else reason


def event_label(action: str, *, lower: bool = False) -> str:
    """Return the translated name of a pghistory event label ("insert", "update", ...)."""
    labels = EVENT_LABELS_LOWER if lower else EVENT_LABELS
    return str(labels.get(action, action))
