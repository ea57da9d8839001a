"""The roles of DESIGN.md, kept as Django groups.

A role says which back office a person reaches; what they may do with one object (this
proposal, that mesa) is decided by the per-object rules of each app (``<app>/rules.py``), which
build on the ``has_role`` predicate below. Nothing checks group names by hand.

- Administración runs the site: information pages, documents, accounts and role grants.
- Grupo Núcleo runs the process: plans, stages, criteria, decisions, the forum, verification.
- Comisión de evaluación scores the proposals assigned to them in a round.
- Facilitación handles the plans and mesas assigned to them, and paper intake.
- Enlace institucional reports on the commitments of their organisation.
"""

from enum import StrEnum

import rules
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    CITIZEN = "ciudadania"
    FACILITATOR = "facilitacion"
    EVALUATOR = "evaluacion"
    LIAISON = "enlace-institucional"
    FORUM_MEMBER = "grupo-nucleo"
    ADMIN = "administracion"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])

    def group(self) -> Group:
        return Group.objects.get_or_create(name=self.value)[0]


ROLE_LABELS = {
    Role.CITIZEN: _("Ciudadanía"),
    Role.FACILITATOR: _("Facilitación de mesas"),
    Role.EVALUATOR: _("Comisión de evaluación"),
    Role.LIAISON: _("Enlace institucional"),
    Role.FORUM_MEMBER: _("Grupo Núcleo"),
    Role.ADMIN: _("Administración"),
}

#: Roles that work on the private side and so must use a second factor in production.
STAFF_ROLES = frozenset(
    {Role.FACILITATOR, Role.EVALUATOR, Role.LIAISON, Role.FORUM_MEMBER, Role.ADMIN}
)

#: Most senior first: the public history names the highest role an actor holds.
_ROLE_PRECEDENCE = [
    Role.ADMIN,
    Role.FORUM_MEMBER,
    Role.EVALUATOR,
    Role.LIAISON,
    Role.FACILITATOR,
    Role.CITIZEN,
]


def user_roles(user) -> frozenset[Role]:
    """The roles a user holds, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_abierto_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._abierto_roles = cached
    return cached


def user_has_role(user, *roles: Role) -> bool:
    held = user_roles(user)
    return any(role in held for role in roles)


def has_role(*roles: Role) -> rules.Predicate:
    """A rules predicate: the user holds one of ``roles`` (``has_role(Role.ADMIN)``)."""
    names = "_".join(role.value for role in roles)

    def check(user) -> bool:
        return user_has_role(user, *roles)

    return rules.Predicate(check, name=f"has_role:{names}")


def is_staff_member(user) -> bool:
    """True for anyone holding a role that works on the private side."""
    return bool(user_roles(user) & STAFF_ROLES)


PUBLIC_ACTOR = "publico"
#: Pass as ``actor`` for what the platform itself writes (demo and initial data loads).
SYSTEM_ACTOR = "sistema"


def public_role_of(user) -> str:
    """The role slug the audit trail keeps in place of a person (their highest role)."""
    if user == SYSTEM_ACTOR:
        return SYSTEM_ACTOR
    if not getattr(user, "is_authenticated", False):
        return PUBLIC_ACTOR
    held = user_roles(user)
    for role in _ROLE_PRECEDENCE:
        if role in held:
            return role.value
    return Role.CITIZEN.value


def role_label(slug: str) -> str:
    """The translated label of a role slug kept by ``public_role_of``."""
    if slug == PUBLIC_ACTOR:
        return str(_("Público"))
    if slug == SYSTEM_ACTOR:
        return str(_("Carga inicial de datos"))
    try:
        return str(ROLE_LABELS[Role(slug)])
    except ValueError:
        return slug


def ensure_role_groups() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)
