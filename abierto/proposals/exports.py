"""Open dataset of the proposals app: every public proposal, its status and reasoned response.

Only the public side of a proposal leaves the site. Never here: the proposer's name, email,
phone, gender, age range, self-identification, tracking code, idempotency token, accounts,
attachments or moderation notes. Proposals hidden by moderation are left out.
"""

import functools

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from abierto.core.datasets import Dataset, fields
from abierto.core.geo import ProposalScope
from abierto.forum.models import Sector

from .models import Channel, Proposal, Status

#: The columns the public export reads; ``.only()`` keeps the private ones out of memory too.
PUBLIC_COLUMNS = (
    "id",
    "plan_id",
    "title",
    "problem",
    "solution",
    "beneficiaries",
    "axis_id",
    "theme_id",
    "province",
    "canton",
    "proposer_type",
    "organization_name",
    "channel",
    "status",
    "status_changed_at",
    "created_at",
    "response_text",
    "response_role",
    "response_date",
    "merged_into_id",
    "commitment_id",
    "is_example",
)


def public_proposals():
    """Public proposals with only their public columns, oldest first.

    The plan's title and the axis and theme names come as columns of the same row
    (``plan_title``, ``axis_name``, ``theme_name``), not as related objects: the full export
    builds one object per proposal instead of four (100,000 rows at national scale).
    """
    return (
        Proposal.public_objects.only(*PUBLIC_COLUMNS)
        .annotate(
            plan_title=F("plan__title"), axis_name=F("axis__name"), theme_name=F("theme__name")
        )
        .order_by("id")
    )


@functools.cache
def _url_pattern(language: str | None) -> str:
    return settings.ABIERTO_SITE_URL + reverse("proposals:detail", kwargs={"pk": 999_999_999})


def proposal_url(pk: int) -> str:
    """The proposal's public address (resolved once per language: exports run it per row)."""
    return _url_pattern(get_language()).replace("999999999", str(pk))


def proposal_row(p: Proposal) -> dict:
    return {
        "id": p.pk,
        "plan_id": p.plan_id,
        "plan": p.plan_title,  # type: ignore[attr-defined]
        "titulo": p.title,
        "problema": p.problem,
        "solucion": p.solution,
        "beneficiarios": p.beneficiaries,
        "eje_id": p.axis_id,
        "eje": p.axis_name or "",  # type: ignore[attr-defined]
        "tema_id": p.theme_id,
        "tema": p.theme_name or "",  # type: ignore[attr-defined]
        "provincia": p.province,
        "canton": p.canton,
        "tipo_proponente": p.proposer_type,
        "organizacion": p.organization_name,
        "canal": p.channel,
        "estado": p.status,
        "estado_desde": p.status_changed_at,
        "recibida": p.created_at,
        "respuesta_razonada": p.response_text,
        "respondida_por": p.response_role,
        "fecha_respuesta": p.response_date,
        "fusionada_con": p.merged_into_id,
        "compromiso_id": p.commitment_id,
        "es_ejemplo": p.is_example,
        "direccion": proposal_url(p.pk),
    }


PROPOSALS = Dataset(
    slug="propuestas",
    title=_("Propuestas ciudadanas"),
    description=_(
        "Cada propuesta pública enviada a la cocreación de un plan, con su estado y la "
        "respuesta razonada. Sin datos personales: ni nombres, ni contactos, ni datos "
        "demográficos de quien propone."
    ),
    fields=fields(
        ("id", "integer", _("Identificador público de la propuesta.")),
        ("plan_id", "integer", _("Plan al que se envió (id del conjunto «planes»).")),
        ("plan", "string", _("Título del plan.")),
        ("titulo", "string", _("Título de la propuesta.")),
        ("problema", "string", _("Problema que plantea.")),
        ("solucion", "string", _("Solución propuesta.")),
        ("beneficiarios", "string", _("A quién beneficia.")),
        ("eje_id", "integer", _("Eje del plan (id del conjunto «ejes»).")),
        ("eje", "string", _("Nombre del eje.")),
        ("tema_id", "integer", _("Tema de mesa (id), si lo tiene.")),
        ("tema", "string", _("Nombre del tema.")),
        (
            "provincia",
            "string",
            _("Provincia a la que se refiere, o «nacional» o «exterior»."),
            tuple(ProposalScope),
        ),
        ("canton", "string", _("Cantón.")),
        ("tipo_proponente", "string", _("Tipo de actor que propone."), tuple(Sector)),
        ("organizacion", "string", _("Organización que propone, si la hay.")),
        ("canal", "string", _("Canal de entrada: web, mesa o papel."), tuple(Channel)),
        ("estado", "string", _("Estado actual de la propuesta."), tuple(Status)),
        ("estado_desde", "datetime", _("Fecha y hora del último cambio de estado.")),
        ("recibida", "datetime", _("Fecha y hora de recepción.")),
        ("respuesta_razonada", "string", _("Respuesta razonada del Grupo Núcleo.")),
        ("respondida_por", "string", _("Rol de quien respondió.")),
        ("fecha_respuesta", "date", _("Fecha de la respuesta razonada.")),
        ("fusionada_con", "integer", _("Propuesta con la que se fusionó (id), si aplica.")),
        ("compromiso_id", "integer", _("Compromiso al que aportó (id), si aplica.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
        ("direccion", "string", _("Página pública de la propuesta.")),
    ),
    queryset=public_proposals,
    row=proposal_row,
    record_columns=(
        "pk",
        *(c for c in PUBLIC_COLUMNS if c != "id"),
        "plan_title",
        "axis_name",
        "theme_name",
    ),
    keywords=("propuestas", "participación ciudadana", "respuestas razonadas"),
)

DATASETS = [PROPOSALS]
