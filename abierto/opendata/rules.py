"""Open data: the Grupo Núcleo publishes the plan's reports in the document repository."""

import rules

from abierto.core.rules import is_forum_member

rules.add_perm("opendata.publish_reports", is_forum_member)
