"""Demo data of the forum app: the Grupo Núcleo, other actors and a few meetings.

``load()`` is idempotent: organisations match by name, topics by slug, memberships by
organisation and start, meetings by title. Facts come from /work/shared/seed/ecuador-facts.md;
invented organisations and meetings say "(ejemplo)" in their names and titles.
"""

import datetime

from django.utils import timezone

from abierto.core.roles import SYSTEM_ACTOR

from . import services
from .models import (
    ForumMeeting,
    ForumMembership,
    ForumRole,
    Level,
    Sector,
)

TOPICS = [
    "Acceso a la información",
    "Ambiente y recursos naturales",
    "Contratación pública",
    "Datos abiertos",
    "Género",
    "Gobernanza digital",
    "Innovación pública",
    "Interculturalidad",
    "Participación ciudadana",
    "Transparencia fiscal",
]

#: The forum was formed in August 2018 (official guide); the members' exact terms are not in
#: the facts, so every seat starts then and no person names or offices are invented.
FORUM_START = datetime.date(2018, 8, 1)

ILPES_NAME = (
    "Instituto Latinoamericano y del Caribe de Planificación Económica y Social de la CEPAL"
)

# name, acronym, sector, level, province, website, topics, forum member
ORGANIZATIONS = [
    (
        "Presidencia de la República",
        "",
        Sector.PUBLIC_SECTOR,
        Level.NATIONAL,
        "pichincha",
        "https://www.presidencia.gob.ec",
        ["Participación ciudadana"],
        True,
    ),
    (
        "Secretaría Nacional de Planificación",
        "SNP",
        Sector.PUBLIC_SECTOR,
        Level.NATIONAL,
        "pichincha",
        "https://www.planificacion.gob.ec",
        ["Datos abiertos", "Participación ciudadana"],
        True,
    ),
    (
        "Ministerio de Telecomunicaciones y de la Sociedad de la Información",
        "MINTEL",
        Sector.PUBLIC_SECTOR,
        Level.NATIONAL,
        "pichincha",
        "https://www.telecomunicaciones.gob.ec",
        ["Datos abiertos", "Gobernanza digital"],
        True,
    ),
    (
        "Ministerio de Producción, Comercio Exterior, Inversiones y Pesca",
        "MPCEIP",
        Sector.PUBLIC_SECTOR,
        Level.NATIONAL,
        "pichincha",
        "https://www.produccion.gob.ec",
        ["Ambiente y recursos naturales", "Transparencia fiscal"],
        True,
    ),
    (
        "Defensoría del Pueblo",
        "DPE",
        Sector.PUBLIC_SECTOR,
        Level.NATIONAL,
        "pichincha",
        "https://www.dpe.gob.ec",
        ["Acceso a la información"],
        True,
    ),
    (
        "Fundación Ciudadanía y Desarrollo",
        "FCD",
        Sector.CIVIL_SOCIETY,
        Level.NATIONAL,
        "pichincha",
        "",
        ["Contratación pública", "Acceso a la información"],
        True,
    ),
    (
        "Fundación de Ayuda por Internet",
        "Fundapi",
        Sector.CIVIL_SOCIETY,
        Level.NATIONAL,
        "pichincha",
        "",
        ["Acceso a la información", "Gobernanza digital"],
        True,
    ),
    (
        "Grupo FARO",
        "",
        Sector.CIVIL_SOCIETY,
        Level.NATIONAL,
        "pichincha",
        "https://www.grupofaro.org",
        ["Transparencia fiscal", "Participación ciudadana"],
        True,
    ),
    (
        "Fundación Esquel",
        "",
        Sector.CIVIL_SOCIETY,
        Level.NATIONAL,
        "pichincha",
        "https://www.esquel.org.ec",
        ["Participación ciudadana"],
        True,
    ),
    (
        "Instituto de Altos Estudios Nacionales",
        "IAEN",
        Sector.ACADEMIA,
        Level.NATIONAL,
        "pichincha",
        "https://www.iaen.edu.ec",
        ["Innovación pública"],
        True,
    ),
    (
        "Universidad Técnica Particular de Loja",
        "UTPL",
        Sector.ACADEMIA,
        Level.NATIONAL,
        "loja",
        "https://www.utpl.edu.ec",
        ["Datos abiertos", "Innovación pública"],
        True,
    ),
    (
        "Universidad de Los Hemisferios",
        "",
        Sector.ACADEMIA,
        Level.NATIONAL,
        "pichincha",
        "https://www.uhemisferios.edu.ec",
        ["Gobernanza digital"],
        True,
    ),
    # Other actors named in the facts (commitment leads, counterparts, hosts).
    (
        "Servicio Nacional de Contratación Pública",
        "SERCOP",
        Sector.PUBLIC_SECTOR,
        Level.NATIONAL,
        "pichincha",
        "https://portal.compraspublicas.gob.ec",
        ["Contratación pública"],
        False,
    ),
    (
        "Ministerio del Ambiente, Agua y Transición Ecológica",
        "MAATE",
        Sector.PUBLIC_SECTOR,
        Level.NATIONAL,
        "pichincha",
        "https://www.ambiente.gob.ec",
        ["Ambiente y recursos naturales"],
        False,
    ),
    (
        "Instituto Nacional de Estadística y Censos",
        "INEC",
        Sector.PUBLIC_SECTOR,
        Level.NATIONAL,
        "pichincha",
        "https://www.ecuadorencifras.gob.ec",
        ["Datos abiertos"],
        False,
    ),
    (
        "Asamblea Nacional",
        "",
        Sector.PUBLIC_SECTOR,
        Level.NATIONAL,
        "pichincha",
        "https://www.asambleanacional.gob.ec",
        ["Acceso a la información"],
        False,
    ),
    (
        "Datalat",
        "",
        Sector.CIVIL_SOCIETY,
        Level.NATIONAL,
        "pichincha",
        "",
        ["Datos abiertos"],
        False,
    ),
    (
        "Universidad Espíritu Santo",
        "UEES",
        Sector.ACADEMIA,
        Level.NATIONAL,
        "guayas",
        "https://www.uees.edu.ec",
        ["Transparencia fiscal"],
        False,
    ),
    (
        ILPES_NAME,
        "ILPES",
        Sector.INTERNATIONAL,
        Level.INTERNATIONAL,
        "",
        "https://www.cepal.org",
        ["Participación ciudadana", "Innovación pública"],
        False,
    ),
    # Invented, to show the territorial spread of the mapping.
    (
        "Colectivo ciudadano de Riobamba (ejemplo)",
        "",
        Sector.CITIZENS,
        Level.CANTONAL,
        "chimborazo",
        "",
        ["Interculturalidad", "Participación ciudadana"],
        False,
    ),
    (
        "Red de mujeres del Azuay (ejemplo)",
        "",
        Sector.CIVIL_SOCIETY,
        Level.PROVINCIAL,
        "azuay",
        "",
        ["Género"],
        False,
    ),
    (
        "Cámara de producción de Cuenca (ejemplo)",
        "",
        Sector.PRIVATE_SECTOR,
        Level.CANTONAL,
        "azuay",
        "",
        ["Contratación pública", "Innovación pública"],
        False,
    ),
    (
        "Cooperativa pesquera de Galápagos (ejemplo)",
        "",
        Sector.PRIVATE_SECTOR,
        Level.PROVINCIAL,
        "galapagos",
        "",
        ["Ambiente y recursos naturales"],
        False,
    ),
    (
        "Gobierno Autónomo Descentralizado de Macas (ejemplo)",
        "",
        Sector.PUBLIC_SECTOR,
        Level.CANTONAL,
        "morona-santiago",
        "",
        ["Participación ciudadana"],
        False,
    ),
]

