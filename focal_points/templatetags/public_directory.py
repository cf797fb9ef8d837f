"""Template helpers of the public directory pages."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from focal_points.public import PublicSeat

register = template.Library()


@register.simple_tag
def seat_list(seats: list[PublicSeat]) -> SafeString:
    """Write a group's listed seats on a country page (same markup as the template had).

    A country page lists up to eight seats in each of about fifteen groups: through the
    template engine they were a third of the page (make bench).
    """
    hidden = format_html(
        '<span class="muted">{}</span>', gettext("Designated (name not published)")
    )
    items = []
    for seat in seats:
        if seat.is_named:
            person = format_html(
                '<strong class="seat-name">{}</strong>{} <span class="muted">· {}</span>',
                seat.name,
                format_html(", {}", seat.position) if seat.position else "",
                seat.institution,
            )
        else:
            person = hidden
        items.append((seat.role_label, person))
    return format_html(
        '<ul class="seat-list">\n{}\n</ul>',
        format_html_join(
            "\n",
            '<li class="seat"><span class="badge">{}</span> {}</li>',
            items,
        ),
    )
