"""Template helpers of the directory: the role a staff member acts in."""

from django import template

from focal_points import access

register = template.Library()


@register.simple_tag
def role_label(user) -> str:
    """Name the role the user acts in (access.role_label), for the admin's greeting."""
    return access.role_label(user)
