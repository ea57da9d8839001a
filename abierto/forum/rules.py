"""Forum: the Grupo Núcleo keeps its roster, meetings and the actors directory."""

import rules

from abierto.core.rules import is_forum_member

rules.add_perm("forum.manage", is_forum_member)
