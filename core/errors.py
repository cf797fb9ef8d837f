"""Errors shared by every app's services and forms."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(ValidationError):
    """Someone saved the record after this editor opened it."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this entry after you opened it. Your changes were not "
                "saved: reload the page to see the current entry, then apply your changes again."
            ),
            code="concurrent_edit",
        )
