"""The attendance list of a meeting in its admin: upload, preview, confirm (all or nothing)."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from focal_points.sheets.reading import MAX_IMPORT_BYTES, SheetError, read_table
from meetings.attendance.importer import (
    AttendanceResult,
    attendance_import,
    attendance_import_preview,
)
from meetings.attendance.rows import COLUMNS, records_from_table

RECORDS_SALT = "meetings.admin.attendance"
PREVIEW_MAX_AGE = 60 * 60


class AttendanceUploadForm(forms.Form):
    """Upload an attendance sheet; clean it into rows of cells or a file-level message."""

    import_file = forms.FileField(
        label=gettext_lazy("Attendance list"),
        help_text=gettext_lazy("An .xlsx file or a .csv file (comma or semicolon)."),
    )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Split it into several files.")
            )
        try:
            table, self.notes = read_table(upload.read(), upload.name)
            self.records = records_from_table(table)
        except SheetError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class AttendanceConfirmForm(forms.Form):
    """Carry the previewed rows, signed, to the confirmation."""

    payload = forms.CharField(widget=forms.HiddenInput)

    @staticmethod
    def sign(meeting_pk: int, records, outcome: str) -> str:
        return signing.dumps([meeting_pk, records, outcome], salt=RECORDS_SALT, compress=True)

    def unsigned(self, meeting_pk: int):
        """Return (records, outcome), or None when forged, expired or for another meeting."""
        try:
            signed_pk, records, outcome = signing.loads(
                self.cleaned_data["payload"], salt=RECORDS_SALT, max_age=PREVIEW_MAX_AGE
            )
        except (signing.BadSignature, ValueError, TypeError):
            return None
        return (records, outcome) if signed_pk == meeting_pk else None


class AttendanceImportMixin:
    """The meeting admin's attendance import."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/attendance/",
                self.admin_site.admin_view(self.attendance_view),
                name="{}_{}_attendance".format(*info),
            ),
            *super().get_urls(),
        ]

    def _preview_rows(self, result: AttendanceResult) -> list[dict]:
        return [
            {
                "line": row.line,
                "status": row.status,
                "name": row.focal_point.full_name if row.focal_point else row.name,
                "email": row.email,
                "directory": row.focal_point is not None,
                "errors": row.errors,
                "changes": row.changes,
            }
            for row in result.rows
            if row.status != "unchanged"
        ]

    def attendance_view(self, request, object_id):
        """Upload an attendance sheet, preview it, and import it on confirmation."""
        meeting = self._meeting_or_none(request, object_id)
        if meeting is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        title = _("Import the attendance list of %(meeting)s") % {"meeting": meeting}
        context = {"form": AttendanceUploadForm(), "columns": COLUMNS}
        if request.method == "POST" and "confirm" in request.POST:
            confirm = AttendanceConfirmForm(request.POST)
            unsigned = confirm.unsigned(meeting.pk) if confirm.is_valid() else None
            if unsigned is None:
                messages.error(request, _("This import has expired. Upload the file again."))
                return HttpResponseRedirect(request.path)
            records, outcome = unsigned
            result = attendance_import(
                meeting=meeting, records=records, user=request.user, expected_outcome=outcome
            )
            if result.written:
                messages.success(
                    request,
                    _(
                        "Import done: %(new)s new, %(changed)s changed and %(unchanged)s "
                        "unchanged rows."
                    )
                    % result.counts,
                )
                return HttpResponseRedirect(
                    reverse("admin:meetings_meeting_change", args=[meeting.pk])
                )
            messages.warning(
                request,
                _(
                    "Nothing was imported: the participants changed since the preview. Check the "
                    "new preview below and confirm again."
                ),
            )
            context.update(self._attendance_preview(meeting, records, result))
        elif request.method == "POST":
            form = AttendanceUploadForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                result = attendance_import_preview(meeting=meeting, records=form.records)
                context["notes"] = form.notes
                context.update(self._attendance_preview(meeting, form.records, result))
                context["form"] = AttendanceUploadForm()
        return self._render_page(request, "attendance.html", meeting, title, **context)

    def _attendance_preview(self, meeting, records, result: AttendanceResult) -> dict:
        context = {
            "counts": result.counts,
            "preview_rows": self._preview_rows(result),
            "file_errors": result.file_errors,
            "has_errors": result.has_errors,
        }
        if not result.has_errors:
            context["confirm_form"] = AttendanceConfirmForm(
                initial={"payload": AttendanceConfirmForm.sign(meeting.pk, records, result.outcome)}
            )
        return context
