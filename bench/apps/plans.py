"""Plans: the list and a plan page (the demo's plans; a country has a handful)."""

from families import Dataset, PageFamily, dataset_builder, page_family


def _plan_paths(facts: dict) -> list[str]:
    return [f"/planes/{slug}/" for slug in facts["plan_slugs"]]


page_family(PageFamily(key="plans", label="/planes/", app="plans", order=20, paths=["/planes/"]))
page_family(
    PageFamily(key="plan_detail", label="/planes/<plan>/", app="plans", order=21, paths=_plan_paths)
)


@dataset_builder("plans", after=("core",))
def build(data: Dataset) -> None:
    """No volume (a country has a few plans): records the current plans' addresses."""
    from abierto.plans.models import ActionPlan

    data.facts["plan_slugs"] = list(
        ActionPlan.objects.order_by("id").values_list("slug", flat=True)
    )
