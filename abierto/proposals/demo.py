"""Demo data: example proposals (clearly marked) and an example plan open for proposals.

``load()`` is idempotent: the example plan matches by slug and its parts by name or number,
and is written through the plan services (a no-op writes nothing);
each example proposal has a fixed idempotency token, so running it again finds it instead of
creating another. The example plan's dates are recomputed from today on every run, so its
proposal stage is always open on the day ``make run`` is run.
"""

import datetime
import uuid

from django.utils import timezone

from abierto.mesas.models import Mesa
from abierto.plans.models import ActionPlan, PlanStatus

from . import services
from .models import DECISION_STATUSES, Channel, Proposal, Status

EXAMPLE_PLAN_SLUG = "tercer-plan-de-accion-ejemplo"
_NAMESPACE = uuid.UUID("6f1c7f0e-3a0b-4c1e-9d55-4b0f3c2a9e11")

AXES = [
    ("Transparencia y datos abiertos", "Información pública útil, a tiempo y reutilizable."),
    ("Participación ciudadana", "Espacios reales para incidir en las decisiones públicas."),
    ("Integridad y rendición de cuentas", "Prevenir la corrupción y explicar cada decisión."),
    ("Gobierno abierto local", "Los gobiernos autónomos descentralizados (GAD) también abren."),
]
CRITERIA = [
    (
        "Relevancia",
        "Responde a un problema público importante y a los valores de gobierno abierto.",
        25,
    ),
    ("Factibilidad", "Puede hacerse en los dos años del plan con los recursos disponibles.", 25),
    ("Innovación", "Aporta una forma nueva de resolver el problema.", 15),
    ("Alcance", "Beneficia a muchas personas o a grupos que suelen quedar fuera.", 20),
    ("Sostenibilidad", "Sus resultados pueden continuar después del plan.", 15),
]
THEMES = [
    "Datos abiertos",
    "Compras públicas",
    "Ambiente y territorio",
    "Género e inclusión",
    "Gobiernos locales",
]


def _example_plan(today: datetime.date) -> ActionPlan:
    """The example plan 3, its proposal stage open on ``today``, through the plan services.

    The dates follow ``today``: on a later run ``plan_update`` and ``stage_save`` move them,
    recording only what really changed (nothing when run twice the same day).
    """
    from abierto.plans import services as plan_services

    team = _demo_team_member()
    start = today + datetime.timedelta(days=150)
    end = start.replace(year=start.year + 2)
    fields = {
        "title": f"Tercer Plan de Acción {start.year}-{end.year} (ejemplo)",
        "start_date": start,
        "end_date": end,
        "status": PlanStatus.CO_CREATION,
        "is_example": True,
        "response_days": 30,  # the review queue shows each proposal's answer deadline
        "objective": (
            "Plan inventado para probar la plataforma: permite enviar propuestas, "
            "seguirlas con el código y ver las respuestas. No es un plan oficial."
        ),
    }
    plan = ActionPlan.objects.filter(slug=EXAMPLE_PLAN_SLUG).first()
    if plan is None:
        plan = plan_services.plan_create(actor=team, number=3, slug=EXAMPLE_PLAN_SLUG, **fields)
    else:
        plan = plan_services.plan_update(actor=team, plan=plan, **fields)
    for order, (name, description) in enumerate(AXES):
        plan_services.axis_save(
            actor=team,
            plan=plan,
            axis=plan.axes.filter(name=name).first(),
            name=name,
            description=description,
            order=order,
        )
    for order, (name, definition, weight) in enumerate(CRITERIA):
        plan_services.criterion_save(
            actor=team,
            plan=plan,
            criterion=plan.criteria.filter(name=name).first(),
            name=name,
            definition=definition,
            weight=weight,
            order=order,
        )
    for order, name in enumerate(THEMES):
        plan_services.theme_save(
            actor=team,
            plan=plan,
            theme=plan.themes.filter(name=name).first(),
            name=name,
            order=order,
        )
    d = datetime.timedelta
    stages = [
        (1, "Mapeo de actores", today - d(days=75), today - d(days=31), False),
        (2, "Recepción de propuestas ciudadanas", today - d(days=30), today + d(days=30), True),
        (3, "Mesas de cocreación", today + d(days=10), today + d(days=45), False),
        (4, "Evaluación y selección", today + d(days=46), today + d(days=90), False),
        (5, "Formalización y lanzamiento", today + d(days=91), today + d(days=140), False),
    ]
    existing = {stage.number: stage for stage in plan.stages.all()}
    first = existing.get(1)
    if first is not None and first.start_date < stages[0][2]:
        # Moving forward: the last stage first, so no stage ever starts after the next one.
        stages.reverse()
    for number, name, start_date, end_date, receives in stages:
        plan_services.stage_save(
            actor=team,
            plan=plan,
            stage=existing.get(number),
            number=number,
            name=name,
            start_date=start_date,
            end_date=end_date,
            announced_on=start_date - d(days=21),
            receives_proposals=receives,
            responsible="Grupo Núcleo (ejemplo)",
        )
    return plan


