"""Open datasets of the mesas app (issue 13): the mesas and their minutes.

A mesa is a public event; who registered or attended is not. Only counts leave the site
(confirmed registrations, attendance, the minutes' own figures): never a registration, a name,
an email, a registration code, who checked people in, or the voluntary demographic profiles.
The online session's link is left out too (it is sent to those registered).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.core.datasets import Dataset, fields
from abierto.core.geo import Province

from .models import Kind, Mesa, MesaStatus, Minutes, Modality, RegistrationStatus


def public_mesas() -> QuerySet[Mesa]:
    """Every mesa with its plan, theme, organisations and counts (never the rows counted)."""
    return (
        Mesa.objects.select_related("plan", "theme")
        .prefetch_related("organizers", "supporters")
        .annotate(
            confirmed_count=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
                distinct=True,
            ),
            attendance_count=Count("attendances", distinct=True),
        )
        .order_by("id")
    )


def mesa_url(pk: int) -> str:
    return settings.ABIERTO_SITE_URL + reverse("mesas:detail", kwargs={"pk": pk})


def mesa_row(m: Mesa) -> dict:
    return {
        "id": m.pk,
        "plan_id": m.plan_id,
        "plan": m.plan.title,
        "titulo": m.title,
        "descripcion": m.description,
        "tipo": m.kind,
        "modalidad": m.modality,
        "tema_id": m.theme_id,
        "tema": m.theme.name if m.theme is not None else "",
        "ciudad": m.city,
        "provincia": m.province,
        "lugar": m.venue_address,
        "accesibilidad": m.accessibility_notes,
        "inicio": m.starts_at,
        "fin": m.ends_at,
        "cupos": m.capacity,
        "inscripciones_confirmadas": m.confirmed_count,  # type: ignore[attr-defined]
        "asistentes": m.attendance_count,  # type: ignore[attr-defined]
        "estado": m.status,
        "motivo_cancelacion": m.cancellation_reason,
        "organizan": "; ".join(o.name for o in m.organizers.all()),
        "apoyan": "; ".join(o.name for o in m.supporters.all()),
        "es_ejemplo": m.is_example,
        "direccion": mesa_url(m.pk),
    }


MESAS = Dataset(
    slug="mesas",
    title=_("Mesas de cocreación"),
    description=_(
        "Las mesas territoriales y temáticas de cada plan: cuándo, dónde, de qué tratan, quién "
        "las organiza, su estado y cuántas personas se inscribieron y asistieron (solo "
        "cifras, nunca quiénes)."
    ),
    fields=fields(
        ("id", "integer", _("Identificador de la mesa.")),
        ("plan_id", "integer", _("Plan de acción (id del conjunto «planes»).")),
        ("plan", "string", _("Título del plan.")),
        ("titulo", "string", _("Nombre de la mesa.")),
        ("descripcion", "string", _("De qué trata.")),
        ("tipo", "string", _("Territorial o temática."), tuple(Kind)),
        ("modalidad", "string", _("Presencial, virtual o híbrida."), tuple(Modality)),
        ("tema_id", "integer", _("Tema (id), si lo tiene.")),
        ("tema", "string", _("Nombre del tema.")),
        ("ciudad", "string", _("Ciudad.")),
        ("provincia", "string", _("Provincia."), tuple(Province)),
        ("lugar", "string", _("Lugar y dirección.")),
        ("accesibilidad", "string", _("Condiciones de accesibilidad.")),
        ("inicio", "datetime", _("Fecha y hora de inicio.")),
        ("fin", "datetime", _("Fecha y hora de fin.")),
        ("cupos", "integer", _("Plazas disponibles.")),
        ("inscripciones_confirmadas", "integer", _("Número de inscripciones confirmadas.")),
        ("asistentes", "integer", _("Número de personas registradas como asistentes.")),
        ("estado", "string", _("Convocada, realizada o cancelada."), tuple(MesaStatus)),
        ("motivo_cancelacion", "string", _("Motivo de la cancelación, si se canceló.")),
        ("organizan", "string", _("Organizaciones que la organizan, separadas por «; ».")),
        ("apoyan", "string", _("Organizaciones que la apoyan, separadas por «; ».")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
        ("direccion", "string", _("Página pública de la mesa.")),
    ),
    queryset=public_mesas,
    row=mesa_row,
    keywords=("mesas de cocreación", "participación ciudadana"),
)


def minutes_row(m: Minutes) -> dict:
    signed = ""
    if m.signed_file:
        signed = settings.ABIERTO_SITE_URL + reverse("mesas:minutes_file", kwargs={"pk": m.mesa_id})
    return {
        "id": m.pk,
        "mesa_id": m.mesa_id,
        "mesa": m.mesa.title,
        "fecha": timezone.localtime(m.mesa.starts_at).date(),
        "orden_del_dia": m.agenda,
        "resumen": m.summary,
        "acuerdos": m.agreements,
        "personas_asistentes": m.attendee_count,
        "organizaciones_representadas": m.organization_count,
        "acta_firmada": signed,
        "es_ejemplo": m.mesa.is_example,
    }


MINUTES = Dataset(
    slug="actas-de-mesas",
    title=_("Actas de las mesas de cocreación"),
    description=_(
        "El acta de cada mesa realizada: orden del día, resumen, acuerdos, cuántas personas y "
        "organizaciones asistieron y, si existe, la dirección del acta firmada (PDF)."
    ),
    fields=fields(
        ("id", "integer", _("Identificador del acta.")),
        ("mesa_id", "integer", _("Mesa (id del conjunto «mesas»).")),
        ("mesa", "string", _("Nombre de la mesa.")),
        ("fecha", "date", _("Fecha de la mesa.")),
        ("orden_del_dia", "string", _("Orden del día.")),
        ("resumen", "string", _("Resumen de lo conversado.")),
        ("acuerdos", "string", _("Acuerdos.")),
        ("personas_asistentes", "integer", _("Personas asistentes, según el acta.")),
        ("organizaciones_representadas", "integer", _("Organizaciones representadas.")),
        ("acta_firmada", "string", _("Dirección del acta firmada (PDF), si se subió.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
    ),
    queryset=lambda: Minutes.objects.select_related("mesa").order_by("id"),
    row=minutes_row,
    keywords=("mesas de cocreación", "actas"),
)

DATASETS = [MESAS, MINUTES]
