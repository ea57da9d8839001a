from django.core.management.base import BaseCommand
from django.utils import timezone

from abierto.mesas.models import Mesa, MesaStatus
from abierto.mesas.services import REMINDER_LEAD, mesa_send_reminders


class Command(BaseCommand):
    help = (
        "Envía el recordatorio a las inscripciones de las mesas que empiezan en las próximas "
        "24 horas (respaldo periódico de la tarea programada; no repite recordatorios)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        total = 0
        for mesa in Mesa.objects.filter(
            status=MesaStatus.SCHEDULED, starts_at__gt=now, starts_at__lte=now + REMINDER_LEAD
        ):
            total += mesa_send_reminders(mesa=mesa, now=now)
        if options["verbosity"]:
            self.stdout.write(f"Recordatorios en cola: {total}")
