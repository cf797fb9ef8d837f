"""Demo accounts, one per role, printed on the console by `make run`.

Idempotent: accounts and groups are created when missing; an existing account only gets its
demo password back if someone changed it. Permissions belong to the groups' migration.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP
from focal_points.models import Country, FocalPoint, Presidency

DEMO_PASSWORD = "crm-demo-2026"
COORDINATOR_COUNTRY = "CR"
# Two demo focal points who sign in with an e-mailed one-time link (no password).
FOCAL_POINT_USERS = ["focal.costarica", "focal.mexico"]
FOCAL_POINT_COUNTRIES = {"focal.costarica": "CR", "focal.mexico": "MX"}


def load() -> list[str]:
    """Create the demo accounts where missing and return how to sign in with each."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in _group_names()}
    base = settings.PORTAL_BASE_URL.rstrip("/")
    admin_url = f"{base}/es/admin/"
    sign_in_url = f"{base}/es/accounts/sign-in/"
    lines = [
        "",
        "Demo accounts (development only) / Cuentas de demostración (solo desarrollo):",
        f"  Password for every staff account / contraseña de cada cuenta: '{DEMO_PASSWORD}'",
    ]

    _staff_user("secretariat", "Rosa", "Quintanilla Mora", superuser=True)
    lines.append(f"  Superuser (Technical Secretariat): 'secretariat' -> {admin_url}")

    officer = _staff_user("st.officer", "Tomás", "Arce Villalobos")
    officer.groups.add(groups[SECRETARIAT_GROUP])
    lines.append(f"  Technical Secretariat officer: 'st.officer' -> {admin_url}")

    today = timezone.localdate()
    current = Presidency.objects.on(today).select_related("country").first()
    former = (
        Presidency.objects.filter(ends_on__lt=today)
        .exclude(country_id=current.country_id if current else None)
        .select_related("country")
        .order_by("-ends_on")
        .first()
    )
    if current is not None:
        ppt = _staff_user("ppt.current", "Lidia", "Zelaya Funes", country=current.country)
        ppt.groups.add(groups[PPT_STAFF_GROUP])
        lines.append(
            f"  PPT staff, current presidency ({current.country.name_en}): 'ppt.current'"
            f" -> {admin_url}"
        )
    if former is not None:
        ppt_former = _staff_user(
            "ppt.former", "Ernesto", "Peralta Urquilla", country=former.country
        )
        ppt_former.groups.add(groups[PPT_STAFF_GROUP])
        lines.append(
            f"  PPT staff, former presidency ({former.country.name_en}, read-only):"
            f" 'ppt.former' -> {admin_url}"
        )

    coordinator_country = Country.objects.filter(iso_code=COORDINATOR_COUNTRY).first()
    if coordinator_country is not None:
        coordinator = _staff_user(
            "coordinator.cr", "Marta", "Solano Brenes", country=coordinator_country
        )
        coordinator.groups.add(groups[COORDINATOR_GROUP])
        lines.append(
            f"  Country coordinator ({coordinator_country.name_en}): 'coordinator.cr'"
            f" -> {admin_url}"
        )

    for username in FOCAL_POINT_USERS:
        user = _focal_point_user(username, FOCAL_POINT_COUNTRIES[username])
        if user is not None:
            lines.append(
                f"  Focal point {user.focal_point.full_name}: no password; enter {user.email}"
                f" on the sign-in page ({sign_in_url}) and open the link in the e-mail"
            )
    lines.append("")
    return lines


def _group_names() -> list[str]:
    return [SECRETARIAT_GROUP, PPT_STAFF_GROUP, COORDINATOR_GROUP]


def _staff_user(
    username: str, first_name: str, last_name: str, *, superuser: bool = False, country=None
) -> User:
    # Invented names (design.md): the greeting tells a person which demo account they use.
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@example.org",
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": True,
            "is_superuser": superuser,
            "country": country,
        },
    )
    if not created and user.first_name == "Demo":
        # Accounts made before the demo staff had names of their own.
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
    # Checking the password on every run costs 0.4 s of PBKDF2 per account; a password the
    # developer changed on purpose is theirs to keep.
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _focal_point_user(username: str, iso_code: str) -> User | None:
    """Link a sign-in account to the first demo focal point of a country."""
    existing = User.objects.filter(username=username).select_related("focal_point").first()
    if existing is not None:
        return existing if existing.focal_point_id else None
    focal_point = (
        FocalPoint.objects.active()
        .filter(institution__country__iso_code=iso_code, user__isnull=True)
        .order_by("pk")
        .first()
    )
    if focal_point is None:
        return None
    user = User(
        username=username,
        email=focal_point.email,
        first_name=focal_point.given_name,
        last_name=focal_point.family_name,
        focal_point=focal_point,
    )
    # Focal points never get a password: they sign in with a one-time link sent by e-mail.
    user.set_unusable_password()
    user.save()
    return user
