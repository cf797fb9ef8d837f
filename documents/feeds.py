"""Atom feed of the newest public documents."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from documents.models import Document

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    feed_type = Atom1Feed
    title = _("CRM Portal: new documents")
    subtitle = _("Public documents of the Regional Conference on Migration, newest first.")

    def link(self):
        return reverse("documents:list")

    def items(self):
        # Anonymous on purpose: feeds are shared and cached, so only public documents.
        return (
            Document.objects.visible_to(AnonymousUser())
            .for_listing()
            .with_classification()
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, document):
        return str(document)

    def item_description(self, document):
        return document.summary

    def item_link(self, document):
        return document.get_absolute_url()

    def item_pubdate(self, document):
        return document.created_at

    def item_updateddate(self, document):
        return document.updated_at

    def item_author_name(self, document):
        return document.author_display

    def item_categories(self, document):
        return [document.get_type_display(), *(str(axis) for axis in document.thematic_axes.all())]