#: (key, title, problem, solution, beneficiaries, axis index, theme index, province, channel,
#:  path of statuses, response)
SECOND_PLAN_EXAMPLES = [
    (
        "p2-contratos",
        "Contratos de obra pública de los municipios en datos abiertos",
        "Los contratos de obra de los municipios se publican en PDF escaneados y no se pueden "
        "comparar ni vigilar.",
        "Publicar los contratos de obra de los GAD en formato abierto, con un estándar común y "
        "actualización mensual.",
        "Veedurías ciudadanas, periodistas y los propios municipios.",
        4,
        "pichincha",
        "web",
        ["en-revision", "en-evaluacion", "seleccionada"],
        "Seleccionada: la propuesta es relevante y factible; se integra al compromiso sobre "
        "gobierno abierto en gobiernos locales, con los municipios que se sumen voluntariamente.",
    ),
    (
        "p2-pesca",
        "Transparencia de la pesca industrial",
        "No se conoce cuánto pesca cada flota ni qué pagos hace al Estado.",
        "Adherir a la Iniciativa de Transparencia Pesquera (FiTI) y publicar un informe anual.",
        "Comunidades pesqueras artesanales y la ciudadanía.",
        0,
        "manabi",
        "mesa",
        ["en-revision", "en-evaluacion", "seleccionada"],
        "Seleccionada: coincide con el compromiso de transparencia pesquera (FiTI) que el "
        "ministerio del ramo ya estaba dispuesto a liderar.",
    ),
    (
        "p2-pesca-2",
        "Publicar datos de desembarque de pesca por puerto",
        "Los datos de desembarque por puerto no están disponibles para las comunidades.",
        "Publicar cada mes los desembarques por puerto y especie en el portal de datos abiertos.",
        "Pescadores artesanales, investigadores.",
        0,
        "santa-elena",
        "papel",
        ["en-revision", "en-evaluacion", "fusionada"],
        "Fusionada: trata el mismo problema que la propuesta sobre transparencia de la pesca "
        "industrial; sus ideas se suman a ese compromiso.",
    ),
    (
        "p2-escuela",
        "Escuela de participación ciudadana en línea",
        "Muchas personas quieren participar pero no conocen los mecanismos que la ley reconoce.",
        "Crear una escuela virtual gratuita de participación y control social, con certificación.",
        "Jóvenes, dirigentes barriales y organizaciones sociales.",
        1,
        "azuay",
        "web",
        ["en-revision", "en-evaluacion", "no-seleccionada"],
        "No seleccionada como compromiso propio: la comisión valoró la idea, pero ya existe una "
        "iniciativa similar del Consejo de Participación; se recomienda articularse con ella.",
    ),
    (
        "p2-fuera",
        "Bajar el precio de los pasajes de bus interprovincial",
        "Los pasajes interprovinciales subieron y afectan a estudiantes y trabajadores.",
        "Congelar el precio de los pasajes durante dos años.",
        "Personas que viajan entre provincias.",
        2,
        "chimborazo",
        "web",
        ["en-revision", "no-admitida"],
        "No admitida: es una demanda legítima, pero no es un compromiso de gobierno abierto "
        "(transparencia, participación o rendición de cuentas); se remitió a la entidad rectora.",
    ),
    # Paper proposals written at the second plan's held mesas (invented examples).
    (
        "p2-mesa-gobernanza",
        "Trámites en línea con atención también presencial",
        "Las personas mayores y quienes no tienen internet quedan fuera de los trámites en línea.",
        "Mantener una ventanilla presencial y asistida en cada trámite que pase a ser digital.",
        "Personas mayores y habitantes de zonas sin conectividad.",
        0,
        "pichincha",
        "mesa",
        ["en-revision", "en-evaluacion", "no-seleccionada"],
        "No seleccionada como compromiso propio: se trasladó al compromiso de gobernanza "
        "digital como criterio de inclusión.",
    ),
    (
        "p2-mesa-genero",
        "Presupuestos con enfoque de género en los municipios",
        "Los municipios no informan cuánto de su presupuesto llega a programas para mujeres.",
        "Publicar cada año el gasto municipal con enfoque de género, con un formato común.",
        "Mujeres y organizaciones de mujeres de los cantones.",
        1,
        "azuay",
        "mesa",
        ["en-revision", "en-evaluacion", "no-seleccionada"],
        "No seleccionada: la comisión la valoró, pero ningún municipio se comprometió a "
        "liderarla en este plan; queda registrada para el siguiente.",
    ),
    (
        "p2-mesa-interculturalidad",
        "Información pública en kichwa y en lenguas de las nacionalidades",
        "La información sobre trámites y derechos solo está en castellano.",
        "Traducir la información esencial de los servicios públicos a kichwa y difundirla por "
        "radios comunitarias.",
        "Pueblos y nacionalidades indígenas.",
        1,
        "chimborazo",
        "mesa",
        ["en-revision", "en-evaluacion", "no-seleccionada"],
        "No seleccionada como compromiso propio: se recomienda a las instituciones rectoras de "
        "interculturalidad.",
    ),
]

