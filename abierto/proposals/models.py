"""Citizen proposals: what people send to a plan's co-creation, and what happens to it.

A proposal has a public side (title, problem, solution, who benefits, where, its status and the
reasoned response) and a private side (contact details, demographics, attachments) that never
appears on a public page, export or feed. Proposals are never deleted: moderation hides them.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinLengthValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.core.geo import ProposalScope
from abierto.forum.models import Sector

from .codes import format_code


class Status(models.TextChoices):
    RECEIVED = "recibida", _("Recibida")
    IN_REVIEW = "en-revision", _("En revisión")
    INADMISSIBLE = "no-admitida", _("No admitida")
    IN_EVALUATION = "en-evaluacion", _("En evaluación")
    SELECTED = "seleccionada", _("Seleccionada")
    MERGED = "fusionada", _("Fusionada")
    NOT_SELECTED = "no-seleccionada", _("No seleccionada")
    WITHDRAWN = "retirada", _("Retirada")


#: Where each status may go next (DESIGN.md). Withdrawal is the proposer's own act.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset({Status.INADMISSIBLE, Status.IN_EVALUATION, Status.WITHDRAWN}),
    Status.IN_EVALUATION: frozenset(
        {Status.SELECTED, Status.MERGED, Status.NOT_SELECTED, Status.WITHDRAWN}
    ),
    Status.INADMISSIBLE: frozenset(),
    Status.SELECTED: frozenset(),
    Status.MERGED: frozenset(),
    Status.NOT_SELECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
#: Final decisions of the forum: each needs a public reasoned response.
DECISION_STATUSES = frozenset(
    {Status.INADMISSIBLE, Status.SELECTED, Status.MERGED, Status.NOT_SELECTED}
)
CLOSED_STATUSES = DECISION_STATUSES | {Status.WITHDRAWN}
#: Nobody can join these (nor are they offered as similar proposals).
NOT_JOINABLE_STATUSES = frozenset({Status.WITHDRAWN, Status.MERGED})
#: Statuses that mean the admissibility check was passed: a held proposal becomes public.
ADMITTED_STATUSES = frozenset(
    {Status.IN_EVALUATION, Status.SELECTED, Status.MERGED, Status.NOT_SELECTED}
)


class Channel(models.TextChoices):
    WEB = "web", _("Formulario web")
    MESA = "mesa", _("Mesa de cocreación")
    PAPER = "papel", _("Formulario en papel")


class Gender(models.TextChoices):
    WOMAN = "mujer", _("Mujer")
    MAN = "hombre", _("Hombre")
    NON_BINARY = "no-binaria", _("Persona no binaria")
    OTHER = "otra", _("Otra")
    NOT_SAID = "prefiere-no-decir", _("Prefiero no decirlo")


class AgeRange(models.TextChoices):
    UNDER_18 = "menos-18", _("Menos de 18 años")
    FROM_18 = "18-29", _("De 18 a 29 años")
    FROM_30 = "30-44", _("De 30 a 44 años")
    FROM_45 = "45-64", _("De 45 a 64 años")
    FROM_65 = "65-mas", _("65 años o más")
    NOT_SAID = "prefiere-no-decir", _("Prefiero no decirlo")


class SelfIdentification(models.TextChoices):
    """Self-identification as asked by Ecuador's census (INEC)."""

    INDIGENOUS = "indigena", _("Indígena")
    AFRO = "afroecuatoriana", _("Afroecuatoriana o afrodescendiente")
    MONTUBIA = "montubia", _("Montubia")
    MESTIZA = "mestiza", _("Mestiza")
    WHITE = "blanca", _("Blanca")
    OTHER = "otra", _("Otra")
    NOT_SAID = "prefiere-no-decir", _("Prefiero no decirlo")


def _at_least(n: int, what):
    """The shortest text a proposal accepts, whoever sends it (form, staff, API, CSV)."""
    return MinLengthValidator(n, message=what)


#: A phone number as people write it: digits, spaces and + ( ) . -
PHONE_VALIDATOR = RegexValidator(
    r"^[0-9+()\s.-]{7,30}$",
    message=_("Escriba solo números, espacios y los signos + ( ) -."),
)


