"""The document library: reports, concept notes and other papers, with language versions."""

import os
import uuid

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import OuterRef, Q, Value
from django.db.models.functions import Concat, Lower
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.lookups import Fold
from core.models import TimeStampedModel
from focal_points import access
from focal_points.models import Language

# A generated tsvector column has a hard size limit (1 MB); long reports are cut here.
SEARCH_TEXT_MAX_CHARS = 300_000
TITLES_SEPARATOR = "\x1f"


class ThematicAxisQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Axes this user may read: reference data is public."""
        return access.restrict(self, access.reference_scope(user))

    def writable_by(self, user):
        """Axes this user may change."""
        return access.restrict(self, access.reference_write_scope(user))


class ThematicAxis(models.Model):
    """One of the three axes of the CRM Plan of Action."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)

    objects = ThematicAxisQuerySet.as_manager()

    class Meta:
        verbose_name = _("thematic axis")
        verbose_name_plural = _("thematic axes")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


# What an item of the library's list shows (documents.templatetags.library.library_item).
LIST_PAGE_COLUMNS = (
    "title",
    "title_es",
    "title_en",
    "symbol",
    "type",
    "date",
    "date_precision",
    "distribution",
    "author_kind",
    "author_country",
    "author_institution",
    "author_presidency",
)


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents this user may see: public to all, restricted to members, internal to editors.

        The rule itself lives in focal_points.access.document_distributions.
        """
        distributions = access.document_distributions(user)
        if distributions is None:
            return self.all()
        return self.filter(distribution__in=distributions)

    def writable_by(self, user):
        """Documents this user may change: the Secretariat and the PPT in office."""
        return access.restrict(self, access.document_write_scope(user))

    def public(self):
        return self.filter(distribution=Document.Distribution.PUBLIC)

    def for_listing(self):
        """Load what a list shows, in a constant number of queries, without the big texts."""
        files = DocumentFile.objects.defer("extracted_text").order_by("language")
        return self._authors_only().prefetch_related(models.Prefetch("files", queryset=files))

    def for_list_page(self):
        """What the library's list shows: its columns only, the languages as one array.

        The authors' names come from documents.selectors.document_author_names (cached):
        joined here, their rows cost more to build than the documents' (make bench).
        """
        # An array in the row instead of a second query for the files (make bench).
        languages = DocumentFile.objects.filter(document=OuterRef("pk")).order_by("language")
        return self.only(*LIST_PAGE_COLUMNS).annotate(
            file_languages=ArraySubquery(languages.values("language"))
        )

    def _authors_only(self):
        # The author (in one join), without the big texts: a list shows no more.
        return self.select_related(
            "author_country", "author_institution", "author_presidency__country"
        ).defer("search_text", "search_vector")

    def with_classification(self):
        """Also load the working group and the thematic axes (a document's page, the feed)."""
        return self.select_related("working_group").prefetch_related("thematic_axes")


class Document(TimeStampedModel):
    """A paper of the CRM or its partners, described in Spanish and English."""

    class Type(models.TextChoices):
        REPORT = "report", _("Report")
        CONCEPT_NOTE = "concept_note", _("Concept note")
        PROPOSAL = "proposal", _("Proposal")
        PRESENTATION = "presentation", _("Presentation")
        DECLARATION = "declaration", _("Declaration")
        PLAN_OF_ACTION = "plan_of_action", _("Plan of action")
        MINUTES = "minutes", _("Minutes")
        STUDY = "study", _("Study")
        LETTER = "letter", _("Letter")

    class Distribution(models.TextChoices):
        PUBLIC = "public", _("Public (general distribution)")
        RESTRICTED = "restricted", _("Restricted (limited distribution)")
        INTERNAL = "internal", _("Internal (staff only)")

    class AuthorKind(models.TextChoices):
        COUNTRY = "country", _("A country")
        INSTITUTION = "institution", _("An institution")
        PRESIDENCY = "presidency", _("The Pro-Tempore Presidency")
        SECRETARIAT = "secretariat", _("The Technical Secretariat")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    symbol = models.CharField(
        _("symbol"),
        max_length=80,
        blank=True,
        help_text=_("The document's symbol, e.g. A/63/265. Leave empty if it has none."),
    )
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Show only the year (or month) when the exact day is not known."),
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    thematic_axes = models.ManyToManyField(
        ThematicAxis, verbose_name=_("thematic axes"), blank=True, related_name="documents"
    )
    author_kind = models.CharField(_("author"), max_length=12, choices=AuthorKind.choices)
    author_country = models.ForeignKey(
        "focal_points.Country",
        verbose_name=_("author country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authored_documents",
    )
    author_institution = models.ForeignKey(
        "focal_points.Institution",
        verbose_name=_("author institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authored_documents",
    )
    author_presidency = models.ForeignKey(
        "focal_points.Presidency",
        verbose_name=_("author presidency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authored_documents",
    )
    working_group = models.ForeignKey(
        "focal_points.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.SPANISH
    )
    distribution = models.CharField(
        _("distribution"),
        max_length=10,
        choices=Distribution.choices,
        default=Distribution.PUBLIC,
        help_text=_(
            "Public: everyone. Restricted: signed-in focal points and staff. "
            "Internal: the Technical Secretariat and the Pro-Tempore Presidency in office."
        ),
    )
    # The text extracted from every language version, kept here because a generated column
    # cannot read another table; documents.services keeps it in step with the files.
    search_text = models.TextField(_("searchable text"), blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=(
            SearchVector(Fold("title_es"), config="spanish", weight="A")
            + SearchVector(Fold("title_en"), config="english", weight="A")
            + SearchVector(Fold("summary_es"), config="spanish", weight="B")
            + SearchVector(Fold("summary_en"), config="english", weight="B")
            + SearchVector(Fold("symbol"), config="simple", weight="C")
            + SearchVector(Fold("search_text"), config="spanish", weight="D")
            + SearchVector(Fold("search_text"), config="english", weight="D")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The admin's search box: the symbol and both titles, folded once when the row is written
    # (a separator no search word contains between them). Folding three columns of every row
    # at search time cost 200 ms at 100,000 documents; this column has a trigram index.
    titles_folded = models.GeneratedField(
        expression=Concat(
            Fold("symbol"),
            Value(TITLES_SEPARATOR, output_field=models.TextField()),
            Fold("title_es"),
            Value(TITLES_SEPARATOR, output_field=models.TextField()),
            Fold("title_en"),
            output_field=models.TextField(),
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("symbol"),
                name="document_symbol_unique_when_present",
                condition=~Q(symbol=""),
                violation_error_message=_("Another document already has this symbol."),
            ),
            # Exactly one author: the FK that matches the kind, and no other.
            models.CheckConstraint(
                condition=(
                    Q(
                        author_kind="country",
                        author_country__isnull=False,
                        author_institution__isnull=True,
                        author_presidency__isnull=True,
                    )
                    | Q(
                        author_kind="institution",
                        author_country__isnull=True,
                        author_institution__isnull=False,
                        author_presidency__isnull=True,
                    )
                    | Q(
                        author_kind="presidency",
                        author_country__isnull=True,
                        author_institution__isnull=True,
                        author_presidency__isnull=False,
                    )
                    | Q(
                        author_kind="secretariat",
                        author_country__isnull=True,
                        author_institution__isnull=True,
                        author_presidency__isnull=True,
                    )
                ),
                name="document_one_author_matching_its_kind",
                violation_error_message=_(
                    "Choose the author that matches the kind of author: a country, an "
                    "institution or a presidency (none for the Technical Secretariat)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(distribution__in=["public", "restricted", "internal"]),
                name="document_distribution_known",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="document_search_vector"),
            GinIndex(
                OpClass(Fold("symbol"), name="gin_trgm_ops"),
                name="document_symbol_trgm",
            ),
            # The admin's search box (titles_folded LIKE '%word%'): an index, not a scan.
            GinIndex(
                OpClass("titles_folded", name="gin_trgm_ops"), name="document_titles_folded_trgm"
            ),
            models.Index(
                fields=["distribution", "-date", "-id"], name="document_distribution_date"
            ),
            models.Index(fields=["-date", "-id"], name="document_date"),
        ]

    def __str__(self) -> str:
        if self.symbol:
            return f"{self.symbol} · {self.title}"
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def author_display(self) -> str:
        """Name the author in the active language."""
        if self.author_kind == self.AuthorKind.COUNTRY and self.author_country_id:
            return str(self.author_country)
        if self.author_kind == self.AuthorKind.INSTITUTION and self.author_institution_id:
            return str(self.author_institution)
        if self.author_kind == self.AuthorKind.PRESIDENCY and self.author_presidency_id:
            return self.presidency_as_author(self.author_presidency)
        return str(_("Technical Secretariat of the CRM"))

    @staticmethod
    def presidency_as_author(presidency) -> str:
        """Name a presidency as the author of its papers, in the active language."""
        return _("Pro-Tempore Presidency of %(country)s (%(year)s)") % {
            "country": presidency.country,
            "year": presidency.starts_on.year,
        }

    @property
    def date_display(self) -> str:
        """The date as precisely as it is known, in the active language's format."""
        if self.date_precision == self.DatePrecision.YEAR:
            return str(self.date.year)
        if self.date_precision == self.DatePrecision.MONTH:
            return date_format(self.date, "YEAR_MONTH_FORMAT")
        return date_format(self.date, "DATE_FORMAT")

    @property
    def shown_in_spanish_fallback(self) -> bool:
        """True when the visitor reads English and this record has no English title."""
        return (get_language() or "es")[:2] != "es" and not (self.title_en or "").strip()

    @property
    def summary_in_spanish_fallback(self) -> bool:
        """True when the visitor reads English and the summary exists only in Spanish."""
        return (
            (get_language() or "es")[:2] != "es"
            and bool((self.summary_es or "").strip())
            and not (self.summary_en or "").strip()
        )

    @property
    def is_public(self) -> bool:
        return self.distribution == self.Distribution.PUBLIC


def document_file_path(instance: "DocumentFile", filename: str) -> str:
    """Store each upload under documents/ in a folder of its own (names never collide)."""
    stem, extension = os.path.splitext(filename)
    safe_stem = slugify(stem)[:80] or "document"
    return f"documents/{uuid.uuid4().hex}/{safe_stem}{extension.lower()}"


class DocumentFileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Files of the documents this user may see."""
        distributions = access.document_distributions(user)
        if distributions is None:
            return self.all()
        return self.filter(document__distribution__in=distributions)

    def writable_by(self, user):
        """Files this user may replace or delete."""
        return access.restrict(self, access.document_write_scope(user))


class DocumentFile(TimeStampedModel):
    """One language version of a document: the file and the text read from it."""

    class ExtractionStatus(models.TextChoices):
        PENDING = "pending", _("Not yet read")
        INDEXED = "indexed", _("Indexed")
        NOT_INDEXED = "not_indexed", _("Not indexed")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(_("file"), upload_to=document_file_path, max_length=255)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    file_format = models.CharField(_("format"), max_length=10, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    extraction_status = models.CharField(
        _("extraction status"),
        max_length=12,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    extraction_note = models.CharField(
        _("extraction note"),
        max_length=255,
        blank=True,
        help_text=_("Why the text could not be read, when it could not."),
    )

    objects = DocumentFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"],
                name="document_file_one_per_language",
                violation_error_message=_("This document already has a file in this language."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} · {self.get_language_display()}"

    def get_download_url(self) -> str:
        return reverse("documents:download", args=[self.document_id, self.language])

    @property
    def extraction_note_display(self) -> str:
        """The reason the text was not read, in the reader's language."""
        return gettext(self.extraction_note) if self.extraction_note else ""

    @property
    def is_indexed(self) -> bool:
        return self.extraction_status == self.ExtractionStatus.INDEXED
