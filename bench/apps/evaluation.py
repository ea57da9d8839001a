"""Evaluation: the public results page of the plan whose demo round is published.

Hook for later: a ``@dataset_builder("evaluation", after=("proposals",))`` closing a round
with ``counts["scores_per_proposal"]`` scores per proposal (3 at every scale)."""

from families import PageFamily, page_family

page_family(
    PageFamily(
        key="evaluation_results",
        label="/evaluacion/<plan>/ (resultados)",
        app="evaluation",
        order=40,
        paths=lambda facts: [f"/evaluacion/{facts['open_plan_slug']}/"],
    )
)
