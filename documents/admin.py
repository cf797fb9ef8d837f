"""The library in the admin: documents with their language versions, for the PPT and the ST."""

from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import EditedSinceGuardForm
from core.history.admin import HistoryAdminMixin, RecentChangesAdminMixin
from core.history.labels import NO_USER_LABEL, event_label
from core.history.selectors import record_history
from core.text import fold
from documents.admin_changelist import CappedCountAdminMixin, listing_figures
from documents.forms import DocumentFileAdminForm
from documents.models import Document, DocumentFile, ThematicAxis
from documents.services import (
    document_file_attach,
    document_file_delete,
    document_file_extract,
    document_refresh_search_text,
)
from focal_points import access
from focal_points.admin.base import AccessAdminMixin

HISTORY_ROWS = 50


def _file_count(**conditions):
    files = (
        DocumentFile.objects.filter(document=OuterRef("pk"), **conditions)
        .order_by()
        .values("document")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(files, output_field=IntegerField()), 0)


@admin.register(ThematicAxis)
class ThematicAxisAdmin(AccessAdminMixin, TabbedTranslationAdmin):
    list_display = ("name", "slug", "position")
    search_fields = ("name_es__fold_icontains", "name_en__fold_icontains", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


class YearListFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        # From the cached first and last year: DISTINCT over the whole library cost more than
        # the rest of the list. A year between them without documents lists none.
        figures = listing_figures(request)
        if figures.first_year is None:
            return []
        years = range(figures.last_year, figures.first_year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        # Four digits at most: a longer number overflows the database's date arithmetic.
        value = self.value() or ""
        if value.isdigit() and len(value) <= 4 and int(value) > 0:
            return queryset.filter(date__year=int(value))
        return queryset


class ExtractionListFilter(admin.SimpleListFilter):
    title = _("text extraction")
    parameter_name = "extraction"

    def lookups(self, request, model_admin):
        return [("not_indexed", _("A file is not indexed"))]

    def queryset(self, request, queryset):
        if self.value() == "not_indexed":
            return queryset.filter(
                files__extraction_status=DocumentFile.ExtractionStatus.NOT_INDEXED
            ).distinct()
        return queryset


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    form = DocumentFileAdminForm
    extra = 1
    max_num = 3
    fields = ("language", "file", "size_display", "content_type", "extraction_display")
    readonly_fields = ("size_display", "content_type", "extraction_display")
    verbose_name = _("language version")
    verbose_name_plural = _("language versions (one file per language)")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("extracted_text")

    @admin.display(description=_("size"))
    def size_display(self, document_file):
        return filesizeformat(document_file.size) if document_file.pk else "-"

    @admin.display(description=_("text extraction"))
    def extraction_display(self, document_file):
        if not document_file.pk:
            return "-"
        if document_file.is_indexed:
            return format_html('<span class="badge-ok">{}</span>', gettext("Indexed"))
        return format_html(
            "<strong>{}</strong> {}",
            document_file.get_extraction_status_display(),
            document_file.extraction_note_display,
        )


@admin.register(Document)
class DocumentAdmin(
    CappedCountAdminMixin,
    HistoryAdminMixin,
    RecentChangesAdminMixin,
    AccessAdminMixin,
    TabbedTranslationAdmin,
):
    form = EditedSinceGuardForm
    # Files are listed with their documents; restoring a file's row would not bring back
    # its bytes, so only documents are restored from the list.
    recent_changes_models = (Document, DocumentFile)
    recent_changes_revertible = (Document,)
    recent_changes_title = _("Recent changes to the library")
    list_display = (
        "title",
        "symbol",
        "date",
        "type",
        "distribution",
        "language_versions",
        "not_indexed_versions",
    )
    list_filter = (
        "distribution",
        "type",
        YearListFilter,
        "thematic_axes",
        "working_group",
        ExtractionListFilter,
    )
    list_select_related = ("working_group",)
    # The symbol and both titles, folded in one indexed column (get_search_results folds the
    # words the same way).
    search_fields = ("titles_folded__contains",)
    autocomplete_fields = ("author_country", "author_institution", "working_group")
    filter_horizontal = ("thematic_axes",)
    readonly_fields = ("history_display",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "symbol",
                    "title",
                    "summary",
                    "date",
                    "date_precision",
                    "type",
                    "opened_version",
                )
            },
        ),
        (
            _("Author"),
            {
                "fields": (
                    "author_kind",
                    "author_country",
                    "author_institution",
                    "author_presidency",
                ),
                "description": _(
                    "Choose the kind of author, then the one matching field (none for the "
                    "Technical Secretariat)."
                ),
            },
        ),
        (
            _("Classification"),
            {
                "fields": (
                    "thematic_axes",
                    "working_group",
                    "original_language",
                    "distribution",
                )
            },
        ),
        (_("History"), {"fields": ("history_display",), "classes": ("collapse",)}),
    )
    inlines = [DocumentFileInline]
    actions = ["rerun_extraction"]

    def get_queryset(self, request):
        # The admin obeys the same rule as the public pages: a former PPT sees no internal
        # document; the counts come in the same query, not one per row.
        # Correlated counts rather than a GROUP BY over a join: Postgres computes them for the
        # rows of the page only, not for the whole library before sorting it.
        return (
            Document.objects.visible_to(request.user)
            .defer("search_text", "search_vector")
            .annotate(
                version_count=_file_count(),
                not_indexed_count=_file_count(
                    extraction_status=DocumentFile.ExtractionStatus.NOT_INDEXED
                ),
            )
        )

    def has_recent_changes_permission(self, request) -> bool:
        # The list shows every document's changes: only those who may see every document.
        return access.can_edit_directory(request.user) and self.has_view_permission(request)

    def can_revert_recent_changes(self, request) -> bool:
        return self.has_recent_changes_permission(request) and self.has_change_permission(request)

    def get_search_results(self, request, queryset, search_term):
        # Folded like the indexed columns; the word cap is CappedSearchMixin's (core.admin).
        return super().get_search_results(request, queryset, fold(search_term))

    @admin.display(description=_("language versions"), ordering="version_count")
    def language_versions(self, document):
        return document.version_count

    @admin.display(description=_("not indexed"), ordering="not_indexed_count")
    def not_indexed_versions(self, document):
        return document.not_indexed_count or ""

    @admin.display(description=_("changes"))
    def history_display(self, document):
        if not document.pk:
            return "-"
        entries = record_history(model=Document, object_id=document.pk, limit=HISTORY_ROWS)
        rows = [
            (
                date_format(entry.created_at, "DATETIME_FORMAT"),
                event_label(entry.action, lower=True),
                str(entry.user) if entry.user else str(NO_USER_LABEL),
                entry.event.title_es,
                entry.event.get_distribution_display(),
            )
            for entry in entries
        ]
        if not rows:
            return gettext("No recorded change yet.")
        header = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            gettext("When"),
            gettext("What"),
            gettext("Who"),
            gettext("Title (Spanish)"),
            gettext("Distribution"),
        )
        body = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
        )
        return format_html('<table class="document-history">{}{}</table>', header, body)

    def save_formset(self, request, form, formset, change):
        if formset.model is not DocumentFile:
            return super().save_formset(request, form, formset, change)
        # Language versions go through the services: the file is stored, its text read and
        # the document's search column refreshed, whatever the form changed.
        formset.save(commit=False)
        for document_file in formset.deleted_objects:
            document_file_delete(document_file=document_file)
        document = form.instance
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            data = inline_form.cleaned_data
            instance = inline_form.instance
            if "file" in inline_form.changed_data and data.get("file"):
                if instance.pk and "language" in inline_form.changed_data:
                    document_file_delete(document_file=DocumentFile.objects.get(pk=instance.pk))
                document_file_attach(
                    document=document, language=data["language"], uploaded=data["file"]
                )
            elif instance.pk and "language" in inline_form.changed_data:
                instance.full_clean()
                instance.save(update_fields=["language", "updated_at"])
        document_refresh_search_text(document=document)
        formset.new_objects, formset.changed_objects = [], []

    @admin.action(description=_("Read the text of the selected documents' files again"))
    def rerun_extraction(self, request, queryset):
        if not self.has_change_permission(request):
            self.message_user(
                request, gettext("You may not change documents."), level=messages.ERROR
            )
            return
        files = DocumentFile.objects.filter(document__in=queryset).select_related("document")
        indexed = not_indexed = 0
        touched = set()
        for document_file in files:
            document_file_extract(document_file=document_file, refresh=False)
            touched.add(document_file.document)
            if document_file.is_indexed:
                indexed += 1
            else:
                not_indexed += 1
        for document in touched:
            document_refresh_search_text(document=document)
        self.message_user(
            request,
            ngettext(
                "%(indexed)d file indexed, %(not_indexed)d not indexed.",
                "%(indexed)d files indexed, %(not_indexed)d not indexed.",
                indexed,
            )
            % {"indexed": indexed, "not_indexed": not_indexed},
            level=messages.SUCCESS if not not_indexed else messages.WARNING,
        )
