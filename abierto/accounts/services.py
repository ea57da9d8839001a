"""Writes of the accounts app: role grants and account changes, all audited (never public).

Role grants happen here and only here: the Django admin shows accounts read-only.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from abierto.core import audit
from abierto.core.roles import Role, user_roles

from .models import User
from .verbs import ACCOUNT_UPDATED, ROLE_GRANTED, ROLE_REVOKED


def _forget_roles(user: User) -> None:
    if hasattr(user, "_abierto_roles"):
        del user._abierto_roles


@transaction.atomic
def role_grant(*, actor, user: User, role: Role) -> bool:
    """Give ``user`` the role; returns False (and records nothing) when they already hold it."""
    role = Role(role)
    if role in user_roles(user):
        return False
    user.groups.add(role.group())
    _forget_roles(user)
    audit.record(
        actor=actor, verb=ROLE_GRANTED, target=user, data={"role": role.value}, public=False
    )
    return True


@transaction.atomic
def role_revoke(*, actor, user: User, role: Role) -> bool:
    """Take the role away. The last active administrator keeps theirs (someone must be able
    to grant roles)."""
    role = Role(role)
    if role not in user_roles(user):
        return False
    if role == Role.ADMIN:
        others = (
            User.objects.filter(groups__name=Role.ADMIN.value, is_active=True)
            .exclude(pk=user.pk)
            .exists()
        )
        if not others:
            raise ValidationError(
                _("No se puede retirar el rol de Administración a la última cuenta que lo tiene.")
            )
    user.groups.remove(role.group())
    _forget_roles(user)
    audit.record(
        actor=actor, verb=ROLE_REVOKED, target=user, data={"role": role.value}, public=False
    )
    return True


@transaction.atomic
def account_update(*, actor, user: User, full_name: str, organization, is_active: bool) -> dict:
    """Change an account's name, organisation (for liaisons) and whether it may sign in."""
    from abierto.core.services import model_update

    if not is_active and user.pk == getattr(actor, "pk", None):
        raise ValidationError({"is_active": _("No puede desactivar su propia cuenta.")})
    changes = model_update(
        instance=user,
        data={"full_name": full_name.strip(), "organization": organization, "is_active": is_active},
        fields=["full_name", "organization", "is_active"],
    )
    audit.record(actor=actor, verb=ACCOUNT_UPDATED, target=user, changes=changes, public=False)
    return changes
