"""Seeded data for the open-data tests: the demo, plus proposals whose private side is easy
to look for (names, emails, phones, demographics) and one hidden by moderation."""

import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from abierto.core import audit
from abierto.proposals import demo, services
from abierto.proposals.models import Proposal, Status

#: Private values of seeded proposals: none may appear in any export, feed or API response.
PRIVATE = {
    "contact_name": "Rosalía Quishpe Tenemaza",
    "contact_email": "rosalia.quishpe@correo-privado.example",
    "contact_phone": "+593 98 765 4321",
}
#: A mesa registration and a commitment's contact person: private too.
REGISTRANT = {"name": "Wilmer Chicaiza Toapanta", "email": "wilmer.chicaiza@correo-privado.example"}
PRIVATE_VALUES = [
    *PRIVATE.values(),
    "Quishpe",
    "correo-privado",
    "98 765 4321",
    *REGISTRANT.values(),
    "Chicaiza",
]
PRIVATE_COLUMNS = [
    "contact_name",
    "contact_email",
    "contact_phone",
    "gender",
    "age_range",
    "self_identification",
    "tracking_code",
    "idempotency_token",
    "hidden_reason",
    "genero",
    "rango_de_edad",
    "autoidentificacion",
    "codigo_de_seguimiento",
]
HIDDEN_TITLE = "Propuesta oculta por moderación con insultos"
FORMULA_TITLE = '=HYPERLINK("http://malo.example","clic")'


def submit(plan, *, title: str, **extra) -> Proposal:
    fields = {
        "actor": None,
        "plan": plan,
        "title": title,
        "problem": "Un problema público descrito con suficiente detalle para la prueba.",
        "solution": "Una solución pública descrita con suficiente detalle para la prueba.",
        "beneficiaries": "Veedurías ciudadanas.",
        "province": "pichincha",
        "proposer_type": "ciudadania",
        "gender": "mujer",
        "age_range": "30-44",
        "self_identification": "montubia",
        "idempotency_token": uuid.uuid4(),
        **PRIVATE,
    }
    fields.update(extra)
    return services.proposal_submit(**fields)[0]


@pytest.fixture
def seeded(db, forum_member):
    """The demo data, two proposals with private data (one decided, one with a formula as
    title) and one hidden proposal. Returns the open plan."""
    call_command("load_demo", verbosity=0)
    plan = demo._example_plan(timezone.localdate())
    decided = submit(plan, title="Mingas de datos abiertos en Cotacachi")
    services.proposal_decide(
        actor=forum_member,
        proposal=decided,
        to_status=Status.INADMISSIBLE,
        response_text="No corresponde al alcance del plan: es una competencia municipal "
        "que ya cuenta con un mecanismo propio de participación.",
    )
    submit(plan, title=FORMULA_TITLE)
    hidden = submit(plan, title=HIDDEN_TITLE)
    services.proposal_hide(actor=forum_member, proposal=hidden, reason="Insultos")
    _seed_mesa_and_commitment_private_data(forum_member)
    audit.seal_pending()  # what the worker does right after each commit
    return plan


def _seed_mesa_and_commitment_private_data(forum_member) -> None:
    """A registration with its attendance and voluntary profile on a mesa, and a contact
    person on a public commitment: none of it may leave the site."""
    from abierto.commitments import services as commitment_services
    from abierto.commitments.models import PUBLIC_STATUSES, ActorRole, Commitment
    from abierto.forum.models import Organization
    from abierto.mesas import services as mesa_services
    from abierto.mesas.models import Mesa, MesaStatus

    mesa = (
        Mesa.objects.filter(status=MesaStatus.SCHEDULED, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    assert mesa is not None, "the demo has an upcoming mesa"
    registration = mesa_services.registration_create(actor=None, mesa=mesa, **REGISTRANT)
    attendance = mesa_services.attendance_check_in(
        actor=forum_member, mesa=mesa, registration=registration
    )
    mesa_services.attendee_profile_record(
        actor=forum_member, attendance=attendance, ethnicity="montubia", age_range="30-44"
    )
    commitment = Commitment.objects.filter(status__in=sorted(PUBLIC_STATUSES)).first()
    organization = Organization.objects.create(name="Veeduría ciudadana de ejemplo")
    commitment_services.actor_add(
        actor=forum_member,
        commitment=commitment,
        organization=organization,
        role=ActorRole.COUNTERPART,
        contact_name=REGISTRANT["name"],
        contact_email=REGISTRANT["email"],
    )


def assert_no_private_data(text: str) -> None:
    lowered = text.lower()
    for value in PRIVATE_VALUES:
        assert value.lower() not in lowered, value
    for code in Proposal.objects.values_list("tracking_code", flat=True):
        assert code not in text, "tracking code leaked"
    for token in Proposal.objects.values_list("idempotency_token", flat=True):
        assert str(token) not in lowered, "idempotency token leaked"
    assert HIDDEN_TITLE not in text
    # Demographics: neither the seeded values nor the private column names.
    assert "montubia" not in lowered
    for column in PRIVATE_COLUMNS:
        assert f'"{column}"' not in text and f",{column}," not in text, column
    # Mesa registrations (codes), accounts (evaluators, liaisons, facilitators): never out.
    from abierto.accounts.models import User
    from abierto.mesas.models import Registration

    for code in Registration.objects.values_list("code", flat=True):
        assert code not in text, "registration code leaked"
    for email in User.objects.values_list("email", flat=True):
        assert email.lower() not in lowered, email
