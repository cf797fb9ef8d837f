"""Demo library: the shared sample documents when present, otherwise the project's own."""

import datetime
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from documents.models import Document, DocumentFile, ThematicAxis
from documents.services import document_file_attach
from focal_points.models import Country, Institution, Presidency

OWN_DEMO_DIR = Path(__file__).resolve().parent / "demo_data"

COUNTRIES = {
    "GT": ("Guatemala", "Guatemala"),
    "MX": ("México", "Mexico"),
    "CR": ("Costa Rica", "Costa Rica"),
    "PA": ("Panamá", "Panama"),
}
# Author strings of the catalogue records, mapped onto the portal's kinds of author.
PRESIDENCY_AUTHORS = {
    "Pro-Tempore Presidency of Guatemala": "GT",
    "Pro-Tempore Presidency of Mexico": "MX",
    "Pro-Tempore Presidency of Panama": "PA",
}
INSTITUTION_AUTHORS = {
    "United Nations Secretary-General": {
        "acronym_en": "UN",
        "acronym_es": "ONU",
        "name_en": "United Nations Secretary-General",
        "name_es": "Secretario General de las Naciones Unidas",
    },
    "International Organization for Migration": {
        "acronym_en": "IOM",
        "acronym_es": "OIM",
        "name_en": "International Organization for Migration",
        "name_es": "Organización Internacional para las Migraciones",
    },
}
SECRETARIAT_AUTHORS = {"CRM Technical Secretariat", "Technical Secretariat"}


def sample_documents_dir() -> Path:
    """The shared sample documents beside the checkout (or where the environment says)."""
    configured = os.environ.get("DJANGO_SAMPLE_DOCUMENTS_DIR")
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "sample-documents"


def _country(iso_code: str) -> Country:
    name_es, name_en = COUNTRIES.get(iso_code, (iso_code, iso_code))
    country, _ = Country.objects.get_or_create(
        iso_code=iso_code,
        defaults={"name": name_es, "name_es": name_es, "name_en": name_en},
    )
    return country


def _presidency(country: Country, year: int) -> Presidency | None:
    """The presidency the country held in that year; created for the demo when missing."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    found = Presidency.objects.filter(country=country, starts_on__lte=end, ends_on__gte=start)
    if found.exists():
        return found.order_by("starts_on").first()
    if Presidency.objects.filter(starts_on__lte=end, ends_on__gte=start).exists():
        return None  # another country holds that year in the directory's data
    try:
        with transaction.atomic():
            presidency = Presidency(country=country, starts_on=start, ends_on=end)
            presidency.full_clean()
            presidency.save()
            return presidency
    except (ValidationError, IntegrityError):
        return None


def _institution(spec: dict) -> Institution:
    found = Institution.objects.filter(acronym_en=spec["acronym_en"]).first() or (
        Institution.objects.filter(acronym_es=spec["acronym_es"]).first()
    )
    if found:
        return found
    return Institution.objects.create(
        name=spec["name_es"],
        name_es=spec["name_es"],
        name_en=spec["name_en"],
        acronym=spec["acronym_es"],
        acronym_es=spec["acronym_es"],
        acronym_en=spec["acronym_en"],
        kind=Institution.Kind.INTERNATIONAL_ORGANIZATION,
    )


def _author_fields(author: str, year: int) -> dict:
    if author in PRESIDENCY_AUTHORS:
        country = _country(PRESIDENCY_AUTHORS[author])
        presidency = _presidency(country, year)
        if presidency is not None:
            return {"author_kind": Document.AuthorKind.PRESIDENCY, "author_presidency": presidency}
        return {"author_kind": Document.AuthorKind.COUNTRY, "author_country": country}
    if author in INSTITUTION_AUTHORS:
        return {
            "author_kind": Document.AuthorKind.INSTITUTION,
            "author_institution": _institution(INSTITUTION_AUTHORS[author]),
        }
    if len(author) == 2 and author.isupper():
        return {"author_kind": Document.AuthorKind.COUNTRY, "author_country": _country(author)}
    return {"author_kind": Document.AuthorKind.SECRETARIAT}


def load_catalogue(folder: Path) -> int:
    """Load every record of folder/documents.json with its file; return how many are new."""
    records = json.loads((folder / "documents.json").read_text(encoding="utf-8"))
    axes = {axis.slug: axis for axis in ThematicAxis.objects.all()}
    created_count = 0
    for record in records:
        day = datetime.date.fromisoformat(record["date"])
        fields = {
            "title": record["title"]["es"],
            "title_es": record["title"]["es"],
            "title_en": record["title"].get("en", ""),
            "summary": record["summary"]["es"],
            "summary_es": record["summary"]["es"],
            "summary_en": record["summary"].get("en", ""),
            "date": day,
            "date_precision": record.get("date_precision", "day"),
            "type": record["type"].replace("-", "_"),
            "distribution": record["distribution"],
            "original_language": record.get("original_language", "es"),
            "author_country": None,
            "author_institution": None,
            "author_presidency": None,
            **_author_fields(record["author"], day.year),
        }
        symbol = record.get("symbol") or ""
        with transaction.atomic():
            if symbol:
                document = Document.objects.filter(symbol__iexact=symbol).first()
            else:
                document = Document.objects.filter(title_es=fields["title_es"]).first()
            # Created when missing, never rewritten: a second load adds no history event.
            if document is None:
                document = Document(symbol=symbol)
                created_count += 1
                for name, value in fields.items():
                    setattr(document, name, value)
                document.full_clean(exclude=["search_vector"])
                document.save()
                document.thematic_axes.set(
                    [axes[slug] for slug in record.get("thematic_axes", []) if slug in axes]
                )
            language = record.get("language", "es")
            path = folder / record["file"]
            if (
                path.exists()
                and not DocumentFile.objects.filter(document=document, language=language).exists()
            ):
                document_file_attach(
                    document=document,
                    language=language,
                    uploaded=ContentFile(path.read_bytes(), name=path.name),
                )
    return created_count


def load() -> list[str]:
    """Load the demo library (idempotent) and say where it came from."""
    shared = sample_documents_dir()
    folder = shared if (shared / "documents.json").exists() else OWN_DEMO_DIR
    created = load_catalogue(folder)
    return [f"Document library: {created} new demo documents from {folder}"]
