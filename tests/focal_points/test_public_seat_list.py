"""A country page's seat lists, written in Python, are what format_html wrote."""

import pytest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, override

from focal_points.public import PublicSeat
from focal_points.templatetags.public_directory import seat_list


def format_html_seat_list(seats):
    """The function as it was, with format_html: the reference."""
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
        format_html_join("\n", '<li class="seat"><span class="badge">{}</span> {}</li>', items),
    )


TRICKY = ["O'Brien & <Hijos>", 'Dra. "Ana" Núñez', "", None, mark_safe("<em>ya segura</em>")]


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_seat_list_is_what_format_html_wrote(language):
    seats = [PublicSeat(role="principal", role_label="Titular <1>")]
    for name in TRICKY[:2] + TRICKY[4:]:
        for position in TRICKY:
            for institution in TRICKY:
                seats.append(
                    PublicSeat(
                        role="alternate",
                        role_label="Suplente & co",
                        name=name,
                        position=position,
                        institution=institution,
                    )
                )
    with override(language):
        assert str(seat_list(seats)) == str(format_html_seat_list(seats))
        assert str(seat_list([])) == str(format_html_seat_list([]))
    assert "O&#x27;Brien &amp; &lt;Hijos&gt;" in seat_list(seats)
