"""Publish the Presidency's report: a frozen version in the library, linked to the meeting."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext

from documents.models import Document
from documents.services import document_file_attach
from meetings.models import Meeting, MeetingDocument, ReportPublication
from meetings.reports.pdf import report_pdf
from meetings.reports.selectors import Period, presidency_report

LANGUAGES = ("es", "en")


def _title(*, working_group, meeting, version: int, language: str) -> str:
    with translation.override(language):
        return gettext(
            "Report of the Pro-Tempore Presidency on the %(group)s to the %(meeting)s "
            "(version %(version)s)"
        ) % {"group": working_group.name, "meeting": meeting.title, "version": version}


@transaction.atomic
def report_publish(
    *,
    working_group,
    meeting: Meeting,
    period: Period,
    presidency_text_es: str = "",
    presidency_text_en: str = "",
    user=None,
) -> ReportPublication:
    """Store the report as a restricted library document in Spanish and English, a new version."""
    # One publisher at a time per meeting: versions are numbered without gaps or twins.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    version = (
        ReportPublication.objects.filter(working_group=working_group, meeting=meeting).aggregate(
            latest=Max("version")
        )["latest"]
        or 0
    ) + 1
    texts = {"es": presidency_text_es.strip(), "en": presidency_text_en.strip()}
    pdfs, summary, presidency = {}, {}, None
    for language in LANGUAGES:
        with translation.override(language):
            report = presidency_report(
                working_group=working_group,
                meeting=meeting,
                period=period,
                presidency_text=texts[language] or texts["es"],
            )
            pdfs[language] = report_pdf(report, language=language)
        summary, presidency = report.summary(), report.presidency
    author = (
        {"author_kind": Document.AuthorKind.PRESIDENCY, "author_presidency": presidency}
        if presidency is not None
        else {"author_kind": Document.AuthorKind.SECRETARIAT}
    )
    document = Document(
        title_es=_title(
            working_group=working_group, meeting=meeting, version=version, language="es"
        ),
        title_en=_title(
            working_group=working_group, meeting=meeting, version=version, language="en"
        ),
        date=timezone.localdate(),
        type=Document.Type.REPORT,
        working_group=working_group,
        distribution=Document.Distribution.RESTRICTED,
        original_language="es",
        **author,
    )
    document.full_clean()
    document.save()
    stem = slugify(f"informe-ppt-{working_group.slug}-{meeting.slug}-v{version}")[:70]
    for language, data in pdfs.items():
        document_file_attach(
            document=document,
            language=language,
            uploaded=ContentFile(data, name=f"{stem}-{language}.pdf"),
        )
    MeetingDocument.objects.create(
        meeting=meeting,
        document=document,
        role=MeetingDocument.Role.PRESIDENCY_REPORT,
        position=version,
    )
    publication = ReportPublication(
        working_group=working_group,
        meeting=meeting,
        version=version,
        period_start=period.starts_on,
        period_end=period.ends_on,
        document=document,
        figures={**summary, "presidency_text": texts},
        published_by=user if user is not None and user.is_authenticated else None,
    )
    publication.full_clean()
    publication.save()
    return publication
