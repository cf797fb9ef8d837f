"""Spreadsheet pages of the directory admin: export, template, import with preview."""

from datetime import timedelta

import pghistory
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.results import RowResult
from import_export.tmp_storages import MediaStorage

from focal_points.access import can_edit_directory
from focal_points.forms import DirectoryImportConfirmForm, DirectoryImportForm
from focal_points.models import FocalPoint
from focal_points.resources import (
    COLUMNS,
    IMPORT_REASON,
    DirectoryResource,
    SheetError,
    export_dataset,
    read_sheet,
    template_workbook,
)

PREVIEW_ROW_LIMIT = 500
STATUS_LABELS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "changed",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_INVALID: "invalid",
    RowResult.IMPORT_TYPE_ERROR: "invalid",
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _signature(counts: dict) -> str:
    """Summarise a preview's outcome, so the confirmation can tell if it still holds."""
    return "{new},{changed},{unchanged}".format(**counts)


def _storage(name: str | None = None) -> MediaStorage:
    return MediaStorage(name=name, read_mode="rb")


def _remove_abandoned_uploads(max_age: timedelta = timedelta(days=1)) -> None:
    """Delete previewed files nobody confirmed (they hold personal data)."""
    storage = (
        storages["import_export"] if "import_export" in storages.backends else storages["default"]
    )
    folder = _storage().MEDIA_FOLDER
    cutoff = timezone.now() - max_age
    try:
        _folders, names = storage.listdir(folder)
        for name in names:
            path_name = f"{folder}/{name}"
            if storage.get_modified_time(path_name) < cutoff:
                storage.delete(path_name)
    except (OSError, NotImplementedError):
        pass  # nothing uploaded yet, or a storage that cannot list: no harm done


