from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Document library")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from documents.models import Document, ThematicAxis
        from documents.selectors import (
            document_filter_choices_forget,
            document_listing_figures_forget,
        )
        from focal_points.models import Country, WorkingGroup

        for signal in (post_save, post_delete):
            signal.connect(document_listing_figures_forget, sender=Document, weak=False)
            for model in (ThematicAxis, WorkingGroup, Country):
                signal.connect(document_filter_choices_forget, sender=model, weak=False)