# title, date, agenda, attendance, plan number (linked by plans.demo)
MEETINGS = [
    (
        "Aprobación de la metodología de cocreación del segundo plan (ejemplo)",
        datetime.date(2021, 9, 15),
        "Presentación de la metodología de cocreación\nCalendario de las cinco etapas\n"
        "Mapeo de actores: responsables",
        14,
        2,
    ),
    (
        "Conformación de la comisión evaluadora (ejemplo)",
        datetime.date(2022, 8, 30),
        "Balance de la recepción de propuestas y de las mesas\nConformación de la comisión "
        "evaluadora\nCriterios y pesos de la evaluación",
        12,
        2,
    ),
    (
        "Aprobación de las fichas de compromiso (ejemplo)",
        datetime.date(2022, 12, 6),
        "Resultados de la consulta pública de las fichas\nAprobación de los 15 compromisos\n"
        "Preparación de las actas de compromiso",
        15,
        2,
    ),
]


def _recent_meeting() -> tuple:
    """A meeting a month before today, so the demo forum is not flagged as inactive."""
    return (
        "Seguimiento semestral del plan de acción (ejemplo)",
        timezone.localdate() - datetime.timedelta(days=30),
        "Avance de los compromisos\nPróximas reuniones",
        11,
        None,
    )


#: Names the demo once used, found again on a re-load so the row is renamed, not duplicated.
#: ILPES's name carried "(CEPAL)", which pages then showed as "(CEPAL) (ILPES)".
FORMER_NAMES = {
    ILPES_NAME: (
        "Instituto Latinoamericano y del Caribe de Planificación Económica y Social (CEPAL)"
    )
}


def load() -> None:
    """Organisations, the forum's roster and its meetings, through the forum's services:
    existing rows are found by their natural key and only real changes are recorded."""
    topics = {name: services.topic_get_or_create(actor=SYSTEM_ACTOR, name=name) for name in TOPICS}
    for name, acronym, sector, level, province, website, org_topics, member in ORGANIZATIONS:
        org = services.duplicate_organization(name)
        if org is None and name in FORMER_NAMES:
            org = services.duplicate_organization(FORMER_NAMES[name])
        org = services.organization_save(
            actor=SYSTEM_ACTOR,
            organization=org,
            name=name,
            acronym=acronym,
            sector=sector,
            level=level,
            province=province,
            website=website,
            topics=[topics[t] for t in org_topics],
        )
        if member:
            membership = ForumMembership.objects.filter(
                organization=org, start_date=FORUM_START
            ).first()
            services.membership_save(
                actor=SYSTEM_ACTOR,
                membership=membership,
                organization=org,
                role=ForumRole.MEMBER,
                start_date=FORUM_START,
            )
    for title, date, agenda, attendance, _plan in [*MEETINGS, _recent_meeting()]:
        meeting = ForumMeeting.objects.filter(title=title).first()
        services.meeting_save(
            actor=SYSTEM_ACTOR,
            meeting=meeting,
            date=date,
            title=title,
            agenda=agenda,
            attendance_count=attendance,
            plan=meeting.plan if meeting else None,
            is_example=True,
        )
