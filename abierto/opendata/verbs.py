"""Audit verbs of the open-data app."""

from django.utils.translation import gettext_lazy as _

from abierto.core.audit import Verb

from .models import ReportKindChoice

REPORT_PUBLISHED = Verb(
    "report.published",
    _("Informe publicado: %(kind)s, versión %(version)s."),
    display={"kind": lambda value: ReportKindChoice(value).label},
)

VERBS = [REPORT_PUBLISHED]
