"""``{% plan_tracking_links plan %}``: the links from a plan's page to its commitments.

Shown only when the plan has public commitments, so the plan page never promises an empty
tracking page.
"""

from django import template

from abierto.commitments.models import PUBLIC_STATUSES

register = template.Library()


@register.inclusion_tag("commitments/_plan_links.html")
def plan_tracking_links(plan) -> dict:
    count = plan.commitments.filter(status__in=sorted(PUBLIC_STATUSES)).count() if plan else 0
    return {"plan": plan, "count": count}


@register.inclusion_tag("commitments/_proposal_commitment.html")
def proposal_commitment_link(proposal) -> dict:
    """On a proposal's page: the public commitment it fed, if any (provenance, both sides)."""
    commitment = proposal.commitment if proposal and proposal.commitment_id else None
    if commitment is not None and commitment.status not in PUBLIC_STATUSES:
        commitment = None
    return {"commitment": commitment}
