"""Who may do what with commitments (django-rules predicates).

* ``commitments.report_on``: an institution liaison whose organisation is the lead or a
  supporting institution of the commitment reports on it (progress reports, milestone
  progress, measurements, evidence). Nobody else, not even the Grupo Núcleo, writes
  self-reports in an institution's name.
* ``commitments.manage``: the Grupo Núcleo creates and edits sheets, milestones, indicators,
  moves the lifecycle, answers the consultation and enters IRM assessments.
* ``commitments.verify_evidence``: the Grupo Núcleo, or a liaison of the commitment's
  civil-society counterpart (contraparte).
* ``commitments.view_staff_section``: Grupo Núcleo and liaisons reach /gestion/compromisos/.
* ``commitments.comment``: a signed-in person, while the sheet is in public consultation.
"""

import rules

from abierto.core.roles import Role, has_role, user_has_role

from .models import ActorRole, Status

REPORTING_ROLES = (ActorRole.LEAD, ActorRole.SUPPORT)


is_forum_member = has_role(Role.FORUM_MEMBER)
is_liaison = has_role(Role.LIAISON)


def _actor_org_ids(commitment, roles) -> set[int]:
    """Organisation ids of the commitment's actors in ``roles`` (uses prefetched actors)."""
    return {actor.organization_id for actor in commitment.actors.all() if actor.role in roles}


@rules.predicate
def is_reporting_liaison(user, commitment) -> bool:
    if commitment is None or not user_has_role(user, Role.LIAISON):
        return False
    org_id = getattr(user, "organization_id", None)
    return org_id is not None and org_id in _actor_org_ids(commitment, REPORTING_ROLES)


@rules.predicate
def is_counterpart_liaison(user, commitment) -> bool:
    if commitment is None or not user_has_role(user, Role.LIAISON):
        return False
    org_id = getattr(user, "organization_id", None)
    return org_id is not None and org_id in _actor_org_ids(commitment, (ActorRole.COUNTERPART,))


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def in_consultation(user, commitment) -> bool:
    return commitment is not None and commitment.status == Status.IN_CONSULTATION


rules.add_perm("commitments.report_on", is_reporting_liaison)
rules.add_perm("commitments.manage", is_forum_member)
rules.add_perm("commitments.verify_evidence", is_forum_member | is_counterpart_liaison)
rules.add_perm("commitments.view_staff_section", is_forum_member | is_liaison)
rules.add_perm("commitments.comment", is_signed_in & in_consultation)
