"""Template helpers of the directory: the role a staff member acts in."""

from django import template

from focal_points import access
from focal_points.admin import home

register = template.Library()


@register.simple_tag
def role_label(user) -> str:
    """Name the role the user acts in (access.role_label), for the admin's greeting."""
    return access.role_label(user)


@register.simple_tag
def attention_items(user) -> list:
    """Count what needs the user's attention today (the staff home)."""
    return home.attention_items(user)
