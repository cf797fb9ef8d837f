from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
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
