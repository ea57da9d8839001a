"""Mesas (co-creation tables): the public list and calendar on the demo's mesas.

Hook for the mesas app's owners: a ``@dataset_builder("mesas", after=("plans",))`` filling
``data.scale.counts["mesas"]`` mesas (200 at L) and ``counts["registrations"]`` registrations
(10,000), then a family for a mesa page and one for registration (a POST flow, like
``proposals.py``'s submission driver), with their budgets in ``targets.py``.
"""

from families import PageFamily, page_family

page_family(PageFamily(key="mesas", label="/mesas/", app="mesas", order=50, paths=["/mesas/"]))
page_family(
    PageFamily(
        key="mesas_calendar",
        label="/mesas/calendario/",
        app="mesas",
        order=51,
        paths=["/mesas/calendario/"],
    )
)
