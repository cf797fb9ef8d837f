"""The Presidency's published reports: each publication a frozen version in the library."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from focal_points import access
from meetings.models.meeting import Meeting


class ReportPublicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Publications of the reports this user may produce."""
        return self if access.may_produce_report(user) else self.none()

    def writable_by(self, user):
        """Publications are written by the publishing service only; editors may delete them."""
        return access.restrict(self, access.meeting_write_scope(user))


class ReportPublication(TimeStampedModel):
    """One version of a group's report to a GRCM meeting, stored as a library document."""

    working_group = models.ForeignKey(
        "focal_points.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="report_publications",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("GRCM meeting"),
        on_delete=models.PROTECT,
        related_name="report_publications",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="report_publication",
    )
    # The figures as they stood when published (the document's files show them too).
    figures = models.JSONField(_("figures"), default=dict, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportPublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("published report")
        verbose_name_plural = _("published reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "meeting", "version"],
                name="report_publication_version_once",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="report_publication_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.working_group} · {self.meeting} · v{self.version}"
