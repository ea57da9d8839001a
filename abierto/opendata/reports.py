"""Printable reports of a plan: the action plan document, the progress report for
accountability (rendición de cuentas) and the reasoned-response report.

Each report is one template body (``opendata/reports/_<kind>.html``) shown two ways: as a web
page with a print stylesheet (``opendata/reports/page.html``) and as a PDF through WeasyPrint
(``opendata/reports/pdf.html``, ``core.pdf``). The data come from the commitments and
proposals selectors, which read only public columns: no report carries personal data.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from abierto.commitments import selectors as commitment_selectors
from abierto.commitments.models import EvidenceStatus
from abierto.commitments.models import Status as CommitmentStatus
from abierto.content.models import DocumentType
from abierto.core.pdf import render_pdf
from abierto.plans.models import ActionPlan
from abierto.proposals import selectors as proposal_selectors
from abierto.proposals.models import DECISION_STATUSES
from abierto.proposals.models import Status as ProposalStatus


@dataclass(frozen=True)
class ReportKind:
    slug: str
    title: Promise
    description: Promise
    doc_type: str
    body_template: str


ACTION_PLAN = ReportKind(
    slug="plan-de-accion",
    title=_("Documento del plan de acción"),
    description=_("Todas las fichas de compromiso del plan, con sus hitos e indicadores."),
    doc_type=DocumentType.ACTION_PLAN,
    body_template="opendata/reports/_action_plan.html",
)
PROGRESS = ReportKind(
    slug="rendicion-de-cuentas",
    title=_("Informe de avance para la rendición de cuentas"),
    description=_(
        "Avance general, por eje y por institución, retrasos y evidencias verificadas o pendientes."
    ),
    doc_type=DocumentType.REPORT,
    body_template="opendata/reports/_progress.html",
)
RESPONSES = ReportKind(
    slug="respuestas-razonadas",
    title=_("Informe de respuestas razonadas"),
    description=_("Cada propuesta pública del plan, qué fue de ella y la respuesta razonada."),
    doc_type=DocumentType.REPORT,
    body_template="opendata/reports/_responses.html",
)
KINDS: dict[str, ReportKind] = {k.slug: k for k in (ACTION_PLAN, PROGRESS, RESPONSES)}


def _shows_examples(commitment, *, indicators: bool = True) -> bool:
    """A commitment, or a milestone or indicator of it (prefetched), is example data."""
    return (
        commitment.is_example
        or any(m.is_example for m in commitment.milestones.all())
        or (indicators and any(i.is_example for i in commitment.indicators.all()))
    )


def _action_plan(plan: ActionPlan, today: datetime.date) -> dict:
    sheets = commitment_selectors.plan_sheets(plan=plan)
    for commitment in sheets:
        for indicator in commitment.indicators.all():
            measurements = list(indicator.measurements.all())  # prefetched, by date
            indicator.latest_measurement = measurements[-1] if measurements else None
    return {"sheets": sheets, "has_examples": any(_shows_examples(c) for c in sheets)}


def _progress(plan: ActionPlan, today: datetime.date) -> dict:
    dashboard = commitment_selectors.plan_dashboard(plan=plan, today=today)
    evidence = commitment_selectors.plan_evidence_counts(plan=plan)
    return {
        "dashboard": dashboard,
        "evidence_verified": evidence[EvidenceStatus.VERIFIED],
        "evidence_pending": evidence[EvidenceStatus.PENDING],
        "completed_status": CommitmentStatus.COMPLETED,
        "has_examples": any(
            _shows_examples(r.commitment, indicators=False) for r in dashboard.rows
        ),
    }


def _responses(plan: ActionPlan, today: datetime.date) -> dict:
    proposals = proposal_selectors.plan_decisions(plan=plan)
    by_status = Counter(p.status for p in proposals)
    return {
        "proposals": proposals,
        "status_counts": [
            (label, by_status[value]) for value, label in ProposalStatus.choices if by_status[value]
        ],
        "decided": sum(1 for p in proposals if p.status in DECISION_STATUSES),
        "answered": sum(1 for p in proposals if p.response_text.strip()),
        "has_examples": any(p.is_example for p in proposals),
    }


BUILDERS = {ACTION_PLAN.slug: _action_plan, PROGRESS.slug: _progress, RESPONSES.slug: _responses}


def report_context(kind: ReportKind, plan: ActionPlan, *, today=None) -> dict:
    """Everything a report's template shows (the same for its web page and its PDF)."""
    today = today or timezone.localdate()
    return {
        "kind": kind,
        "plan": plan,
        "today": today,
        "site_name": settings.ABIERTO_SITE_NAME,
        "site_url": settings.ABIERTO_SITE_URL,
        **BUILDERS[kind.slug](plan, today),
    }


def report_pdf(kind: ReportKind, plan: ActionPlan, *, today=None, version: int | None = None):
    """The report as a PDF, always in the site's first language (an official document)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = report_context(kind, plan, today=today)
        context["version"] = version
        return render_pdf("opendata/reports/pdf.html", context)


def report_filename(kind: ReportKind, plan: ActionPlan) -> str:
    return f"{kind.slug}-{slugify(plan.slug)[:60]}.pdf"
