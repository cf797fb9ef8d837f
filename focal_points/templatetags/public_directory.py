"""Template helpers of the public directory pages."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.text import escaped
from focal_points.public import PublicSeat

register = template.Library()


@register.simple_tag
def seat_list(seats: list[PublicSeat]) -> SafeString:
    """Write a group's listed seats on a country page (same markup as the template had).

    A country page lists up to eight seats in each of about fifteen groups: through the
    template engine they were a third of the page, through format_html a tenth (make bench).
    Every value is escaped here as format_html escapes it (tests/focal_points/
    test_public_seat_list.py compares the two).
    """
    # Not inside the f-string: makemessages does not read gettext() calls there.
    not_published = gettext("Designated (name not published)")
    hidden = f'<span class="muted">{escaped(not_published)}</span>'
    items = []
    for seat in seats:
        if seat.is_named:
            position = f", {escaped(seat.position)}" if seat.position else ""
            person = (
                f'<strong class="seat-name">{escaped(seat.name)}</strong>{position}'
                f' <span class="muted">· {escaped(seat.institution)}</span>'
            )
        else:
            person = hidden
        items.append(
            f'<li class="seat"><span class="badge">{escaped(seat.role_label)}</span> {person}</li>'
        )
    return mark_safe('<ul class="seat-list">\n' + "\n".join(items) + "\n</ul>")  # noqa: S308
