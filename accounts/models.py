from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from focal_points import access


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Accounts this user may read: all for the Secretariat, otherwise their own."""
        return access.restrict(self, access.user_scope(user))

    def writable_by(self, user):
        """Accounts this user may change: the Secretariat only."""
        return access.restrict(self, access.user_write_scope(user))


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    """Django's user manager with the portal's access rules."""


class User(AbstractUser):
    """A person who signs in: staff with a password, focal points with a one-time link."""

    email = models.EmailField(_("e-mail address"), blank=True)
    country = models.ForeignKey(
        "focal_points.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_users",
        help_text=_(
            "For PPT staff and country coordinators: the country whose officials they are."
        ),
    )
    focal_point = models.OneToOneField(
        "focal_points.FocalPoint",
        verbose_name=_("focal point"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        help_text=_("The directory entry this person may keep current."),
    )

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # One account per address whatever its case: sign-in links are sent by e-mail.
            models.UniqueConstraint(
                models.functions.Lower("email"),
                name="user_email_unique_ci",
                condition=~models.Q(email=""),
            ),
        ]


class RateLimitBucket(models.Model):
    """How many times one key (a hashed address or IP) acted within its current window."""

    # Written only by accounts.services.rate_limit_hit(), with one atomic INSERT ... ON
    # CONFLICT: concurrent requests each get their own count, and the window is a real
    # column rather than a cache timeout that every increment would reset.
    key = models.CharField(_("key"), max_length=128, unique=True)
    window_start = models.DateTimeField(_("window start"))
    expires_at = models.DateTimeField(_("window end"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("rate-limit window")
        verbose_name_plural = _("rate-limit windows")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("window_start")),
                name="rate_limit_bucket_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class ContactExportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Prepared lists this user may see: only their own."""
        return access.restrict(self, access.contact_export_scope(user))

    def writable_by(self, user):
        """Nobody edits a prepared list; its owner sees it until it is cleared."""
        return access.restrict(self, access.contact_export_scope(user))

    def kept(self, now: datetime | None = None):
        """Prepared lists still within their keeping period."""
        return self.filter(requested_at__gte=contact_export_kept_since(now))

    def expired(self, now: datetime | None = None):
        """Prepared lists past their keeping period, for the daily clean-up."""
        return self.filter(requested_at__lt=contact_export_kept_since(now))


def contact_export_kept_since(now: datetime | None = None) -> datetime:
    """Return the moment before which a prepared list has expired."""
    return (now or timezone.now()) - timedelta(days=settings.CONTACT_EXPORT_KEEP_DAYS)


def contact_export_folder(export_id: int) -> str:
    """Return the storage folder that holds one prepared list's files."""
    return f"contact-exports/{export_id}"


def contact_export_path(instance: "ContactExport", filename: str) -> str:
    return f"{contact_export_folder(instance.pk)}/{filename}"


class ContactExport(models.Model):
    """A contact list prepared on the task queue for the person who asked, and its file."""

    class Scope(models.TextChoices):
        GROUP = "group", _("Working group")
        COUNTRY = "country", _("Country")
        DIRECTORY = "directory", _("Whole directory")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"

    requested_by = models.ForeignKey(
        User,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="contact_exports",
    )
    scope = models.CharField(_("list of"), max_length=10, choices=Scope.choices)
    working_group = models.ForeignKey(
        "focal_points.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    country = models.ForeignKey(
        "focal_points.Country",
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    file_format = models.CharField(
        _("format"), max_length=4, choices=Format.choices, default=Format.PDF
    )
    language = models.CharField(_("language"), max_length=2, default="es")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to=contact_export_path, blank=True, max_length=255)
    people = models.PositiveIntegerField(_("people"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ContactExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("prepared contact list")
        verbose_name_plural = _("prepared contact lists")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # A list names exactly what its scope says: a group, a country, or neither.
            models.CheckConstraint(
                condition=(
                    models.Q(scope="group", working_group__isnull=False, country__isnull=True)
                    | models.Q(scope="country", working_group__isnull=True, country__isnull=False)
                    | models.Q(scope="directory", working_group__isnull=True, country__isnull=True)
                ),
                name="contact_export_scope_matches_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(file=""),
                name="contact_export_ready_has_file",
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "-requested_at"])]

    def __str__(self) -> str:
        target = self.working_group or self.country or self.get_scope_display()
        return f"{target} · {self.get_file_format_display()} · {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def kept_until(self) -> datetime:
        """Return when the list and its file are deleted."""
        return self.requested_at + timedelta(days=settings.CONTACT_EXPORT_KEEP_DAYS)
