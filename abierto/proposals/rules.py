"""Who may do what with proposals, object by object.

- The Grupo Núcleo sees every proposal with its contact data, decides, corrects and moderates.
- A facilitator enters paper and mesa proposals for the plans assigned to them (a mesa's
  proposals only for the mesas assigned to them), and sees the
  proposals of those plans without contact data, except the ones they entered themselves.
- Administración runs the site, not the process: it does not reach proposals.
- Nobody on the staff side ever sees a tracking code.
"""

import rules

from abierto.core.rules import is_forum_member
from abierto.mesas.rules import is_mesa_facilitator
from abierto.plans.rules import facilitates_plan, is_facilitator


@rules.predicate
def entered_it(user, proposal) -> bool:
    return proposal is not None and proposal.entered_by_id == getattr(user, "pk", None)


@rules.predicate
def facilitates_its_plan(user, proposal) -> bool:
    return proposal is not None and facilitates_plan(user, proposal.plan)


@rules.predicate
def facilitates_any_plan(user, plan=None) -> bool:
    """With a plan: the user facilitates it. Without one: the user facilitates some plan."""
    if not getattr(user, "is_authenticated", False):
        return False
    if plan is not None:
        return facilitates_plan(user, plan)
    return user.facilitated_plans.exists()


rules.add_perm("proposals.view_queue", is_forum_member | (is_facilitator & facilitates_any_plan))
rules.add_perm(
    "proposals.view_staff", is_forum_member | (is_facilitator & (entered_it | facilitates_its_plan))
)
rules.add_perm("proposals.view_contact", is_forum_member | (is_facilitator & entered_it))
rules.add_perm("proposals.view_attachments", is_forum_member | (is_facilitator & entered_it))
rules.add_perm("proposals.enter", is_forum_member | (is_facilitator & facilitates_any_plan))
#: Paper proposals of one mesa (fast form, CSV): its own facilitators and the Grupo Núcleo.
rules.add_perm("proposals.enter_mesa", is_forum_member | (is_facilitator & is_mesa_facilitator))
rules.add_perm("proposals.decide", is_forum_member)
rules.add_perm("proposals.moderate", is_forum_member)
