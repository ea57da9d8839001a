"""Content: Administración runs the official pages; documents are published by Administración
and by the Grupo Núcleo (forum minutes, plan documents)."""

import rules

from abierto.core.rules import is_admin, is_forum_member

rules.add_perm("content.manage_pages", is_admin)
rules.add_perm("content.manage_documents", is_admin | is_forum_member)
