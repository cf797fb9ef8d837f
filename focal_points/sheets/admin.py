"""Spreadsheet pages of the directory admin: export, template, import with preview."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.tmp_storages import MediaStorage

from core.admin import admin_page
from focal_points import access
from focal_points.models import FocalPoint
from focal_points.sheets.columns import COLUMNS
from focal_points.sheets.export import export_dataset, template_workbook
from focal_points.sheets.forms import DirectoryImportConfirmForm, DirectoryImportForm
from focal_points.sheets.importer import (
    ImportResult,
    directory_import,
    directory_import_preview,
)
from focal_points.sheets.reading import SheetError, read_sheet

PREVIEW_ROW_LIMIT = 500
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    """Import and export the directory as spreadsheets (Secretariat and current PPT only).

    django-import-export provides the pages' URLs, the changelist buttons and the storage
    that keeps the file between preview and confirmation; the rows follow sheets.importer.
    """

    import_template_name = "admin/focal_points/focalpoint/import.html"
    export_template_name = "admin/focal_points/focalpoint/export.html"

    def has_import_permission(self, request) -> bool:
        return access.may_use_spreadsheets(request.user)

    def has_export_permission(self, request) -> bool:
        return access.may_use_spreadsheets(request.user)

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
        return admin_page(
            self,
            request,
            self.export_template_name,
            title=_("Export the directory"),
            filtered=filtered,
            people_count=people.count() if filtered else FocalPoint.objects.count(),
            filter_query=filters.urlencode(),
        )

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
        return admin_page(
            self,
            request,
            self.import_template_name,
            title=_("Import the directory"),
            columns=COLUMNS,
            **context,
        )

    def _preview(self, result: ImportResult) -> dict:
        rows = []
        for row in result.rows:
            if row.status == "unchanged":
                continue
            if len(rows) >= PREVIEW_ROW_LIMIT and row.status != "invalid":
                continue
            rows.append(
                {
                    "line": row.line,
                    "status": row.status,
                    "name": row.name,
                    "email": row.cells.get("email", ""),
                    "group": row.cells.get("group", ""),
                    "role": row.cells.get("role", ""),
                    "details": row.errors or ["; ".join(row.notes)],
                }
            )
        counts = result.counts
        return {
            "counts": counts,
            "preview_rows": rows,
            "hidden_rows": max(0, len(result.rows) - counts["unchanged"] - len(rows)),
            "base_errors": result.file_errors,
            "has_errors": result.has_errors,
        }

    def _confirm_form(self, result: ImportResult, token: str, file_name: str):
        return DirectoryImportConfirmForm(
            initial={
                "token": token,
                "file_name": file_name[:255],
                "expected": result.outcome,
                "versions": DirectoryImportConfirmForm.sign_versions(result.versions),
            }
        )

    def import_action(self, request, **kwargs):
        """Upload a spreadsheet and preview it: nothing is written at this step."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return self._render_import(request, form=DirectoryImportForm())
        form = DirectoryImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render_import(request, form=form)
        result = directory_import_preview(records=form.records)
        preview = self._preview(result)
        context = {"form": DirectoryImportForm(), "notes": form.notes, **preview}
        if not preview["has_errors"]:
            _remove_abandoned_uploads()
            storage = _storage()
            storage.save(form.data_bytes)
            file_name = form.cleaned_data["import_file"].name
            context["confirm_form"] = self._confirm_form(result, storage.name, file_name)
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
        file_name = form.cleaned_data["file_name"]
        try:
            records, notes = read_sheet(data, file_name)
        except SheetError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("admin:focal_points_focalpoint_import"))
        result = directory_import(
            records=records,
            user=request.user,
            expected_outcome=form.cleaned_data["expected"],
            expected_versions=form.cleaned_data["versions"],
        )
        preview = self._preview(result)
        if preview["has_errors"]:
            messages.error(
                request,
                _(
                    "Nothing was imported: the directory changed since the preview. See the rows "
                    "below, correct the file and upload it again."
                ),
            )
            return self._render_import(request, form=DirectoryImportForm(), **preview)
        if not result.written:
            if result.stale:
                names = ", ".join(
                    _("row %(row)s (%(name)s)") % {"row": row.line, "name": row.name}
                    for row in result.stale
                )
                messages.error(
                    request,
                    _(
                        "Nothing was imported: someone changed these people in the directory "
                        "after the preview, and the import would overwrite their changes: "
                        "%(rows)s. Check the new preview below and confirm again."
                    )
                    % {"rows": names},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "Nothing was imported: the directory changed since the preview. Check "
                        "the new preview below and confirm again."
                    ),
                )
            return self._render_import(
                request,
                form=DirectoryImportForm(),
                confirm_form=self._confirm_form(result, form.cleaned_data["token"], file_name),
                file_name=file_name,
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
