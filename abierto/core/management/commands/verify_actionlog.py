from django.core.management.base import BaseCommand, CommandError

from abierto.core.selectors import actionlog_first_broken_link


class Command(BaseCommand):
    help = "Verifica la cadena de hashes del registro de acciones."

    def handle(self, *args, **options):
        broken = actionlog_first_broken_link()
        if broken is None:
            self.stdout.write("ok")
            return
        raise CommandError(
            f"Cadena rota en el registro {broken.pk} ({broken.created_at:%Y-%m-%d %H:%M:%S}, "
            f"{broken.verb})."
        )
