"""The demo library loads from the shared samples when present, else from the project's own."""

import json

import pytest

from documents import demo
from documents.models import Document, DocumentFile

pytestmark = pytest.mark.django_db


def test_without_the_shared_folder_the_projects_own_demo_documents_load_once(monkeypatch, tmp_path):
    monkeypatch.setenv("DJANGO_SAMPLE_DOCUMENTS_DIR", str(tmp_path / "absent"))
    lines = demo.load()
    assert "demo_data" in lines[0]
    count = Document.objects.count()
    assert count == 3
    assert Document.objects.filter(distribution="restricted").count() == 1
    assert DocumentFile.objects.filter(extraction_status="indexed").count() == 3
    demo.load()
    assert Document.objects.count() == count
    assert DocumentFile.objects.count() == 3


def test_a_shared_catalogue_is_loaded_with_its_authors_axes_and_distribution(monkeypatch, tmp_path):
    records = [
        {
            "file": "propuesta.es.txt",
            "language": "es",
            "symbol": None,
            "date": "2009-01-01",
            "date_precision": "year",
            "type": "proposal",
            "distribution": "restricted",
            "original_language": "es",
            "author": "Pro-Tempore Presidency of Guatemala",
            "thematic_axes": ["migration-and-development"],
            "title": {"es": "Propuesta de un grupo de trabajo", "en": "Proposal for a group"},
            "summary": {"es": "Resumen.", "en": "Summary."},
        },
        {
            "file": "informe.es.md",
            "language": "es",
            "symbol": "A/63/265",
            "date": "2008-08-11",
            "type": "report",
            "distribution": "public",
            "original_language": "en",
            "author": "United Nations Secretary-General",
            "thematic_axes": [],
            "title": {"es": "Migración internacional y desarrollo", "en": "International"},
            "summary": {"es": "Seguimiento.", "en": "Follow-up."},
        },
    ]
    (tmp_path / "documents.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "propuesta.es.txt").write_text("Migración y desarrollo.", encoding="utf-8")
    (tmp_path / "informe.es.md").write_text("# Remesas", encoding="utf-8")
    monkeypatch.setenv("DJANGO_SAMPLE_DOCUMENTS_DIR", str(tmp_path))
    demo.load()
    demo.load()
    assert Document.objects.count() == 2
    proposal = Document.objects.get(title_es="Propuesta de un grupo de trabajo")
    assert proposal.distribution == "restricted"
    assert proposal.author_kind == "presidency"
    assert proposal.author_presidency.country.iso_code == "GT"
    assert proposal.date_display == "2009"
    assert [axis.slug for axis in proposal.thematic_axes.all()] == ["migration-and-development"]
    report = Document.objects.get(symbol="A/63/265")
    assert report.author_kind == "institution"
    assert report.author_institution.acronym_en == "UN"
    assert report.files.get().file_format == "md"
