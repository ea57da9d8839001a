"""sitemap.xml: the public pages, plans, public proposals and information pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from abierto.content.models import Page
from abierto.plans.models import ActionPlan
from abierto.proposals.models import Proposal


class SectionsSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return [
            "content:home",
            "content:page_index",
            "content:documents",
            "plans:list",
            "proposals:list",
            "forum:forum",
            "forum:actors",
            "opendata:catalogue",
        ]

    def location(self, item):
        return reverse(item)


class PlanSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ActionPlan.objects.order_by("id").only("slug", "updated_at")

    def location(self, item):
        return reverse("plans:detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Page.public_objects.order_by("id").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ProposalSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = 5000  # per sitemap page: /sitemap-propuestas.xml?p=2 ...

    def items(self):
        return Proposal.public_objects.order_by("id").only("id", "status_changed_at")

    def lastmod(self, item):
        return item.status_changed_at


SITEMAPS = {
    "secciones": SectionsSitemap,
    "planes": PlanSitemap,
    "paginas": PageSitemap,
    "propuestas": ProposalSitemap,
}
