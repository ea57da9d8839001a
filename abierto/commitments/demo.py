"""Demo data of the commitments app: the commitments of Ecuador's two closed plans.

Facts (titles, lead institutions, counterparts, IRM results, the FiTI milestones) come from
/work/shared/seed/ecuador-facts.md; sheet texts are written in our own words. Everything the
facts do not give is example data, marked ``is_example``: milestones (except FiTI's two),
indicators, measurements, progress, evidence files. Lead institutions the facts do not name
are example organisations, "(ejemplo)" in their name. IRM codes: EC0001, EC0003, EC0004,
EC0016 and EC0020 are known; the first plan's others follow its numbering (EC0002 is its second
commitment, ...); the second plan's others (EC0017-EC0019, EC0021) are assigned for the demo.

Everything goes through the services, so each commitment has a real public history.
``load()`` is idempotent: a commitment whose code exists is left as it is.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from abierto.core.roles import SYSTEM_ACTOR
from abierto.forum.models import Organization
from abierto.plans.models import ActionPlan

from . import services
from .models import ActorRole, Commitment, EarlyResults, OGPValue, PotentialImpact, Status

D = datetime.date
A, P, R, T = (
    OGPValue.ACCESS_TO_INFORMATION,
    OGPValue.CIVIC_PARTICIPATION,
    OGPValue.PUBLIC_ACCOUNTABILITY,
    OGPValue.TECHNOLOGY,
)

#: Organisations some commitments need that the forum demo does not register.
EXTRA_ORGANIZATIONS = [
    ("REDAM", "", "academia"),
    (
        "Secretaría de Educación Superior, Ciencia, Tecnología e Innovación",
        "SENESCYT",
        "sector-publico",
    ),
    ("Consejo Nacional Electoral", "CNE", "sector-publico"),
    ("Ministerio de Energía y Minas (ejemplo)", "", "sector-publico"),
    ("Consejo de Participación Ciudadana y Control Social (ejemplo)", "", "sector-publico"),
    ("Secretaría de Derechos Humanos (ejemplo)", "", "sector-publico"),
    ("Secretaría de la Administración Pública (ejemplo)", "", "sector-publico"),
    ("Ministerio del Trabajo (ejemplo)", "", "sector-publico"),
    ("Asociación de Municipalidades Ecuatorianas (ejemplo)", "", "sector-publico"),
]

# (code, title, lead, supports, counterparts, values, sdgs, final status, share of the work
#  done, IRM data or None). ``done`` drives the example progress: 1.0 completes every milestone.
PLAN_1_COMMITMENTS = [
    (
        "EC0001",
        "Política de datos abiertos colaborativa y su guía de implementación",
        "MINTEL",
        [],
        ["REDAM"],
        [A, T],
        [16, 17],
        Status.COMPLETED,
        1.0,
        None,
    ),
    (
        "EC0002",
        "Rediseño del portal nacional de datos abiertos",
        "SNP",
        [],
        [],
        [A, T],
        [16],
        Status.COMPLETED,
        1.0,
        None,
    ),
    (
        "EC0003",
        "Plataforma de información abierta de la contratación pública",
        "SERCOP",
        [],
        ["FCD"],
        [A, R],
        [16],
        Status.COMPLETED,
        1.0,
        {"early_results": EarlyResults.OUTSTANDING, "starred": True},
    ),
    (
        "EC0004",
        "Acuerdo de Escazú: derechos de participación y acceso a la información ambiental",
        "MAATE",
        [],
        [],
        [A, P],
        [13, 16],
        Status.IN_PROGRESS,
        0.6,
        {"early_results": EarlyResults.MARGINAL},
    ),
    (
        "EC0005",
        "Hoja de ruta de la Iniciativa para la Transparencia de las Industrias Extractivas (EITI)",
        "Ministerio de Energía y Minas (ejemplo)",
        [],
        [],
        [A, R],
        [12, 16],
        Status.IN_PROGRESS,
        0.5,
        None,
    ),
    (
        "EC0006",
        "Fortalecimiento de capacidades para el derecho de acceso a la información pública",
        "Consejo de Participación Ciudadana y Control Social (ejemplo)",
        ["DPE"],
        [],
        [A],
        [16],
        Status.COMPLETED,
        1.0,
        None,
    ),
    (
        "EC0007",
        "Plan nacional contra la violencia de género, con observatorio ciudadano",
        "Secretaría de Derechos Humanos (ejemplo)",
        [],
        [],
        [P, R],
        [5, 16],
        Status.IN_PROGRESS,
        0.7,
        None,
    ),
    (
        "EC0008",
        "Primer laboratorio de innovación ciudadana",
        "SENESCYT",
        [],
        [],
        [P, T],
        [9, 16],
        Status.COMPLETED,
        1.0,
        None,
    ),
    (
        "EC0009",
        "Simplificación de trámites impulsada por la ciudadanía",
        "Secretaría de la Administración Pública (ejemplo)",
        ["MINTEL"],
        [],
        [P, T],
        [16],
        Status.COMPLETED,
        1.0,
        None,
    ),
    (
        "EC0010",
        "Estrategia de calidad de los servicios públicos",
        "Ministerio del Trabajo (ejemplo)",
        [],
        [],
        [R],
        [16],
        Status.IN_PROGRESS,
        0.4,
        None,
    ),
]
PLAN_2_COMMITMENTS = [
    (
        "EC0016",
        "Portal Nacional de Transparencia",
        "DPE",
        ["MINTEL", "SNP", "INEC", "Fundapi", "REDAM"],
        ["FCD", "Datalat"],
        [A, R, T],
        [16],
        Status.IN_PROGRESS,
        0.55,
        None,
    ),
    (
        "EC0017",
        "Escuela de participación ciudadana y observatorio",
        "Consejo de Participación Ciudadana y Control Social (ejemplo)",
        [],
        [],
        [P],
        [4, 16],
        Status.IN_PROGRESS,
        0.6,
        None,
    ),
    (
        "EC0018",
        "Más y mejor información legislativa",
        "Asamblea Nacional",
        [],
        [],
        [A, R],
        [16],
        Status.COMPLETED,
        1.0,
        None,
    ),
    (
        "EC0019",
        "Gobierno abierto en los gobiernos autónomos descentralizados",
        "Asociación de Municipalidades Ecuatorianas (ejemplo)",
        [],
        [],
        [A, P],
        [11, 16],
        Status.IN_PROGRESS,
        0.45,
        None,
    ),
    (
        "EC0020",
        "Transparencia pesquera (FiTI)",
        "MPCEIP",
        [],
        [],
        [A, R],
        [14, 16],
        Status.COMPLETED,
        1.0,
        None,
    ),
    (
        "EC0021",
        "Mejores datos sobre procesos electorales y organizaciones políticas",
        "CNE",
        [],
        [],
        [A, R],
        [16],
        Status.IN_PROGRESS,
        0.7,
        {"potential_impact": PotentialImpact.MODERATE, "starred": True},
    ),
]

#: The FiTI milestones are in the facts; they keep their real dates.
FITI_MILESTONES = [
    (
        "Institucionalizar la FiTI y su grupo nacional de múltiples partes interesadas",
        D(2023, 1, 1),
        D(2023, 9, 30),
    ),
    ("Informe anual FiTI", D(2023, 1, 1), D(2023, 11, 30)),
]
#: Example proposals of the second plan (proposals demo) and the commitment each fed.
PROPOSAL_LINKS = {
    "EC0019": ["Contratos de obra pública de los municipios en datos abiertos"],
    "EC0020": ["Transparencia de la pesca industrial"],
}
SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"% Documento de ejemplo de Abierto: no es un documento oficial.\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _organizations(forum) -> dict[str, Organization]:
    from abierto.forum import services as forum_services

    for name, acronym, sector in EXTRA_ORGANIZATIONS:
        if forum_services.duplicate_organization(name) is None:
            forum_services.organization_save(actor=forum, name=name, acronym=acronym, sector=sector)
    found: dict[str, Organization] = {}
    for org in Organization.objects.all():
        found[org.name] = org
        if org.acronym:
            found[org.acronym] = org
    return found


def _plan(number: int) -> ActionPlan | None:
    """The plan with this number (its current version while plans still keep several rows)."""
    plans = ActionPlan.objects.filter(number=number, is_example=False)
    if any(f.name == "version" for f in ActionPlan._meta.get_fields()):
        plans = plans.order_by("-version")
    return plans.first()


def _split(start: datetime.date, end: datetime.date, parts: int) -> list[tuple]:
    span = (end - start).days
    edges = [start + datetime.timedelta(days=span * i // parts) for i in range(parts + 1)]
    return [
        (edges[i] if i == 0 else edges[i] + datetime.timedelta(days=1), edges[i + 1])
        for i in range(parts)
    ]


def _sheet(code: str, title: str, values, sdgs, start, end, axis) -> dict:
    return {
        "code": code,
        "title": title,
        "problem": (
            "La información y las decisiones públicas sobre este tema no están al alcance de la "
            "ciudadanía en formatos que pueda usar, ni hay espacios estables para participar."
        ),
        "objective": f"Abrir a la ciudadanía lo que hoy está cerrado en este ámbito: {title}.",
        "description": (
            "Ficha resumida para la demostración de Abierto; la ficha oficial completa está en "
            "el plan de acción publicado."
        ),
        "expected_results": "Información publicada, usada y verificada por la ciudadanía.",
        "ogp_values": list(values),
        "sdgs": list(sdgs),
        "start_date": start,
        "end_date": end,
        "axis": axis,
    }


def _example_acta_url(commitment: Commitment) -> str:
    """An example signed acta for the demo: a small PDF in the document repository (marked
    «Documento de ejemplo»); the commitment points at its download address."""
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from abierto.content import services as content_services
    from abierto.content.models import DocumentType
    from abierto.core.pdf import example_document_pdf

    title = f"Acta de compromiso {commitment.code}: {commitment.title}"[:255]
    pdf = example_document_pdf(
        title=title,
        subtitle=commitment.plan.title,
        date=commitment.start_date,
        sections=[
            ("Objetivo", commitment.objective),
            (
                "Firmas",
                "Acta de ejemplo para la demostración de la plataforma: no lleva firmas reales.",
            ),
        ],
    )
    document = content_services.document_create(
        actor=SYSTEM_ACTOR,
        doc_type=DocumentType.MINUTES,
        title=title,
        date=commitment.start_date,
        description="Acta de ejemplo para la demostración: formaliza el compromiso.",
        upload=SimpleUploadedFile("acta.pdf", pdf, content_type="application/pdf"),
        plan=commitment.plan,
        is_example=True,
    )
    return settings.ABIERTO_SITE_URL + reverse("content:document_file", args=[document.pk])


def _start(forum, commitment: Commitment, acta_url: str) -> None:
    if not acta_url:
        acta_url = _example_acta_url(commitment)
    for step in (Status.IN_CONSULTATION, Status.APPROVED, Status.FORMALIZED, Status.IN_PROGRESS):
        services.commitment_transition(
            actor=forum,
            commitment=commitment,
            status=step,
            acta_url=acta_url,
            acta_is_example=True,
        )


def _advance(forum, liaison, commitment: Commitment, done: float, status: str) -> None:
    milestones = list(commitment.milestones.order_by("order"))
    finished = round(len(milestones) * done) if done < 1 else len(milestones)
    for index, milestone in enumerate(milestones):
        if index < finished:
            evidence = services.evidence_submit(
                actor=liaison,
                milestone=milestone,
                description=f"Informe de cumplimiento del hito {index + 1} (documento de ejemplo)",
                upload=ContentFile(SAMPLE_PDF, name="informe-de-ejemplo.pdf"),
                is_example=True,
            )
            services.evidence_verify(actor=forum, evidence=evidence)
            services.milestone_report_progress(actor=liaison, milestone=milestone, progress=100)
        elif index == finished:
            services.milestone_report_progress(actor=liaison, milestone=milestone, progress=40)
            services.evidence_submit(
                actor=liaison,
                milestone=milestone,
                description="Avance parcial (documento de ejemplo, pendiente de verificación)",
                upload=ContentFile(SAMPLE_PDF, name="avance-de-ejemplo.pdf"),
                is_example=True,
            )
    services.report_submit(
        actor=liaison,
        commitment=commitment,
        period_start=commitment.start_date,
        period_end=commitment.start_date + datetime.timedelta(days=180),
        narrative=(
            "Primer semestre: se acordó la hoja de ruta con la sociedad civil y se prepararon "
            "los lineamientos técnicos (reporte de ejemplo)."
        ),
        difficulties="Cambios de autoridades retrasaron algunas aprobaciones (dato de ejemplo).",
        organization=commitment.actors.get(role=ActorRole.LEAD).organization,
        is_example=True,
    )
    if status == Status.COMPLETED:
        services.commitment_transition(actor=forum, commitment=commitment, status=status)


def _indicator(forum, liaison, commitment: Commitment, plan: ActionPlan, done: float) -> None:
    start, end = commitment.start_date, commitment.end_date
    indicator = services.indicator_create(
        actor=forum,
        commitment=commitment,
        data={
            "name": "Instituciones que publican la información comprometida",
            "unit": "instituciones",
            "direction": "sube",
            "baseline_value": Decimal("5"),
            "baseline_date": start,
            "target_value": Decimal("40"),
            "target_date": end,
        },
        is_example=True,
    )
    slow = services.indicator_create(
        actor=forum,
        commitment=commitment,
        data={
            "name": "Días promedio para responder una solicitud de información",
            "unit": "días",
            "direction": "baja",
            "baseline_value": Decimal("25"),
            "baseline_date": start,
            "target_value": Decimal("10"),
            "target_date": end,
        },
        is_example=True,
    )
    for step, (_first, last) in enumerate(_split(start, min(end, plan.end_date), 3), start=1):
        share = Decimal(str(round(done * step / 3, 2)))
        services.measurement_record(
            actor=liaison,
            indicator=indicator,
            value=Decimal("5") + Decimal("35") * share,
            date=last,
            source="Registro administrativo de la institución (dato de ejemplo)",
            is_example=True,
        )
        services.measurement_record(
            actor=liaison,
            indicator=slow,
            value=(Decimal("25") - Decimal("15") * share).quantize(Decimal("0.1")),
            date=last,
            source="Sistema de solicitudes de información (dato de ejemplo)",
            is_example=True,
        )


def _load_commitment(forum, orgs, plan, row, *, start, end, axis, acta_url) -> None:
    code, title, lead, supports, counterparts, values, sdgs, status, done, irm = row
    if Commitment.objects.filter(code=code).exists():
        return
    lead_org = orgs[lead]
    # The platform writes the demo (``SYSTEM_ACTOR``): histories say "carga inicial de datos".
    liaison = SYSTEM_ACTOR
    with transaction.atomic():
        commitment = services.commitment_create(
            actor=forum, plan=plan, data=_sheet(code, title, values, sdgs, start, end, axis)
        )
        services.actor_add(
            actor=forum, commitment=commitment, organization=lead_org, role=ActorRole.LEAD
        )
        for name in supports:
            services.actor_add(
                actor=forum, commitment=commitment, organization=orgs[name], role=ActorRole.SUPPORT
            )
        for name in counterparts:
            services.actor_add(
                actor=forum,
                commitment=commitment,
                organization=orgs[name],
                role=ActorRole.COUNTERPART,
            )
        if code == "EC0020":
            milestones = [(name, s, e, 50, False) for name, s, e in FITI_MILESTONES]
        else:
            parts = _split(start, end, 4)
            names = [
                "Diagnóstico y hoja de ruta acordada con la sociedad civil",
                "Norma o lineamiento técnico aprobado",
                "Herramienta o plataforma en funcionamiento",
                "Evaluación participativa de resultados",
            ]
            milestones = [
                (names[i], s, e, w, True)
                for i, ((s, e), w) in enumerate(zip(parts, (20, 25, 35, 20), strict=True))
            ]
        for order, (name, m_start, m_end, weight, example) in enumerate(milestones, start=1):
            services.milestone_create(
                actor=forum,
                commitment=commitment,
                data={
                    "deliverable": name,
                    "responsible": lead_org,
                    "start_date": m_start,
                    "end_date": m_end,
                    "weight": weight,
                    "order": order,
                },
                is_example=example,
            )
        _start(forum, commitment, acta_url)
        if code != "EC0020":
            _indicator(forum, liaison, commitment, plan, done)
        _advance(forum, liaison, commitment, done, status)
        if irm:
            services.irm_save(
                actor=forum,
                commitment=commitment,
                data={"relevance": list(values), "verifiable": True, **irm},
            )
        titles = PROPOSAL_LINKS.get(code)
        if titles:
            from abierto.proposals.models import Proposal

            proposals = list(
                Proposal.objects.filter(
                    plan=plan, title__in=titles, status__in=["seleccionada", "fusionada"]
                )
            )
            if proposals:
                services.commitment_link_proposals(
                    actor=forum, commitment=commitment, proposals=proposals
                )


def load() -> None:
    forum = SYSTEM_ACTOR
    orgs = _organizations(forum)
    for number, rows, start, end in (
        (1, PLAN_1_COMMITMENTS, D(2020, 1, 1), D(2022, 8, 31)),
        (2, PLAN_2_COMMITMENTS, D(2023, 1, 1), D(2024, 8, 31)),
    ):
        plan = _plan(number)
        if plan is None:
            continue
        axes = list(plan.axes.order_by("order", "id"))
        for index, row in enumerate(rows):
            axis = axes[index % len(axes)] if axes else None
            _load_commitment(
                forum,
                orgs,
                plan,
                row,
                start=start,
                end=min(end, plan.end_date),
                axis=axis,
                # Empty: the demo writes an example acta into the repository (_start).
                acta_url="",
            )
