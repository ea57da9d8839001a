from django.core.management.base import BaseCommand, CommandError

from abierto.core.audit import first_broken_link, seal_pending


class Command(BaseCommand):
    help = (
        "Sella las filas nuevas del registro de acciones y verifica toda la cadena de hashes "
        "(imprime «ok» o la primera fila rota)."
    )

    def handle(self, *args, **options):
        seal_pending()
        broken = first_broken_link()
        if broken is None:
            self.stdout.write("ok")
            return
        raise CommandError(
            f"Cadena rota en el registro {broken.pk} (n.º {broken.seq}, "
            f"{broken.created_at:%Y-%m-%d %H:%M:%S}, {broken.verb})."
        )
