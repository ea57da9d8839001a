"""Who may do what with mesas (django-rules predicates; ask them through ``allowed``).

* The Grupo Núcleo convenes mesas: creates, edits and cancels them and assigns facilitators.
* A facilitator manages only the mesas assigned to them: check-in, attendance, minutes,
  the list of registrations. The Grupo Núcleo may do the same on every mesa.
"""

import rules

from abierto.accounts.roles import Role, user_has_role


@rules.predicate
def is_forum_member(user) -> bool:
    return user_has_role(user, Role.FORUM_MEMBER)


@rules.predicate
def is_facilitator(user) -> bool:
    return user_has_role(user, Role.FACILITATOR)


@rules.predicate
def is_mesa_facilitator(user, mesa) -> bool:
    if mesa is None or not getattr(user, "is_authenticated", False):
        return False
    return mesa.facilitators.filter(pk=user.pk).exists()


rules.add_perm("mesas.view_staff_section", is_forum_member | is_facilitator)
rules.add_perm("mesas.convene_mesa", is_forum_member)
rules.add_perm("mesas.manage_mesa", is_forum_member | is_mesa_facilitator)


def allowed(user, permission: str, obj=None) -> bool:
    """Ask a rule (the same question views, services and templates ask)."""
    return rules.has_perm(permission, user, obj)
