"""Who may reach the shared back office (see core/permissions.py for how rules are asked)."""

import rules

from .roles import STAFF_ROLES, Role, has_role

is_admin = has_role(Role.ADMIN)
is_forum_member = has_role(Role.FORUM_MEMBER)
is_staff_member = has_role(*STAFF_ROLES)

rules.add_perm("core.view_staff_dashboard", is_staff_member)
rules.add_perm("core.use_django_admin", is_admin)
