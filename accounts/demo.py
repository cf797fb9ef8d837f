"""Demo accounts, one per role, printed on the console by `make run`."""

from accounts.models import User

DEMO_PASSWORD = "crm-demo-2026"


def load() -> list[str]:
    """Create or refresh the demo accounts and return how to sign in with them."""
    secretariat, _ = User.objects.update_or_create(
        username="secretariat",
        defaults={
            "email": "secretariat@example.org",
            "first_name": "Demo",
            "last_name": "Secretariat",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if not secretariat.check_password(DEMO_PASSWORD):
        secretariat.set_password(DEMO_PASSWORD)
        secretariat.save(update_fields=["password"])
    return [
        "",
        "Demo accounts (development only) / Cuentas de demostración (solo desarrollo):",
        f"  Technical Secretariat: user 'secretariat', password '{DEMO_PASSWORD}'"
        " -> http://127.0.0.1:8000/es/admin/",
        "",
    ]
