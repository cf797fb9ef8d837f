from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Document library")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from documents.models import Document, DocumentFile, ThematicAxis
        from documents.selectors import (
            document_author_names_forget,
            document_filter_choices_forget,
            document_listing_figures_forget,
        )
        from documents.tasks import search_index_sync
        from focal_points.models import Country, Institution, Presidency, WorkingGroup

        # The figures carry the library's version: forgetting them also retires every kept
        # search page, whose items show titles, files, axes and authors' names.
        shown_in_results = (Document, DocumentFile, ThematicAxis, Institution, Presidency)
        for signal in (post_save, post_delete):
            for model in (*shown_in_results, WorkingGroup, Country):
                signal.connect(document_listing_figures_forget, sender=model, weak=False)
            for model in (ThematicAxis, WorkingGroup, Country):
                signal.connect(document_filter_choices_forget, sender=model, weak=False)
            for model in (Country, Institution, Presidency):
                signal.connect(document_author_names_forget, sender=model, weak=False)
        m2m_changed.connect(
            document_listing_figures_forget, sender=Document.thematic_axes.through, weak=False
        )
        post_migrate.connect(search_index_sync, sender=self, dispatch_uid="documents_search_index")
