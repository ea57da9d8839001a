"""Demo accounts, one per role: created by ``manage.py demo_accounts`` in development only."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from abierto.core.roles import ROLE_LABELS, SYSTEM_ACTOR, Role, user_roles
from abierto.forum.models import Organization

from . import services
from .models import User

DEMO_PASSWORD = "demo-abierto-2026"  # noqa: S105 - development only, refused elsewhere
DEMO_DOMAIN = "demo.gobiernoabierto.local"


def demo_email(role: Role) -> str:
    return f"{role.value}@{DEMO_DOMAIN}"


def ensure_demo_accounts() -> list[tuple[str, str]]:
    """Create or reset one verified account per role; returns (email, role label) pairs."""
    if not settings.ABIERTO_DEMO_ACCOUNTS:
        raise ImproperlyConfigured("Las cuentas de demostración solo existen en desarrollo.")
    created = []
    for role in Role:
        email = demo_email(role)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
        user.full_name = f"Demo {ROLE_LABELS[role]}"
        # Roles decide what a person may do, not Django's flags: no demo account is a superuser.
        user.is_staff = user.is_superuser = False
        user.is_active = True
        if role == Role.LIAISON:
            # The liaison reports for one institution: the demo ties them to MINTEL if loaded.
            user.organization = Organization.objects.filter(acronym="MINTEL").first()
        user.set_password(DEMO_PASSWORD)
        user.save()
        for other in user_roles(user) - {role}:
            services.role_revoke(actor=SYSTEM_ACTOR, user=user, role=other)
        services.role_grant(actor=SYSTEM_ACTOR, user=user, role=role)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        created.append((email, str(ROLE_LABELS[role])))
    return created
