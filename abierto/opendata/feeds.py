"""Feeds to follow the process: Atom for new proposals and for decisions (reasoned
responses), built with Django's syndication framework. No personal data: a proposal's entry
carries its public title, problem and status; a decision its reasoned response and the role
that signed it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from abierto.core.roles import role_label
from abierto.core.text import printable
from abierto.proposals.exports import public_proposals
from abierto.proposals.models import DECISION_STATUSES, Proposal

ITEMS = 50


def _printable(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list | tuple):
        return [_printable(part) for part in value]
    return value


class SafeAtom1Feed(Atom1Feed):
    """Atom whose entries never carry what XML 1.0 cannot (a control character typed into a
    title would otherwise make the whole feed a 500, for everyone)."""

    def add_item(self, *args, **kwargs):
        args = tuple(_printable(value) for value in args)
        super().add_item(*args, **{key: _printable(value) for key, value in kwargs.items()})


class NewProposalsFeed(Feed):
    feed_type = SafeAtom1Feed
    title = _("Propuestas ciudadanas nuevas")
    subtitle = _("Las últimas propuestas públicas recibidas para la cocreación de los planes.")
    link = "/propuestas/"

    def items(self):
        return public_proposals().order_by("-created_at", "-id")[:ITEMS]

    def item_title(self, item: Proposal) -> str:
        return item.title

    def item_description(self, item: Proposal) -> str:
        return f"{item.plan_title}. {item.problem}"  # type: ignore[attr-defined]

    def item_link(self, item: Proposal) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Proposal) -> datetime.datetime:
        return item.created_at

    def item_updateddate(self, item: Proposal) -> datetime.datetime:
        return item.status_changed_at

    def item_guid(self, item: Proposal) -> str:
        return f"{settings.ABIERTO_SITE_URL}/propuestas/{item.pk}/"

    def item_categories(self, item: Proposal):
        return [item.get_status_display()]


class DecisionsFeed(Feed):
    feed_type = SafeAtom1Feed
    title = _("Decisiones sobre propuestas")
    subtitle = _(
        "Las respuestas razonadas del Grupo Núcleo a cada propuesta, las más recientes primero."
    )
    link = "/propuestas/"

    def items(self):
        return (
            public_proposals()
            .filter(status__in=sorted(DECISION_STATUSES))
            .order_by("-status_changed_at", "-id")[:ITEMS]
        )

    def item_title(self, item: Proposal) -> str:
        return f"{item.get_status_display()}: {item.title}"

    def item_description(self, item: Proposal) -> str:
        return item.response_text

    def item_link(self, item: Proposal) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Proposal) -> datetime.datetime:
        return item.status_changed_at

    def item_updateddate(self, item: Proposal) -> datetime.datetime:
        return item.status_changed_at

    def item_guid(self, item: Proposal) -> str:
        return f"{settings.ABIERTO_SITE_URL}/propuestas/{item.pk}/#decision-{item.status}"

    def item_author_name(self, item: Proposal) -> str:
        return str(role_label(item.response_role)) if item.response_role else str(_("Grupo Núcleo"))


#: What counts as news of a commitment: lifecycle, reports, verified progress, re-programmings.
COMMITMENT_UPDATE_VERBS = (
    "commitment.status_changed",
    "commitment.reprogrammed",
    "report.submitted",
    "milestone.completed",
    "evidence.verified",
    "measurement.recorded",
)


class CommitmentUpdatesFeed(Feed):
    """The public history of public commitments, newest first: status changes, progress
    reports, milestones completed with verified evidence, measurements, re-programmings.
    Entries say what happened and the role that did it, never the person."""

    feed_type = Atom1Feed
    title = _("Novedades de los compromisos")
    subtitle = _(
        "Cambios de estado, reportes de avance, hitos cumplidos con evidencia verificada, "
        "mediciones y reprogramaciones de los compromisos públicos."
    )
    link = "/seguimiento/compromisos/"

    def items(self):
        from django.contrib.contenttypes.models import ContentType

        from abierto.commitments.models import PUBLIC_STATUSES, Commitment
        from abierto.core.models import ActionLog

        codes = dict(
            Commitment.objects.filter(status__in=sorted(PUBLIC_STATUSES)).values_list("pk", "code")
        )
        entries = list(
            ActionLog.objects.filter(
                content_type=ContentType.objects.get_for_model(Commitment),
                object_id__in=[str(pk) for pk in codes],
                public=True,
                verb__in=COMMITMENT_UPDATE_VERBS,
            )
            .only("id", "created_at", "verb", "data", "actor_role", "object_id")
            .order_by("-created_at", "-id")[:ITEMS]
        )
        for entry in entries:
            entry.commitment_code = codes[int(entry.object_id)]
        return entries

    def _text(self, item) -> str:
        from abierto.core.manifest import verbs

        verb = verbs().get(item.verb)
        return verb.render(item.data) if verb is not None else item.verb

    def item_title(self, item) -> str:
        return f"{item.commitment_code}: {self._text(item)}"

    def item_description(self, item) -> str:
        return self._text(item)

    def item_link(self, item) -> str:
        from django.urls import reverse

        return reverse("commitments:detail", args=[item.commitment_code])

    def item_pubdate(self, item) -> datetime.datetime:
        return item.created_at

    def item_guid(self, item) -> str:
        return (
            f"{settings.ABIERTO_SITE_URL}/compromisos/{item.commitment_code}/#historial-{item.pk}"
        )

    def item_author_name(self, item) -> str:
        from abierto.core.roles import role_label

        return str(role_label(item.actor_role)) if item.actor_role else str(_("Plataforma"))
