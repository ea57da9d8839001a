"""Demo data of the plans app: Ecuador's first plan (two versions) and second plan.

Everything goes through the services (``plan_create``, ``stage_save``, ``axis_save``,
``criterion_save``, ``theme_save``, ``plan_new_version``), so the plans' public histories
and version pages are real. ``load()`` is idempotent: plans match by number, their parts by
name (stages by number), and a service called with what is already stored writes nothing, so
a second run adds no row and no audit entry.

Facts come from /work/shared/seed/ecuador-facts.md and the official guide; the texts are our
own. Where the facts give only months, stages run from the first to the last day of those
months. The example plan in co-creation is created by ``abierto.proposals.demo``.
"""

import datetime

from abierto.core.roles import SYSTEM_ACTOR

from . import services
from .models import ActionPlan, PlanStatus

D = datetime.date

PLAN_1 = {
    "number": 1,
    "title": "Primer Plan de Acción de Gobierno Abierto 2019-2022",
    "objective": (
        "Primer conjunto de compromisos de Ecuador ante la Alianza para el Gobierno Abierto, "
        "elaborado entre el Gobierno, la sociedad civil y la academia: diez compromisos sobre "
        "datos abiertos, contratación pública abierta, acceso a la información ambiental "
        "(Acuerdo de Escazú), industrias extractivas, violencia de género, innovación "
        "ciudadana, simplificación de trámites y calidad de los servicios públicos."
    ),
    "status": PlanStatus.CLOSED,
}
PLAN_1_SLUG = "primer-plan-de-accion-2019-2022"
PLAN_1_V1 = {
    "start_date": D(2019, 9, 1),
    "end_date": D(2021, 8, 31),
}
PLAN_1_V2 = {
    "start_date": D(2019, 9, 1),
    "end_date": D(2022, 8, 31),
    "reason": (
        "Reprogramación publicada por el Gobierno del Ecuador: amplía la implementación hasta "
        "agosto de 2022 y ajusta los plazos de los compromisos. Las fechas del periodo de la "
        "primera versión son aproximadas (datos de ejemplo)."
    ),
}


def plan_1_stages(end: datetime.date) -> list[dict]:
    return [
        {
            "number": 1,
            "name": "Cocreación del primer plan",
            "description": "Gobierno, sociedad civil y academia elaboran juntos los compromisos.",
            "responsible": "Grupo Núcleo",
            "start_date": D(2018, 10, 1),
            "end_date": D(2019, 8, 31),
        },
        {
            "number": 2,
            "name": "Implementación, monitoreo y seguimiento",
            "description": "Las instituciones ejecutan los compromisos y reportan su avance.",
            "responsible": "Instituciones responsables y Grupo Núcleo",
            "start_date": D(2020, 1, 1),
            "end_date": end,
        },
    ]


PLAN_2 = {
    "number": 2,
    "slug": "segundo-plan-de-accion-2022-2024",
    "title": "Segundo Plan de Acción de Gobierno Abierto 2022-2024 «Hacia Estado Abierto»",
    "start_date": D(2022, 9, 1),
    "end_date": D(2024, 8, 31),
    "objective": (
        "Llevar el gobierno abierto más allá del Ejecutivo: sumar a las demás funciones del "
        "Estado y a los gobiernos locales, en el camino hacia un Estado abierto, con enfoque "
        "de derechos humanos, interculturalidad, ambiente y género."
    ),
    "status": PlanStatus.CLOSED,
}

AXES = [
    ("Económico", "Reactivar la economía, atraer inversión, crear empleo y abrir el comercio."),
    (
        "Social",
        "Reducir la pobreza y la exclusión; acceso a salud y educación, con prioridad en la niñez.",
    ),
    ("Seguridad integral", "Seguridad ciudadana y orden público para un Estado seguro."),
    (
        "Transición ecológica",
        "Equilibrar el crecimiento económico, el cuidado del ambiente y el bienestar social.",
    ),
    ("Institucional", "Ética pública, transparencia y lucha contra la corrupción."),
]

CRITERIA = [
    (
        "Relevancia",
        "La propuesta responde a un problema público importante y puede servir de "
        "piloto que otras poblaciones repliquen.",
        20,
    ),
    (
        "Factibilidad",
        "Se puede realizar en el plazo del plan y cuenta, o puede contar, con las "
        "personas, el dinero y la tecnología que necesita.",
        20,
    ),
    ("Innovación", "Propone una manera nueva de resolver el problema identificado.", 20),
    (
        "Alcance",
        "Beneficia a una población amplia, local o nacional, con un efecto positivo visible.",
        20,
    ),
    (
        "Sostenibilidad",
        "Puede institucionalizarse y seguir funcionando después del periodo del plan.",
        20,
    ),
]

# Mesa themes of the second plan with where and when their thematic mesa met (2022).
THEMES = [
    ("Gobernanza digital", "Mesa temática en Quito, 9 de junio de 2022."),
    (
        "Apertura fiscal",
        "Mesa temática en Guayaquil (Universidad Espíritu Santo), 15 de junio de 2022.",
    ),
    ("Recursos naturales", "Mesa temática en Galápagos, 13 de julio de 2022."),
    ("Función de transparencia y control social", "Mesa temática en Quito, 15 de julio de 2022."),
    ("Gobiernos locales", "Mesa temática en Quito, 18 de julio de 2022."),
    ("Función electoral", "Mesa temática en Quito, 19 de julio de 2022."),
    ("Función judicial", "Mesa temática en Quito, 20 de julio de 2022."),
    ("Función legislativa", "Mesa temática en Quito, 21 de julio de 2022."),
    ("Sector privado", "Mesa temática en Quito, 27 de julio de 2022."),
    ("Género", "Mesa temática en Cuenca, 29 de julio de 2022."),
    ("Interculturalidad", "Mesa temática en Riobamba, 3 de agosto de 2022."),
]

