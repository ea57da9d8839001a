"""Writes of the accounts app: role grants and account changes, all audited (never public).

Role grants happen here and only here: the Django admin shows accounts read-only.
"""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.core import audit
from abierto.core.permissions import allowed
from abierto.core.roles import Role, user_roles

from .models import ApiToken, User
from .verbs import (
    ACCOUNT_UPDATED,
    API_TOKEN_CREATED,
    API_TOKEN_REVOKED,
    ROLE_GRANTED,
    ROLE_REVOKED,
)


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


# --- personal API tokens -------------------------------------------------------------------

#: Tokens start with this, so a leaked one is easy to recognise (and to scan for).
TOKEN_PREFIX = "abt_"  # noqa: S105 (a marker, not a secret)
#: Active tokens a person may hold at once.
MAX_ACTIVE_TOKENS = 10


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _require(user, permission: str, obj=None) -> None:
    if not allowed(user, permission, obj):
        raise PermissionDenied(_("No tiene permiso para esta acción."))


@transaction.atomic
def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """A new personal token for ``actor``; returns it and the token text, which is shown
    once and never stored (only its digest is)."""
    _require(actor, "accounts.api_tokens")
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            {"name": _("Dé un nombre al token (por ejemplo, el sistema que lo usa).")}
        )
    active = ApiToken.objects.select_for_update().filter(user=actor, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Ya tiene %(n)s tokens activos: revoque alguno antes de crear otro.")
            % {"n": MAX_ACTIVE_TOKENS}
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=actor, name=name, prefix=raw[:12], key_hash=token_digest(raw))
    token.full_clean()
    token.save()
    audit.record(
        actor=actor,
        verb=API_TOKEN_CREATED,
        target=actor,
        data={"name": token.name, "prefix": token.prefix},
        public=False,
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    _require(actor, "accounts.revoke_api_token", token)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError(_("Este token ya estaba revocado."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        verb=API_TOKEN_REVOKED,
        target=token.user,
        data={"name": token.name, "prefix": token.prefix},
        public=False,
    )
    return token


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The active token whose text is ``raw`` (with an active account), or None.

    Stamps ``last_used_at``: bookkeeping, not a change anyone makes, so it is not audited.
    """
    if not raw or len(raw) > 200 or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user__organization")
        .filter(key_hash=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return token
