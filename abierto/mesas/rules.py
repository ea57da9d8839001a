"""Who may do what with mesas (django-rules; asked through ``core.permissions.allowed``).

* The Grupo Núcleo convenes mesas: creates, edits and cancels them and assigns facilitators.
* A facilitator manages only the mesas assigned to them: check-in, voluntary profiles, the
  list of registrations, marking the mesa held, its minutes. The Grupo Núcleo may do the same
  on every mesa. Administración runs the site, not the process: it has none of these.
"""

import rules

from abierto.core.roles import Role, has_role
from abierto.core.rules import is_forum_member

is_facilitator = has_role(Role.FACILITATOR)


@rules.predicate
def is_mesa_facilitator(user, mesa) -> bool:
    """The user is one of the facilitators the Grupo Núcleo assigned to this mesa."""
    if mesa is None or not getattr(user, "is_authenticated", False):
        return False
    return mesa.facilitators.filter(pk=user.pk).exists()


rules.add_perm("mesas.view_staff_section", is_forum_member | is_facilitator)
rules.add_perm("mesas.convene_mesa", is_forum_member)
rules.add_perm("mesas.manage_mesa", is_forum_member | is_mesa_facilitator)
