"""What django-axes records of a staff sign-in attempt (AXES_USERNAME_CALLABLE)."""

from django.conf import settings

from accounts.models import User

USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length


def axes_username(request, credentials: dict | None = None) -> str | None:
    """Return the user name tried, cut to the longest an account can have."""
    # Axes' own lookup, then the cut: its log column is 255 characters, and a 10,000-character
    # name through a form without a limit (the admin login) was a server error.
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if isinstance(username, str):
        return username[:USERNAME_MAX_LENGTH]
    return username
