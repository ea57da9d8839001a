"""Publish a plan's reports in the document repository (a new version of each).

manage.py publish_reports                       # every closed plan, the three reports
manage.py publish_reports --plan 2 --kind rendicion-de-cuentas
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from abierto.core.roles import SYSTEM_ACTOR
from abierto.opendata import services
from abierto.opendata.reports import KINDS
from abierto.plans.models import ActionPlan, PlanStatus


class Command(BaseCommand):
    help = "Publica los informes de un plan (PDF) en el repositorio de documentos."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, help="Número del plan (por omisión: los cerrados)")
        parser.add_argument("--kind", choices=sorted(KINDS), help="Un solo tipo de informe")

    def handle(self, *args, plan=None, kind=None, **options):
        if plan is not None:
            plans = list(ActionPlan.objects.filter(number=plan))
            if not plans:
                raise CommandError(f"No existe el plan número {plan}.")
        else:
            plans = list(ActionPlan.objects.filter(status=PlanStatus.CLOSED).order_by("number"))
        kinds = [kind] if kind else list(KINDS)
        for one in plans:
            for slug in kinds:
                try:
                    published = services.report_publish(actor=SYSTEM_ACTOR, plan=one, kind=slug)
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from error
                self.stdout.write(
                    f"{one.title}: {slug}, versión {published.version} "
                    f"(/documentos/{published.document.pk}/)"
                )