class PublicProposalManager(models.Manager):
    """Proposals the public may see: everything except what moderation hid."""

    def get_queryset(self):
        return super().get_queryset().filter(is_hidden=False)


class Proposal(models.Model):
    # --- Public ------------------------------------------------------------------------------
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan de acción"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    title = models.CharField(
        _("título"),
        max_length=200,
        validators=[_at_least(8, _("El título es muy corto: use al menos 8 caracteres."))],
    )
    problem = models.TextField(
        _("problema"),
        max_length=4000,
        validators=[
            _at_least(30, _("Cuéntenos un poco más del problema (al menos 30 caracteres)."))
        ],
    )
    solution = models.TextField(
        _("solución propuesta"),
        max_length=4000,
        validators=[
            _at_least(30, _("Cuéntenos un poco más de su propuesta (al menos 30 caracteres)."))
        ],
    )
    beneficiaries = models.TextField(
        _("a quién beneficia"),
        max_length=2000,
        validators=[_at_least(5, _("Indique con un poco más de detalle a quién beneficia."))],
    )
    axis = models.ForeignKey(
        "plans.Axis",
        verbose_name=_("eje"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    theme = models.ForeignKey(
        "plans.Theme",
        verbose_name=_("tema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    province = models.CharField(
        _("provincia o alcance"), max_length=30, choices=ProposalScope.choices
    )
    canton = models.CharField(_("cantón"), max_length=100, blank=True)
    proposer_type = models.CharField(_("tipo de proponente"), max_length=30, choices=Sector.choices)
    organization_name = models.CharField(_("organización"), max_length=200, blank=True)
    channel = models.CharField(
        _("canal"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    #: The mesa where a proposal of the channel "mesa" was written (required for that channel,
    #: empty for the others; the service checks it and that the mesa is of the same plan).
    mesa = models.ForeignKey(
        "mesas.Mesa",
        verbose_name=_("mesa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("último cambio de estado"))
    created_at = models.DateTimeField(_("recibida el"), db_index=True)
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)

    # The reasoned response (public): required for every decision of the forum.
    response_text = models.TextField(_("respuesta razonada"), blank=True)
    response_role = models.CharField(_("respondida por (rol)"), max_length=60, blank=True)
    response_date = models.DateField(_("fecha de la respuesta"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("fusionada con"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    # The commitment this proposal fed (provenance, shown on both sides). The column kept its
    # name from when it was a placeholder (proposals 0004 turned it into this key).
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("compromiso al que aportó"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_proposals",
        db_column="commitment_id",
    )

    # --- Private -----------------------------------------------------------------------------
    tracking_code = models.CharField(_("código de seguimiento"), max_length=16, unique=True)
    idempotency_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta que la envió"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrada por (equipo)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(_("nombre"), max_length=150)
    contact_email = models.EmailField(_("correo electrónico"), blank=True)
    contact_phone = models.CharField(
        _("teléfono"), max_length=30, blank=True, validators=[PHONE_VALIDATOR]
    )
    gender = models.CharField(_("género"), max_length=20, choices=Gender.choices, blank=True)
    age_range = models.CharField(
        _("rango de edad"), max_length=20, choices=AgeRange.choices, blank=True
    )
    self_identification = models.CharField(
        _("autoidentificación"), max_length=20, choices=SelfIdentification.choices, blank=True
    )
    consent_at = models.DateTimeField(_("consentimiento al aviso de privacidad"))

    # --- Moderation ----------------------------------------------------------------------------
    #: Not public: moderation hid it (``hidden_reason``) or it waits for its admissibility
    #: check (``held_for_check``). The services keep ``is_hidden`` equal to "either of both".
    is_hidden = models.BooleanField(_("oculta por moderación"), default=False)
    hidden_reason = models.CharField(_("motivo de la ocultación"), max_length=300, blank=True)
    held_for_check = models.BooleanField(
        _("espera la revisión de admisibilidad para publicarse"), default=False
    )

    # --- Adhesions (the count is public; who joined is not) -----------------------------------
    adhesion_count = models.PositiveIntegerField(_("adhesiones"), default=0, editable=False)

    # --- Search (kept up to date by the services) ----------------------------------------------
    #: Title and texts without accents, lower case: SQLite search and trigram similarity.
    search_text = models.TextField(editable=False, default="")
    title_key = models.CharField(max_length=200, editable=False, default="")
    #: PostgreSQL only (``spanish`` configuration, GIN index); NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = models.Manager()
    public_objects = PublicProposalManager()

    class Meta:
        verbose_name = _("propuesta")
        verbose_name_plural = _("propuestas")
        ordering = ["-id"]
        default_permissions = ("add", "change", "view")
        indexes = [
            models.Index(fields=["is_hidden", "id"], name="proposal_public_id"),
            models.Index(fields=["plan", "id"], name="proposal_plan_id"),
            models.Index(fields=["status", "id"], name="proposal_status_id"),
            models.Index(fields=["province", "id"], name="proposal_province_id"),
            models.Index(fields=["channel", "id"], name="proposal_channel_id"),
            # Public reads (make bench, EXPLAIN on SQLite without statistics, as a site runs):
            # the detail page's "merged into this one" (is_hidden = 0 AND merged_into_id = N
            # ORDER BY id) otherwise walks every public row through proposal_public_id;
            # the list's facet counts (is_hidden = 0 GROUP BY x) and filtered pages
            # (is_hidden = 0 AND x = v ORDER BY id DESC) read one covering range instead of
            # looking each public row up in the table.
            models.Index(fields=["merged_into", "is_hidden", "id"], name="proposal_merged_public"),
            # A commitment's page lists the public proposals it came from: without it, SQLite
            # walked every public row by (is_hidden, id) (171 ms at 10,000 proposals).
            models.Index(
                fields=["commitment", "is_hidden", "id"], name="proposal_commitment_public"
            ),
            # A mesa's page counts the public proposals written there: without it, SQLite
            # (no statistics) walked every public row by (is_hidden, plan, id): 88 ms at L.
            models.Index(fields=["mesa", "is_hidden", "id"], name="proposal_mesa_public"),
            models.Index(fields=["is_hidden", "plan", "id"], name="proposal_public_plan"),
            models.Index(fields=["is_hidden", "status", "id"], name="proposal_public_status"),
            models.Index(fields=["is_hidden", "province", "id"], name="proposal_public_province"),
            models.Index(fields=["is_hidden", "channel", "id"], name="proposal_public_channel"),
            # "N propuestas esperan la revisión de admisibilidad": only the held rows.
            models.Index(
                fields=["plan", "status"],
                condition=models.Q(held_for_check=True),
                name="proposal_held",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=sorted(DECISION_STATUSES))
                | ~models.Q(response_text=""),
                name="proposal_decision_has_response",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.MERGED) | models.Q(merged_into__isnull=False),
                name="proposal_merged_has_target",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"pk": self.pk})

    @property
    def display_code(self) -> str:
        return format_code(self.tracking_code)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def can_be_withdrawn(self) -> bool:
        return Status.WITHDRAWN in TRANSITIONS[self.status]

    @property
    def can_be_joined(self) -> bool:
        """Public and neither withdrawn nor merged into another one."""
        return not self.is_hidden and self.status not in NOT_JOINABLE_STATUSES

    @property
    def can_be_reported(self) -> bool:
        return not self.is_hidden


def attachment_path(instance, filename: str) -> str:
    # A random name: the original name is kept in the row, never in the path.
    return f"private/proposals/{uuid.uuid4().hex}.{instance.extension}"


class Attachment(models.Model):
    """A file sent with a proposal. Private: stored under MEDIA_ROOT, served only to staff."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("nombre del archivo"), max_length=255)
    extension = models.CharField(max_length=8)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("archivo adjunto")
        verbose_name_plural = _("archivos adjuntos")
        ordering = ["id"]
        default_permissions = ("add", "change", "view")

    def __str__(self) -> str:
        return self.original_name


class Adhesion(models.Model):
    """A person joins a public proposal ("Sumarse"). Private: only the count is public.

    One per person and proposal: per mailbox (``email_key``, folded as the rate limits fold it:
    case, ``+tag``, quotes, Gmail's dots) and per account. The database decides, so two clicks
    at once make one row. An anonymous adhesion counts once its email link is followed
    (``confirmed_at``); an account's counts at once.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="adhesions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("correo electrónico"))
    email_key = models.CharField(max_length=254, editable=False)
    created_at = models.DateTimeField(_("pedida el"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmada el"), null=True, blank=True)

    AUDIT_PRIVATE_FIELDS = ("email", "email_key", "user")

    class Meta:
        verbose_name = _("adhesión")
        verbose_name_plural = _("adhesiones")
        ordering = ["id"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "email_key"], name="adhesion_one_per_mailbox"
            ),
            models.UniqueConstraint(
                fields=["proposal", "user"],
                condition=models.Q(user__isnull=False),
                name="adhesion_one_per_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}"


class ReportReason(models.TextChoices):
    OFFENSIVE = "ofensivo", _("Contenido ofensivo")
    PERSONAL_DATA = "datos-personales", _("Publica datos personales")
    SPAM = "spam", _("Spam o publicidad")
    NOT_A_PROPOSAL = "no-es-propuesta", _("No es una propuesta")
    OTHER = "otro", _("Otro motivo")


class Report(models.Model):
    """A visitor reports a public proposal («Denunciar»). Private, seen only by the Grupo Núcleo.

    One per proposal and browser or account (``reporter_key``, a digest). Reports not yet
    reviewed (``reviewed_at`` empty) count towards the plan's ``report_threshold``.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="reports")
    reason = models.CharField(_("motivo"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("detalles"), max_length=1000, blank=True)
    reporter_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("recibida el"), default=timezone.now)
    reviewed_at = models.DateTimeField(_("revisada el"), null=True, blank=True)

    AUDIT_PRIVATE_FIELDS = ("details", "reporter_key")

    class Meta:
        verbose_name = _("denuncia")
        verbose_name_plural = _("denuncias")
        ordering = ["id"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reporter_key"], name="report_one_per_reporter"
            ),
        ]
        indexes = [models.Index(fields=["reviewed_at", "proposal"], name="report_open")]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.reason}"


class ProposalCount(models.Model):
    """How many public proposals share a key: the public list's total and facet counts read
    these few rows instead of counting proposals (issue 9).

    Kept by the services (``proposals.counters``), in the transaction of every write that
    creates a proposal or changes where it counts (plan, axis, theme, status, province,
    channel, ``is_hidden``); hidden proposals are not counted. ``manage.py proposal_counts
    --check`` compares the table with a GROUP BY over the proposals, ``--rebuild`` rewrites it.

    A roll-up: each public proposal adds 1 to up to three rows with its plan, status, province
    and channel: the row with ``axis_id = theme_id = 0`` (the total and the plan, status,
    province and channel facets), the row of its axis (``theme_id = 0``) and the row of its
    theme (``axis_id = 0``): the axis and theme facets of a chosen plan. At the bench's
    scale L (100,000 proposals, 3 plans) that is 12,882 rows, of which the unfiltered list
    adds up the 1,721 of the first level; one key with axis × theme would give 18,677 rows,
    all of them read by every unfiltered list. Derived data: plain ids, no foreign keys (an
    axis without proposals may be deleted; its rows say 0).
    """

    plan_id = models.PositiveBigIntegerField()
    axis_id = models.PositiveBigIntegerField(default=0)  # 0: every axis (or the theme's row)
    theme_id = models.PositiveBigIntegerField(default=0)  # 0: every theme (or the axis' row)
    # The proposal's values (no choices here: the proposal's field validates them).
    status = models.CharField(max_length=20)
    province = models.CharField(max_length=30)
    channel = models.CharField(max_length=10)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("recuento de propuestas")
        verbose_name_plural = _("recuentos de propuestas")
        default_permissions = ()
        constraints = [
            # The upsert's conflict target, and the index every read walks: the unfiltered
            # list reads the range (0, 0), a chosen plan (0, 0, plan).
            models.UniqueConstraint(
                fields=["axis_id", "theme_id", "plan_id", "status", "province", "channel"],
                name="proposal_count_key",
            ),
        ]

    def __str__(self) -> str:
        key = (self.plan_id, self.axis_id, self.theme_id, self.status, self.province, self.channel)
        return f"{'/'.join(map(str, key))}: {self.n}"