#: The held demo mesa (``mesas.demo``) where each example proposal of the channel "mesa" was
#: written; without that mesa (mesas not loaded) the example is entered as a paper form.
MESA_OF = {
    "p2-pesca": "Mesa temática: Recursos naturales",
    "p2-mesa-gobernanza": "Mesa temática: Gobernanza digital",
    "p2-mesa-genero": "Mesa temática: Género",
    "p2-mesa-interculturalidad": "Mesa temática: Interculturalidad",
    "p3-genero": "Mesa territorial de Guamote (ejemplo)",
}

EXAMPLE_PLAN_PROPOSALS = [
    (
        "p3-presupuesto",
        "Presupuesto participativo en línea para las parroquias rurales",
        "Las juntas parroquiales deciden su presupuesto sin que la gente sepa cómo participar.",
        "Una herramienta sencilla para que cada parroquia publique su presupuesto y reciba "
        "propuestas de la comunidad.",
        "Habitantes de parroquias rurales.",
        1,
        "chimborazo",
        "web",
        ["en-revision"],
        "",
    ),
    (
        "p3-compras",
        "Alertas ciudadanas sobre compras públicas de emergencia",
        "En las emergencias se contrata rápido y con poca vigilancia ciudadana.",
        "Publicar en 48 horas cada contrato de emergencia y permitir suscribirse a alertas.",
        "Veedurías y periodistas.",
        0,
        "guayas",
        "web",
        [],
        "",
    ),
    (
        "p3-genero",
        "Datos abiertos sobre violencia de género por cantón",
        "No hay datos por cantón que permitan orientar la prevención de la violencia de género.",
        "Publicar datos anonimizados por cantón cada trimestre, con un observatorio ciudadano.",
        "Mujeres, organizaciones de mujeres y gobiernos locales.",
        0,
        "azuay",
        "mesa",
        [],
        "",
    ),
]


