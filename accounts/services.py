"""Sign-in links, verification e-mails and link revocation for focal points."""

import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from email.utils import formataddr, parseaddr
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from sesame.tokens import create_token, parse_token

from accounts.models import RateLimitBucket, User
from focal_points.models import FocalPoint
from focal_points.services import verification_request_record

logger = logging.getLogger(__name__)

SIGN_IN_SCOPE = ""
VERIFY_SCOPE = "verify"
# A verification e-mail may sit in a mailbox for days; a sign-in link is asked for and used
# at once (SESAME_MAX_AGE). Both are single use.
VERIFY_LINK_MAX_AGE = timedelta(days=14)

# Sign-in requests allowed per window, counted whether or not the address is known.
LIMIT_PER_ADDRESS = 3
LIMIT_PER_IP = 20
LIMIT_WINDOW = timedelta(minutes=15)


class SignInRateLimited(Exception):
    """Too many sign-in links were asked for from this address or for this e-mail."""


def rate_limit_hit(*, key: str, window: timedelta) -> int:
    """Count one attempt under key; return the attempts in its window, this one included.

    A window opens at a key's first attempt and lasts `window`; the next attempt after it
    opens a new one. One INSERT ... ON CONFLICT does the counting: Postgres serialises
    concurrent attempts on the key's row, so each gets its own count.
    """
    now = timezone.now()
    table = connection.ops.quote_name(RateLimitBucket._meta.db_table)
    with connection.cursor() as cursor:
        # In SET, "bucket" is the row as it was: both columns reset together once it expired.
        cursor.execute(
            f"""
            INSERT INTO {table} AS bucket (key, window_start, expires_at, count)
            VALUES (%(key)s, %(now)s, %(expires_at)s, 1)
            ON CONFLICT (key) DO UPDATE SET
                window_start = CASE WHEN bucket.expires_at <= %(now)s
                    THEN EXCLUDED.window_start ELSE bucket.window_start END,
                expires_at = CASE WHEN bucket.expires_at <= %(now)s
                    THEN EXCLUDED.expires_at ELSE bucket.expires_at END,
                count = CASE WHEN bucket.expires_at <= %(now)s THEN 1 ELSE bucket.count + 1 END
            RETURNING count
            """,
            {"key": key, "now": now, "expires_at": now + window},
        )
        (count,) = cursor.fetchone()
        # Cheap cleanup on write: a few expired windows at a time, skipping rows that a
        # concurrent attempt holds (no waiting, no deadlock between two cleanups).
        cursor.execute(
            f"""
            DELETE FROM {table} WHERE id IN (
                SELECT id FROM {table} WHERE expires_at <= %s
                ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED
            )
            """,
            [now],
        )
    return count


def _limit_key(kind: str, value: str) -> str:
    # Hash the value: the table must not carry e-mail addresses in clear.
    return f"sign-in:{kind}:{salted_hmac('sign-in-limit', value).hexdigest()}"


def focal_point_for_email(email: str) -> FocalPoint | None:
    """Return the active focal point whose primary or alternate e-mail is this address."""
    address = email.strip().lower()
    if not address:
        return None
    return (
        FocalPoint.objects.active()
        .with_email(address)
        .select_related("user")
        .order_by("pk")
        .first()
    )


def focal_point_user(*, focal_point: FocalPoint) -> User | None:
    """Return the focal point's account, creating it on first use; None if it is staff."""
    try:
        user = focal_point.user
    except User.DoesNotExist:
        user = None
    if user is None:
        try:
            with transaction.atomic():
                user = User(
                    username=f"focal-point-{focal_point.pk}",
                    email=focal_point.email.lower(),
                    first_name=focal_point.given_name[:150],
                    last_name=focal_point.family_name[:150],
                    focal_point=focal_point,
                    # No password: focal points only sign in with one-time links.
                    password=make_password(None),
                )
                user.save()
        except IntegrityError:
            # A simultaneous first request may have just created the account: use it.
            user = User.objects.filter(focal_point=focal_point).first()
            if user is None:
                # Another account already uses this address: staff must link it by hand.
                logger.warning("No sign-in link for focal point %s: e-mail in use", focal_point.pk)
                return None
    # Staff accounts sign in with a password behind the lock-out, never with a link.
    if user.is_staff or user.is_superuser or not user.is_active:
        return None
    return user


def link_user(token: str | None, *, scope: str = SIGN_IN_SCOPE) -> User | None:
    """Return the focal point a link's token belongs to, without using the token up."""
    if not token:
        return None
    max_age = VERIFY_LINK_MAX_AGE if scope == VERIFY_SCOPE else None

    def get_user(pk):
        user = User.objects.filter(pk=pk).select_related("focal_point").first()
        if user is None or not user.is_active or user.is_staff or user.is_superuser:
            return None
        if user.focal_point is None or not user.focal_point.is_active:
            return None
        return user

    # parse_token directly, not authenticate(): a bad token is not a failed password, so it
    # must not count towards the axes lock-out of everyone behind the same office IP.
    return parse_token(token, get_user, scope, max_age)


def _portal_url(path: str, **query) -> str:
    base = settings.PORTAL_BASE_URL.rstrip("/")
    return f"{base}{path}?{urlencode(query)}" if query else f"{base}{path}"


