"""Template helpers of the directory: the role a staff member acts in."""

import functools

import phonenumbers
from django import template
from django.urls import get_script_prefix, reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from focal_points import access
from focal_points.admin import home

register = template.Library()


@register.simple_tag
def role_label(user) -> str:
    """Name the role the user acts in (access.role_label), for the admin's greeting."""
    return access.role_label(user)


@register.filter
def may_produce_report(user) -> bool:
    """Tell whether the user prepares the Presidency's reports (access.may_produce_report)."""
    return access.may_produce_report(user)


@register.simple_tag
def attention_items(user) -> list:
    """Count what needs the user's attention today (the staff home)."""
    return home.attention_items(user)


@register.filter
def phone_link(number) -> str:
    """Link a stored number for phones (tel:) and show it in international format."""
    if not number:
        return ""
    try:
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except (AttributeError, TypeError):  # a value that is not a parsed number
        return conditional_escape(str(number))
    # An 11-country directory: the country code is always shown, never a national number.
    return format_html('<a href="tel:{}" class="phone">{}</a>', e164, shown)


def _person_markers(person) -> SafeString:
    """ "stale" and "unreachable" after a name, in words (not colour only)."""
    markers = ""
    if person.is_stale:
        markers += format_html(' <span class="crm-stale">{}</span>', gettext("stale"))
    if person.unreachable_since:
        since = gettext("Unreachable since %(day)s") % {
            "day": date_format(person.unreachable_since, "SHORT_DATE_FORMAT")
        }
        markers += format_html(
            ' <span class="crm-unreachable" title="{}">{}</span>', since, gettext("unreachable")
        )
    return mark_safe(markers)  # noqa: S308 -- each part comes from format_html


def _seat_history_url(country_id: int, group_id: int, role: str) -> str:
    # Reversed once per language and prefix, then filled in: 154 reverse() calls per page
    # walked the URL patterns for a fifth of the coverage page (make bench).
    pattern = _seat_history_pattern(get_language(), get_script_prefix())
    return pattern.format(country=country_id, group=group_id, role=role)


@functools.lru_cache(maxsize=8)
def _seat_history_pattern(_language, _prefix) -> str:
    marks = (987654321, 987654322, "987654323")
    url = reverse("admin:focal_points_seat_history", args=marks)
    url = url.replace("{", "{{").replace("}", "}}")
    for mark, name in zip(marks, ("country", "group", "role"), strict=True):
        url = url.replace(str(mark), "{" + name + "}", 1)
    return url


@register.simple_tag
def coverage_cell(cell) -> str:
    """Write one cell of the coverage matrix: the principal and the newest alternates.

    Written here, not by the template engine: 77 cells with their links and markers through
    it were most of the page's time (make bench).
    """
    classes = "crm-cell"
    if cell.is_empty:
        classes += " crm-cell-empty"
    if cell.has_stale:
        classes += " crm-cell-stale"
    if cell.has_unreachable:
        classes += " crm-cell-unreachable"
    country_id, group_id = cell.country.pk, cell.working_group.pk
    vacant = format_html('<em class="crm-vacant">{}</em>', gettext("vacant"))
    principal = vacant
    if cell.principal:
        person = cell.principal.focal_point
        principal = format_html("{}{}", person.full_name, _person_markers(person))
    alternates = vacant
    if cell.alternates:
        alternates = format_html_join(
            ", ",
            "{}{}",
            (
                (d.focal_point.full_name, mark_safe(_person_markers(d.focal_point)))
                for d in cell.alternates
            ),
        )
        if cell.more_alternates > 0:
            more = ngettext(
                "and %(counter)s more", "and %(counter)s more", cell.more_alternates
            ) % {"counter": cell.more_alternates}
            alternates = format_html("{} {}", alternates, more)
    return format_html(
        '<td class="{}" data-country="{}" data-group="{}">\n'
        '        <div>\n          <a href="{}">{}</a>:\n          {}\n        </div>\n'
        '        <div>\n          <a href="{}">{}</a>:\n          {}\n        </div>\n      </td>',
        classes,
        cell.country.iso_code,
        group_id,
        _seat_history_url(country_id, group_id, "principal"),
        gettext("Principal"),
        principal,
        _seat_history_url(country_id, group_id, "alternate"),
        gettext("Alternate"),
        alternates,
    )
