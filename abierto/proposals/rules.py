"""Who may do what with proposals (small named predicates; roles live in accounts.roles)."""

from abierto.accounts.roles import Role, user_has_role

#: Staff who may enter proposals on someone's behalf (mesa or paper) and see the queue.
INTAKE_ROLES = (Role.FACILITATOR, Role.FORUM_MEMBER, Role.ADMIN)
#: Staff who decide (status changes, reasoned responses, corrections) and moderate: the
#: Grupo Núcleo runs the process; Administración runs the site, not the decisions.
DECISION_ROLES = (Role.FORUM_MEMBER,)


def can_decide(user) -> bool:
    return user_has_role(user, *DECISION_ROLES)
