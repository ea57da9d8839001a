"""Open datasets of the forum app: organisations (actors) and forum meetings (issue 13).

Organisations describe institutions, never private people; forum memberships (which name
office holders) are not published here.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from abierto.core.datasets import Dataset, fields
from abierto.core.geo import Province

from .models import ForumMeeting, Level, Organization, Sector


def organization_row(org: Organization) -> dict:
    return {
        "id": org.pk,
        "nombre": org.name,
        "siglas": org.acronym,
        "sector": org.sector,
        "nivel": org.level,
        "provincia": org.province,
        "sitio_web": org.website,
        "temas": "; ".join(topic.name for topic in org.topics.all()),
    }


ORGANIZATIONS = Dataset(
    slug="organizaciones",
    title=_("Organizaciones (actores)"),
    description=_(
        "Instituciones y organizaciones del ecosistema de gobierno abierto: sector, nivel, "
        "provincia y temas de interés."
    ),
    fields=fields(
        ("id", "integer", _("Identificador de la organización.")),
        ("nombre", "string", _("Nombre de la organización.")),
        ("siglas", "string", _("Siglas.")),
        ("sector", "string", _("Sector del actor."), tuple(Sector)),
        ("nivel", "string", _("Nivel territorial."), tuple(Level)),
        ("provincia", "string", _("Provincia (vacío si es de alcance nacional)."), tuple(Province)),
        ("sitio_web", "string", _("Sitio web.")),
        ("temas", "string", _("Temas de interés, separados por «; ».")),
    ),
    queryset=lambda: Organization.objects.prefetch_related("topics").order_by("id"),
    row=organization_row,
    keywords=("actores", "organizaciones", "sociedad civil"),
)


def meeting_row(meeting: ForumMeeting) -> dict:
    minutes = meeting.minutes_url
    if not minutes and meeting.minutes_file:
        minutes = settings.ABIERTO_SITE_URL + reverse("forum:minutes", kwargs={"pk": meeting.pk})
    return {
        "id": meeting.pk,
        "fecha": meeting.date,
        "titulo": meeting.title,
        "orden_del_dia": meeting.agenda,
        "acta": minutes,
        "asistentes": meeting.attendance_count,
        "plan_id": meeting.plan_id,
        "es_ejemplo": meeting.is_example,
    }


MEETINGS = Dataset(
    slug="reuniones-grupo-nucleo",
    title=_("Reuniones del Grupo Núcleo"),
    description=_("Las reuniones del foro multiactor: fecha, orden del día, acta y asistencia."),
    fields=fields(
        ("id", "integer", _("Identificador de la reunión.")),
        ("fecha", "date", _("Fecha de la reunión.")),
        ("titulo", "string", _("Título de la reunión.")),
        ("orden_del_dia", "string", _("Orden del día.")),
        ("acta", "string", _("Dirección del acta (vacío si aún no se publica).")),
        ("asistentes", "integer", _("Número de asistentes.")),
        ("plan_id", "integer", _("Plan tratado (id del conjunto «planes»), si lo hay.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
    ),
    queryset=lambda: ForumMeeting.objects.order_by("date", "id"),
    row=meeting_row,
    keywords=("foro multiactor", "Grupo Núcleo", "actas"),
)

DATASETS = [ORGANIZATIONS, MEETINGS]
