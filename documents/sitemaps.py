"""Sitemap of the public document pages, in both languages."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from documents.models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    i18n = True
    alternates = True
    limit = 5000

    def items(self):
        # Built for an anonymous visitor: a sitemap is public whoever asks for it.
        return Document.objects.visible_to(AnonymousUser()).only("pk", "updated_at").order_by("-pk")

    def lastmod(self, document):
        return document.updated_at