def _portal_link(view_name: str, language: str, **query) -> str:
    """Return the absolute address of a portal page in the recipient's language."""
    with translation.override(language):
        path = reverse(view_name)
    return _portal_url(path, **query)


def sender_address() -> str:
    """Return DEFAULT_FROM_EMAIL's address under the portal's name in the active language."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((str(_("CRM Portal")), address))


def send_portal_email(
    *, to: str, language: str, subject: str, template: str, context: dict
) -> None:
    """Send a plain-text and HTML e-mail rendered in the recipient's language."""
    with translation.override(language):
        context = {**context, "LANGUAGE_CODE": language}
        subject_text = str(subject)
        text_body = render_to_string(f"{template}.txt", context)
        html_body = render_to_string(f"{template}.html", context)
        from_email = sender_address()
    message = EmailMultiAlternatives(
        subject=subject_text, body=text_body, from_email=from_email, to=[to]
    )
    message.attach_alternative(html_body, "text/html")
    message.send()


def sign_in_link_send(*, user: User, to: str) -> str:
    """E-mail a one-time sign-in link to a focal point; return the link."""
    focal_point = user.focal_point
    language = focal_point.email_language
    token = create_token(user, SIGN_IN_SCOPE)
    link = _portal_link("accounts:sign_in_link", language, **{settings.SESAME_TOKEN_NAME: token})
    send_portal_email(
        to=to,
        language=language,
        subject=_("Your sign-in link to the CRM Portal"),
        template="accounts/email/sign_in_link",
        context={
            "focal_point": focal_point,
            "link": link,
            "minutes": settings.SESAME_MAX_AGE // 60,
        },
    )
    return link


def sign_in_link_request(*, email: str, client_ip: str) -> None:
    """Send a sign-in link if the address belongs to an active focal point.

    Answers alike for known and unknown addresses; raises SignInRateLimited past the limits.
    """
    address = email.strip().lower()
    window = LIMIT_WINDOW
    per_address = rate_limit_hit(key=_limit_key("address", address), window=window)
    per_ip = rate_limit_hit(key=_limit_key("ip", client_ip or "unknown"), window=window)
    if per_address > LIMIT_PER_ADDRESS or per_ip > LIMIT_PER_IP:
        raise SignInRateLimited()
    focal_point = focal_point_for_email(address)
    if focal_point is None:
        return
    user = focal_point_user(focal_point=focal_point)
    if user is None:
        return
    # Send to the address typed: it is one of the person's own addresses.
    sign_in_link_send(user=user, to=address)


def verification_request_send(*, focal_point: FocalPoint) -> None:
    """E-mail a focal point a link to confirm or update their entry, and log the sending."""
    user = focal_point_user(focal_point=focal_point)
    language = focal_point.email_language
    query = {settings.SESAME_TOKEN_NAME: create_token(user, VERIFY_SCOPE)} if user else {}
    send_portal_email(
        to=focal_point.email,
        language=language,
        subject=_("Please confirm your entry in the CRM focal-point directory"),
        template="accounts/email/verification_request",
        context={
            "focal_point": focal_point,
            "link": _portal_link("accounts:verify", language, **query),
            "my_entry_link": _portal_link("accounts:my_entry", language),
            "days": VERIFY_LINK_MAX_AGE.days,
        },
    )
    verification_request_record(focal_point=focal_point, sent_to=focal_point.email)


def verification_requests_send(
    *, focal_points: Iterable[FocalPoint], on_each: Callable | None = None
) -> tuple[int, int]:
    """Send a verification request to each focal point; return how many were sent and failed.

    on_each(focal_point, error) is called after each one (error None when it was sent). A
    refused or unreachable mail server fails that person only; the others are still asked.
    """
    sent = failed = 0
    for focal_point in focal_points:
        try:
            verification_request_send(focal_point=focal_point)
        except OSError as error:  # SMTP refused or unreachable: report, keep going
            failed += 1
            logger.warning("Verification request to %s not sent: %s", focal_point.pk, error)
            if on_each:
                on_each(focal_point, error)
            continue
        sent += 1
        if on_each:
            on_each(focal_point, None)
    return sent, failed


def address_change_notice_send(*, focal_point: FocalPoint, previous_email: str) -> None:
    """Tell the address a focal point had that their e-mail addresses were changed."""
    # Sent to the previous primary address: whoever changed the addresses may not own it.
    language = focal_point.email_language
    send_portal_email(
        to=previous_email,
        language=language,
        subject=_("The e-mail addresses of your CRM directory entry were changed"),
        template="accounts/email/address_changed",
        context={
            "focal_point": focal_point,
            "previous_email": previous_email,
            "my_entry_link": _portal_link("accounts:my_entry", language),
        },
    )


def sign_in_links_revoke(*, user: User) -> User:
    """Invalidate every sign-in and verification link sent to this person so far."""
    # Sesame signs each token with the password hash and the last sign-in time: changing
    # either voids the outstanding links. A link-only account gets a new unusable password
    # (which also ends its open sessions); a staff account keeps its password.
    if user.has_usable_password():
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
    else:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def sessions_end_everywhere(*, user: User) -> int:
    """Sign a person out on every device and void their links; return the sessions ended."""
    # Sessions store the user id inside their encoded data: read the open ones once, in one
    # query, and delete the person's in another. A rare action on admin-sized tables.
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(session_key__in=keys).delete()
    sign_in_links_revoke(user=user)
    return len(keys)
