from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        # Registers the accent-folding lookups on text fields.
        from core import lookups  # noqa: F401


class AxesConfig(AxesAppConfig):
    """django-axes with a translated name in the admin (axes ships no Spanish catalogue)."""

    verbose_name = _("Sign-in lock-outs")
