"""Template helpers of the directory: the role a staff member acts in."""

import phonenumbers
from django import template
from django.utils.html import conditional_escape, format_html

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
