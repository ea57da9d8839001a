"""Writes of the open-data app: publishing a report in the document repository."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from abierto.content import services as content_services
from abierto.core import audit
from abierto.core.services import full_clean
from abierto.plans.models import ActionPlan

from . import reports
from .models import PublishedReport
from .verbs import REPORT_PUBLISHED


@transaction.atomic
def report_publish(
    *, actor, plan: ActionPlan, kind: str, today: datetime.date | None = None
) -> PublishedReport:
    """Render a report of ``plan`` as a PDF and publish it as a file in the document
    repository, dated ``today`` and numbered: version N+1 of that plan's report of that kind.

    The plan row is locked while the number is chosen, so two publications at once get two
    numbers. The document is marked as an example when the report shows example data.
    """
    report_kind = reports.KINDS.get(kind)
    if report_kind is None:
        raise ValidationError(_("No existe ese tipo de informe."), code="unknown_report")
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    today = today or timezone.localdate()
    last = PublishedReport.objects.filter(plan=plan, kind=kind).aggregate(n=Max("version"))["n"]
    version = (last or 0) + 1
    with translation.override(settings.LANGUAGE_CODE):
        context = reports.report_context(report_kind, plan, today=today)
        pdf = reports.report_pdf(report_kind, plan, today=today, version=version)
        title = _("%(report)s · %(plan)s (versión %(version)s)") % {
            "report": report_kind.title,
            "plan": plan.title,
            "version": version,
        }
        description = _(
            "%(description)s Generado por la plataforma el %(date)s a partir de sus datos "
            "públicos (versión %(version)s)."
        ) % {
            "description": report_kind.description,
            "date": today.strftime("%d/%m/%Y"),
            "version": version,
        }
    upload = SimpleUploadedFile(
        reports.report_filename(report_kind, plan), pdf, content_type="application/pdf"
    )
    document = content_services.document_create(
        actor=actor,
        doc_type=report_kind.doc_type,
        title=title[:255],
        date=today,
        description=description,
        upload=upload,
        plan=plan,
        is_example=context["has_examples"],
    )
    published = PublishedReport(plan=plan, kind=kind, version=version, document=document)
    full_clean(published)
    published.save()
    audit.record(
        actor=actor,
        verb=REPORT_PUBLISHED,
        target=document,
        data={"kind": kind, "version": version},
    )
    return published
