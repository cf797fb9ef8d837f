"""Sitemap of the public meeting pages, in both languages."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from meetings.models import Meeting


class MeetingSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    i18n = True
    alternates = True
    limit = 5000

    def items(self):
        # Built for an anonymous visitor: members-only meetings never appear.
        return (
            Meeting.objects.visible_to(AnonymousUser()).only("slug", "updated_at").order_by("-pk")
        )

    def lastmod(self, meeting):
        return meeting.updated_at
