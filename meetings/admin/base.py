"""What every meetings admin shares: history with revert, the guarded inline row."""

from core.admin import EditedSinceGuardForm
from core.history.admin import HistoryAdminMixin
from focal_points.admin.base import DirectoryModelAdmin


class MeetingHistoryMixin(HistoryAdminMixin):
    """History and revert (core.history) for the meetings' records."""


class MeetingRecordAdmin(MeetingHistoryMixin, DirectoryModelAdmin):
    """Rights from the access layer, who and why on every save, history, language tabs."""


class GuardedInlineForm(EditedSinceGuardForm):
    """An inline row that carries the version it was opened at and is guarded alone."""