class DirectorySheetsMixin(ImportExportMixin):
    """Import and export the directory as spreadsheets (Secretariat and current PPT only)."""

    resource_classes = [DirectoryResource]
    import_template_name = "admin/focal_points/focalpoint/import.html"
    export_template_name = "admin/focal_points/focalpoint/export.html"

    def has_import_permission(self, request) -> bool:
        return can_edit_directory(request.user)

    def has_export_permission(self, request) -> bool:
        return can_edit_directory(request.user)

    def get_urls(self):
        info = self.get_model_info()
        return [
            path(
                "import/template/",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    # -- export

    def export_action(self, request):
        """Show the export choices, or send the people listed in the changelist as XLSX or CSV."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        # The changelist's Export link carries its filters and search; the format is ours.
        filters = request.GET.copy()
        file_format = filters.pop("file_format", [None])[-1]
        request.GET = filters
        try:
            listed = self.get_export_queryset(request)
        except IncorrectLookupParameters:
            messages.warning(request, _("Those filters are not valid; choose them again."))
            return HttpResponseRedirect(reverse("admin:focal_points_focalpoint_changelist"))
        filtered = bool(filters)
        people = FocalPoint.objects.filter(pk__in=listed.values("pk")) if filtered else None
        if file_format in ("xlsx", "csv"):
            language = translation.get_language() or "es"
            dataset = export_dataset(people, language=language)
            stem = f"{slugify(_('CRM directory'))}-{timezone.localdate():%Y-%m-%d}"
            if file_format == "xlsx":
                response = HttpResponse(dataset.export("xlsx"), content_type=XLSX_TYPE)
            else:
                # A byte-order mark makes Excel read the UTF-8 accents correctly.
                content = "\ufeff" + dataset.export("csv")
                response = HttpResponse(content.encode("utf-8"), content_type="text/csv")
            response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
            return response
        context = {
            **self.admin_site.each_context(request),
            "title": _("Export the directory"),
            "opts": self.model._meta,
            "filtered": filtered,
            "people_count": people.count() if filtered else FocalPoint.objects.count(),
            "filter_query": filters.urlencode(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.export_template_name], context)

    def import_template_view(self, request):
        """Send the documented import template in the user's language."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        language = translation.get_language() or "es"
        response = HttpResponse(template_workbook(language), content_type=XLSX_TYPE)
        name = slugify(_("directory import template"))
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response

    # -- import

    def _render_import(self, request, **context):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import the directory"),
            "opts": self.model._meta,
            "columns": COLUMNS,
            **context,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def _preview(self, resource, result) -> dict:
        counts = {"new": 0, "changed": 0, "unchanged": 0, "invalid": 0}
        rows = []
        for number, row_result in enumerate(result.rows, 1):
            status = STATUS_LABELS.get(row_result.import_type, "invalid")
            counts[status] += 1
            if status == "unchanged" or len(rows) >= PREVIEW_ROW_LIMIT and status != "invalid":
                continue
            messages_ = []
            if row_result.validation_error is not None:
                messages_ = [str(m) for m in row_result.validation_error.messages]
            for error in row_result.errors:
                messages_.append(
                    _("This row could not be saved: %(error)s") % {"error": error.error}
                )
            values = row_result.row_values
            rows.append(
                {
                    # Spreadsheet line: the header is line 1, so data row n is line n + 1.
                    "line": number + 1,
                    "status": status,
                    "name": f"{values.get('given_name', '')} {values.get('family_name', '')}",
                    "email": values.get("email", ""),
                    "group": values.get("group", ""),
                    "role": values.get("role", ""),
                    "details": messages_ or [resource.row_notes.get(number, "")],
                }
            )
        return {
            "counts": counts,
            "preview_rows": rows,
            "hidden_rows": max(0, len(result.rows) - counts["unchanged"] - len(rows)),
            "base_errors": [str(error.error) for error in result.base_errors],
            "has_errors": bool(
                counts["invalid"] or result.base_errors or result.has_validation_errors()
            ),
        }

    def _run_import(self, request, dataset, *, dry_run: bool):
        resource = DirectoryResource()
        with pghistory.context(user=request.user.pk, reason=IMPORT_REASON):
            result = resource.import_data(dataset, dry_run=dry_run, user=request.user)
        return resource, result

    def import_action(self, request, **kwargs):
        """Upload a spreadsheet and preview it: nothing is written at this step."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return self._render_import(request, form=DirectoryImportForm())
        form = DirectoryImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render_import(request, form=form)
        resource, result = self._run_import(request, form.dataset, dry_run=True)
        preview = self._preview(resource, result)
        context = {"form": DirectoryImportForm(), "notes": form.notes, **preview}
        if not preview["has_errors"]:
            _remove_abandoned_uploads()
            storage = _storage()
            storage.save(form.data_bytes)
            file_name = form.cleaned_data["import_file"].name
            context["confirm_form"] = DirectoryImportConfirmForm(
                initial={
                    "token": storage.name,
                    "file_name": file_name[:255],
                    "expected": _signature(preview["counts"]),
                }
            )
            context["file_name"] = file_name
        return self._render_import(request, **context)

    def process_import(self, request, **kwargs):
        """Write the previewed file: every row in one transaction, or none."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:focal_points_focalpoint_import"))
        form = DirectoryImportConfirmForm(request.POST)
        expired = _("This import has expired. Upload the file again.")
        if not form.is_valid():
            messages.error(request, expired)
            return HttpResponseRedirect(reverse("admin:focal_points_focalpoint_import"))
        storage = _storage(form.cleaned_data["token"])
        try:
            data = storage.read()
        except OSError:
            messages.error(request, expired)
            return HttpResponseRedirect(reverse("admin:focal_points_focalpoint_import"))
        try:
            dataset, notes = read_sheet(data, form.cleaned_data["file_name"])
        except SheetError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("admin:focal_points_focalpoint_import"))
        # The import's own transaction is nested in this one, so the outcome can still be
        # rolled back when it differs from the preview the person confirmed.
        with transaction.atomic():
            resource, result = self._run_import(request, dataset, dry_run=False)
            preview = self._preview(resource, result)
            moved = _signature(preview["counts"]) != form.cleaned_data["expected"]
            if preview["has_errors"] or moved:
                transaction.set_rollback(True)
        if preview["has_errors"]:
            messages.error(
                request,
                _(
                    "Nothing was imported: the directory changed since the preview. See the rows "
                    "below, correct the file and upload it again."
                ),
            )
            return self._render_import(request, form=DirectoryImportForm(), **preview)
        if moved:
            messages.warning(
                request,
                _(
                    "Nothing was imported: the directory changed since the preview. Check the "
                    "new preview below and confirm again."
                ),
            )
            confirm_form = DirectoryImportConfirmForm(
                initial={**form.cleaned_data, "expected": _signature(preview["counts"])}
            )
            return self._render_import(
                request,
                form=DirectoryImportForm(),
                confirm_form=confirm_form,
                file_name=form.cleaned_data["file_name"],
                notes=notes,
                **preview,
            )
        storage.remove()
        counts = preview["counts"]
        messages.success(
            request,
            _("Import done: %(new)s new, %(changed)s changed and %(unchanged)s unchanged rows.")
            % counts,
        )
        return HttpResponseRedirect(reverse("admin:focal_points_focalpoint_changelist"))
