"""Reasons the portal itself writes into history events, stored in English, read translated."""

from django.utils.translation import gettext_lazy as _

SELF_SERVICE = "self-service"
DEMO_DATA = "demo data"

# Events keep the code; the pages show its label in the reader's language.
LABELS = {
    SELF_SERVICE: _("Self-service"),
    DEMO_DATA: _("Demo data"),
}


def reason_label(reason: str) -> str:
    """Return a stored reason as a person reads it: a known code translated, else as written."""
    label = LABELS.get(reason)
    return str(label) if label is not None else reason
