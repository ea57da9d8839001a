"""Demo data for mesas, loaded through the services (so each mesa has a real history).

* The thematic mesas of Ecuador's second plan (2022), as held: cities, themes and dates as
  published (``shared/seed/ecuador-facts.md``); the hours were not published, so the
  description says the time shown is indicative.
* CEPAL's published participation figure for the second plan, with its source.
* Two upcoming mesas of the example plan (``tercer-plan-de-accion-ejemplo``), open for
  registration, marked as example data; their dates follow today on every run. A third one,
  held ten days before the first run, takes the example plan's paper proposals.

``load()`` is idempotent: mesas are matched by plan and title.
"""

import datetime

from django.utils import timezone

from abierto.accounts.models import User
from abierto.core.roles import SYSTEM_ACTOR
from abierto.plans.models import ActionPlan, Theme

from . import services
from .models import Kind, Mesa, MesaStatus, Modality

EXAMPLE_PLAN_SLUG = "tercer-plan-de-accion-ejemplo"
DEMO_FACILITATOR = "facilitacion@demo.gobiernoabierto.local"

#: (theme, city, province, date, venue) of the second plan's thematic mesas (2022).
SECOND_PLAN_MESAS = [
    ("Gobernanza digital", "Quito", "pichincha", (6, 9), ""),
    ("Apertura fiscal", "Guayaquil", "guayas", (6, 15), "Universidad Espíritu Santo"),
    ("Recursos naturales", "Galápagos", "galapagos", (7, 13), ""),
    ("Función de transparencia y control social", "Quito", "pichincha", (7, 15), ""),
    ("Gobiernos locales", "Quito", "pichincha", (7, 18), ""),
    ("Función electoral", "Quito", "pichincha", (7, 19), ""),
    ("Función judicial", "Quito", "pichincha", (7, 20), ""),
    ("Función legislativa", "Quito", "pichincha", (7, 21), ""),
    ("Sector privado", "Quito", "pichincha", (7, 27), ""),
    ("Género", "Cuenca", "azuay", (7, 29), ""),
    ("Interculturalidad", "Riobamba", "chimborazo", (8, 3), ""),
]
HOURS_NOTE = (
    "Mesa temática del Segundo Plan de Acción, según la información publicada por el Gobierno "
    "Abierto del Ecuador. La fecha y la ciudad son las publicadas; el horario es referencial."
)

CEPAL_SOURCE = "CEPAL, Observatorio Regional de Planificación para el Desarrollo"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def _second_plan() -> None:
    plan = ActionPlan.objects.filter(number=2, is_example=False).first()
    if plan is None:
        return
    themes = {theme.name: theme for theme in Theme.objects.filter(plan=plan)}
    rows = [
        (f"Mesa temática: {theme}", themes.get(theme), city, province, month_day, venue)
        for theme, city, province, month_day, venue in SECOND_PLAN_MESAS
    ]
    rows.append(("Mesa de cierre en Macas", None, "Macas", "morona-santiago", (8, 4), ""))
    for title, theme, city, province, (month, day), venue in rows:
        if Mesa.objects.filter(plan=plan, title=title).exists():
            continue
        date = datetime.date(2022, month, day)
        services.mesa_create(
            actor=SYSTEM_ACTOR,
            plan=plan,
            title=title,
            description=HOURS_NOTE,
            kind=Kind.THEMATIC,
            modality=Modality.IN_PERSON,
            theme=theme,
            city=city,
            province=province,
            venue_address=venue,
            starts_at=_at(date, 9),
            ends_at=_at(date, 13),
            capacity=60,
            status=MesaStatus.HELD,
        )
    services.published_participation_save(
        actor=SYSTEM_ACTOR,
        plan=plan,
        total=1260,
        men=692,
        women=559,
        non_binary=4,
        other=5,
        scope="Personas que participaron en la cocreación del Segundo Plan de Acción (2022)",
        source_name=CEPAL_SOURCE,
    )


def _example_plan() -> None:
    plan = ActionPlan.objects.filter(slug=EXAMPLE_PLAN_SLUG).first()
    if plan is None:
        return
    themes = {theme.name: theme for theme in Theme.objects.filter(plan=plan)}
    facilitator = User.objects.filter(email=DEMO_FACILITATOR).first()
    today = timezone.localdate()
    examples = [
        {
            "title": "Mesa territorial de Chimborazo (ejemplo)",
            "description": "Mesa inventada para probar la inscripción: gobiernos locales "
            "abiertos y participación en las parroquias rurales.",
            "kind": Kind.TERRITORIAL,
            "modality": Modality.IN_PERSON,
            "theme": themes.get("Gobiernos locales"),
            "city": "Riobamba",
            "province": "chimborazo",
            "venue_address": "Casa de la Cultura, núcleo de Chimborazo (ejemplo)",
            "accessibility_notes": "Acceso sin gradas y baño accesible. Pida intérprete de "
            "lengua de señas o de kichwa al inscribirse.",
            "online_url": "",
            "day": today + datetime.timedelta(days=12),
            "capacity": 40,
        },
        {
            "title": "Mesa temática virtual: datos abiertos (ejemplo)",
            "description": "Mesa inventada para probar la plataforma: qué datos públicos "
            "necesita la ciudadanía y en qué formato.",
            "kind": Kind.THEMATIC,
            "modality": Modality.VIRTUAL,
            "theme": themes.get("Datos abiertos"),
            "city": "Quito",
            "province": "pichincha",
            "venue_address": "",
            "accessibility_notes": "Subtítulos en vivo durante la sesión.",
            "online_url": "https://reuniones.example.org/mesa-datos-abiertos",
            "day": today + datetime.timedelta(days=20),
            "capacity": 25,
        },
        {
            # Held, so the demo facilitator can enter its paper proposals (fast form, CSV).
            "title": "Mesa territorial de Guamote (ejemplo)",
            "description": "Mesa inventada, ya realizada: sus propuestas en papel se registran "
            "en la gestión de la mesa.",
            "kind": Kind.TERRITORIAL,
            "modality": Modality.IN_PERSON,
            "theme": themes.get("Gobiernos locales"),
            "city": "Guamote",
            "province": "chimborazo",
            "venue_address": "Casa comunal de Guamote (ejemplo)",
            "accessibility_notes": "",
            "online_url": "",
            "day": today - datetime.timedelta(days=10),
            "capacity": 40,
            "status": MesaStatus.HELD,
        },
    ]
    for spec in examples:
        day = spec.pop("day")
        spec["starts_at"] = _at(day, 9)
        spec["ends_at"] = _at(day, 12)
        mesa = Mesa.objects.filter(plan=plan, title=spec["title"]).first()
        if mesa is None:
            mesa = services.mesa_create(actor=SYSTEM_ACTOR, plan=plan, is_example=True, **spec)
        elif mesa.status == MesaStatus.SCHEDULED:
            services.mesa_update(
                actor=SYSTEM_ACTOR,
                mesa=mesa,
                data={"starts_at": spec["starts_at"], "ends_at": spec["ends_at"]},
            )
        if facilitator is not None and mesa.status != MesaStatus.CANCELLED:
            services.mesa_set_facilitators(
                actor=SYSTEM_ACTOR,
                mesa=mesa,
                facilitators={*mesa.facilitators.all(), facilitator},
            )


def load() -> None:
    _second_plan()
    _example_plan()
