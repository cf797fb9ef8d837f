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