def _demo_team_member():
    """An inactive account standing for "the forum" in the examples' history (never signs in)."""
    from abierto.accounts.models import User
    from abierto.core.roles import Role

    user, created = User.objects.get_or_create(
        email="grupo-nucleo.ejemplo@abierto.invalid",
        defaults={"full_name": "Grupo Núcleo (ejemplo)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Role.FORUM_MEMBER.group())
    return user


def _load_examples(
    plan: ActionPlan,
    rows,
    *,
    base_date: datetime.datetime,
    response_date: datetime.date | None = None,
) -> None:
    axes = list(plan.axes.order_by("order", "id"))
    themes = list(plan.themes.order_by("order", "id"))
    team = _demo_team_member()
    previous: Proposal | None = None
    for offset, row in enumerate(rows):
        (
            key,
            title,
            problem,
            solution,
            beneficiaries,
            axis_i,
            province,
            channel,
            path,
            response,
        ) = row
        token = uuid.uuid5(_NAMESPACE, key)
        created_at = base_date + datetime.timedelta(days=offset)
        mesa = None
        if channel == Channel.MESA:
            mesa = Mesa.objects.filter(plan=plan, title=MESA_OF.get(key, "")).first()
            if mesa is None:
                channel = Channel.PAPER
            else:  # typed in by the team the day after the mesa
                created_at = max(created_at, mesa.ends_at + datetime.timedelta(days=1))
        # Loaded before (perhaps by an older version of this loader): found, not re-sent.
        proposal = Proposal.objects.filter(idempotency_token=token).first()
        if proposal is None:
            proposal, _new = services.proposal_submit(
                actor=team if channel != Channel.WEB else None,
                plan=plan,
                title=title,
                problem=problem,
                solution=solution,
                beneficiaries=beneficiaries,
                axis=axes[axis_i] if axis_i < len(axes) else None,
                theme=themes[offset % len(themes)] if themes else None,
                province=province,
                proposer_type="ciudadania" if channel == Channel.WEB else "sociedad-civil",
                contact_name="Persona de ejemplo",
                channel=channel,
                mesa=mesa,
                idempotency_token=token,
                is_example=True,
                created_at=created_at,
            )
        if proposal.status == Status.RECEIVED and path:
            if path[-1] in DECISION_STATUSES:
                services.proposal_decide(
                    actor=team,
                    proposal=proposal,
                    to_status=path[-1],
                    response_text=response,
                    merged_into=previous if path[-1] == Status.MERGED else None,
                )
            else:
                services.proposal_transition(actor=team, proposal=proposal, to_status=path[-1])
            if response_date and path:
                # The historical examples were answered in 2022, not on the day of loading.
                Proposal.objects.filter(pk=proposal.pk, is_example=True).update(
                    response_date=response_date
                )
        previous = proposal


def load() -> None:
    from abierto.mesas import demo as mesas_demo

    today = timezone.localdate()
    example_plan = _example_plan(today)
    # The example proposals of the channel "mesa" name held demo mesas, which the mesas
    # loader writes once the example plan exists (its own run, after this one, finds them).
    mesas_demo.load()
    second = ActionPlan.objects.filter(number=2, is_example=False).first()
    if second is not None:
        _load_examples(
            second,
            SECOND_PLAN_EXAMPLES,
            base_date=datetime.datetime(2022, 6, 1, 15, 0, tzinfo=datetime.UTC),
            response_date=datetime.date(2022, 11, 30),
        )
    _load_examples(
        example_plan,
        EXAMPLE_PLAN_PROPOSALS,
        base_date=timezone.now() - datetime.timedelta(days=20),
    )
    _assign_demo_facilitator(example_plan)


def _assign_demo_facilitator(plan) -> None:
    """The demo facilitator account (when ``demo_accounts`` created it) handles the example
    plan, so it can enter paper proposals; through the plans service, recorded only once."""
    from abierto.accounts.demo import demo_email
    from abierto.accounts.models import User
    from abierto.core.roles import SYSTEM_ACTOR, Role
    from abierto.plans.services import plan_set_facilitators

    account = User.objects.filter(email=demo_email(Role.FACILITATOR)).first()
    if account is None:
        return
    plan_set_facilitators(actor=SYSTEM_ACTOR, plan=plan, users=[*plan.facilitators.all(), account])