PLAN_2_STAGES = [
    {
        "number": 1,
        "name": "Mapeo temático y territorial de actores",
        "description": "Se identifica a las organizaciones e instituciones de cada tema y "
        "territorio, y se ajusta la metodología.",
        "responsible": "Grupo Núcleo",
        "start_date": D(2021, 10, 1),
        "end_date": D(2022, 3, 31),
    },
    {
        "number": 2,
        "name": "Recepción de propuestas ciudadanas",
        "description": "La ciudadanía y las organizaciones envían sus propuestas en línea y en "
        "las mesas.",
        "responsible": "Grupo Núcleo",
        "start_date": D(2022, 5, 1),
        "end_date": D(2022, 8, 31),
        "receives_proposals": True,
    },
    {
        "number": 3,
        "name": "Formulación de compromisos en mesas",
        "description": "Mesas temáticas y territoriales trabajan las propuestas para convertirlas "
        "en compromisos.",
        "responsible": "Grupo Núcleo",
        "start_date": D(2022, 7, 1),
        "end_date": D(2022, 8, 31),
    },
    {
        "number": 4,
        "name": "Evaluación y selección de compromisos",
        "description": "La comisión evaluadora califica las propuestas con los cinco criterios y "
        "selecciona los compromisos.",
        "responsible": "Comisión evaluadora del Grupo Núcleo",
        "start_date": D(2022, 9, 1),
        "end_date": D(2022, 11, 30),
    },
    {
        "number": 5,
        "name": "Formalización, rendición de cuentas y lanzamiento",
        "description": "Se firman las actas de compromiso, se rinde cuentas del proceso y se "
        "lanza el plan en el país y ante OGP.",
        "responsible": "Grupo Núcleo",
        "start_date": D(2023, 1, 1),
        "end_date": D(2023, 1, 31),
    },
]


def _plan(*, number: int, fields: dict) -> ActionPlan:
    """The plan with this number: created the first time, corrected (if needed) after."""
    plan = ActionPlan.objects.filter(number=number).first()
    if plan is None:
        return services.plan_create(actor=SYSTEM_ACTOR, number=number, **fields)
    return plan


def _stages(plan: ActionPlan, stages: list[dict]) -> None:
    for stage in stages:
        data = {"receives_proposals": False, "announced_on": None, **stage}
        existing = plan.stages.filter(number=data["number"]).first()
        services.stage_save(actor=SYSTEM_ACTOR, plan=plan, stage=existing, **data)


def _axes(plan: ActionPlan, axes) -> None:
    for order, (name, description) in enumerate(axes, start=1):
        services.axis_save(
            actor=SYSTEM_ACTOR,
            plan=plan,
            axis=plan.axes.filter(name=name).first(),
            name=name,
            description=description,
            order=order,
        )


def _criteria(plan: ActionPlan, criteria) -> None:
    for order, (name, definition, weight) in enumerate(criteria, start=1):
        services.criterion_save(
            actor=SYSTEM_ACTOR,
            plan=plan,
            criterion=plan.criteria.filter(name=name).first(),
            name=name,
            definition=definition,
            weight=weight,
            order=order,
        )


def _themes(plan: ActionPlan, themes) -> None:
    for order, (name, description) in enumerate(themes, start=1):
        services.theme_save(
            actor=SYSTEM_ACTOR,
            plan=plan,
            theme=plan.themes.filter(name=name).first(),
            name=name,
            description=description,
            order=order,
        )


def load_first_plan() -> ActionPlan:
    """Plan 1: version 1 (period to August 2021), re-programmed into version 2 (to 2022)."""
    base = {k: v for k, v in PLAN_1.items() if k != "number"}
    plan = _plan(number=1, fields={**base, "slug": PLAN_1_SLUG, **PLAN_1_V1})
    if plan.version == 1:
        _stages(plan, plan_1_stages(PLAN_1_V1["end_date"]))
        plan = services.plan_new_version(
            actor=SYSTEM_ACTOR,
            plan=plan,
            reason=PLAN_1_V2["reason"],
            start_date=PLAN_1_V2["start_date"],
            end_date=PLAN_1_V2["end_date"],
        )
    _stages(plan, plan_1_stages(PLAN_1_V2["end_date"]))
    return plan


def load_second_plan() -> ActionPlan:
    plan = _plan(number=2, fields={k: v for k, v in PLAN_2.items() if k != "number"})
    _axes(plan, AXES)
    _criteria(plan, CRITERIA)
    _themes(plan, THEMES)
    _stages(plan, PLAN_2_STAGES)
    return plan


def load() -> None:
    load_first_plan()
    load_second_plan()

    attach_meetings_to_plans()


def attach_meetings_to_plans() -> None:
    """Link the forum's demo meetings to their plan, through the forum's service."""
    from abierto.forum.demo import MEETINGS
    from abierto.forum.models import ForumMeeting
    from abierto.forum.services import meeting_save

    for title, _date, _agenda, _attendance, number in MEETINGS:
        plan = ActionPlan.objects.filter(number=number).first()
        meeting = ForumMeeting.objects.filter(title=title).first()
        if plan is None or meeting is None:
            continue
        meeting_save(
            actor=SYSTEM_ACTOR,
            meeting=meeting,
            date=meeting.date,
            title=meeting.title,
            agenda=meeting.agenda,
            minutes_url=meeting.minutes_url,
            attendance_count=meeting.attendance_count,
            plan=plan,
            is_example=meeting.is_example,
        )
