"""Demo data of the content app: every information page and a few repository entries.

Idempotent: pages match by slug and documents by title, so running it twice duplicates
nothing. Real documents published elsewhere are links that say so; invented ones are small
PDFs generated here (``core.pdf.example_document_pdf``) that say "Documento de ejemplo" and
carry ``is_example``, as are the example actas of the forum's held meetings. Plans come
from the plans demo (loaded first) and are looked up by number.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from abierto.core.pdf import example_document_pdf
from abierto.core.roles import SYSTEM_ACTOR
from abierto.forum.models import ForumMeeting
from abierto.plans.models import ActionPlan

from . import services
from .demo_pages import PAGES
from .models import Document, DocumentType, Page

OGP_ECUADOR = "https://www.opengovpartnership.org/members/ecuador/"

DOCUMENTS = [
    {
        "title": "Primer Plan de Acción de Gobierno Abierto Ecuador 2019-2022",
        "doc_type": DocumentType.ACTION_PLAN,
        "date": datetime.date(2019, 8, 30),
        "plan_number": 1,
        "external_url": OGP_ECUADOR,
        "description": "El plan con los diez compromisos cocreados entre gobierno, sociedad "
        "civil y academia. El enlace lleva a la página de Ecuador en la Alianza para el "
        "Gobierno Abierto, donde se publica el documento. La fecha registrada es aproximada.",
        "is_example": False,
    },
    {
        "title": "Segundo Plan de Acción de Gobierno Abierto 2022-2024 «Hacia Estado Abierto»",
        "doc_type": DocumentType.ACTION_PLAN,
        "date": datetime.date(2023, 1, 31),
        "plan_number": 2,
        "external_url": OGP_ECUADOR,
        "description": "El plan que extiende el gobierno abierto a otras funciones del Estado "
        "y niveles de gobierno, con quince compromisos. El enlace lleva a la página de "
        "Ecuador en la Alianza, donde se publica el documento. La fecha registrada es "
        "aproximada.",
        "is_example": False,
    },
    {
        "title": "Informe de resultados del IRM sobre el Primer Plan de Acción",
        "doc_type": DocumentType.IRM_REPORT,
        "date": datetime.date(2023, 6, 1),
        "plan_number": 1,
        "external_url": OGP_ECUADOR,
        "description": "La evaluación independiente de los resultados del primer plan. El "
        "enlace lleva a la página de Ecuador en la Alianza, que reúne los informes del "
        "Mecanismo de Revisión Independiente. La fecha es aproximada (dato de ejemplo).",
        "is_example": True,
    },
    {
        "title": "Metodología de cocreación del Segundo Plan de Acción (ejemplo)",
        "doc_type": DocumentType.METHODOLOGY,
        "date": datetime.date(2022, 4, 20),
        "plan_number": 2,
        "sections": [
            (
                "Etapas",
                "1. Preparación y mapeo de actores.\n2. Recepción de propuestas ciudadanas.\n"
                "3. Mesas temáticas y territoriales.\n4. Evaluación por la comisión.\n"
                "5. Redacción y aprobación de las fichas de compromiso.",
            ),
            (
                "Criterios de evaluación",
                "Relevancia para los valores de gobierno abierto, viabilidad, impacto "
                "potencial y participación de la sociedad civil.",
            ),
        ],
        "description": "Documento de ejemplo para la demostración: describe las cinco etapas "
        "del proceso, las mesas temáticas y territoriales y los criterios de evaluación.",
        "is_example": True,
    },
    {
        "title": "Acta de reunión del Grupo Núcleo, septiembre de 2022 (ejemplo)",
        "doc_type": DocumentType.MINUTES,
        "date": datetime.date(2022, 9, 15),
        "plan_number": 2,
        "sections": [
            (
                "Orden del día",
                "Inicio de la evaluación de las propuestas.\nSelección de compromisos por la "
                "comisión evaluadora.",
            ),
            (
                "Acuerdos",
                "Acta de ejemplo para la demostración de la plataforma: los acuerdos de esta "
                "reunión no son reales.",
            ),
        ],
        "description": "Acta de ejemplo para la demostración: inicio de la evaluación y "
        "selección de compromisos por la comisión evaluadora.",
        "is_example": True,
    },
    {
        "title": "Open Government Declaration",
        "doc_type": DocumentType.OTHER,
        "date": datetime.date(2011, 9, 20),
        "plan_number": None,
        "external_url": "https://www.opengovpartnership.org/process/joining-ogp/"
        "open-government-declaration/",
        "description": "La Declaración de Gobierno Abierto que suscriben los países miembros "
        "de la Alianza (en inglés).",
        "is_example": False,
        "language": "en",
    },
]


def _current_plan(number: int | None) -> ActionPlan | None:
    if number is None:
        return None
    return ActionPlan.objects.filter(number=number).first()


def load() -> None:
    """Pages and documents through the content services: found by slug or title, changed
    only where the demo text changed, so every entry has a real public history."""
    for data in PAGES:
        fields = {key: value for key, value in data.items() if key != "slug"}
        page = Page.objects.filter(slug=data["slug"]).first()
        if page is None:
            services.page_create(actor=SYSTEM_ACTOR, slug=data["slug"], **fields)
        else:
            services.page_update(actor=SYSTEM_ACTOR, page=page, **fields)
    for data in DOCUMENTS:
        fields = dict(data)
        fields["plan"] = _current_plan(fields.pop("plan_number"))
        fields.setdefault("language", "es")
        sections = fields.pop("sections", None)
        document = Document.objects.filter(title=fields["title"]).first()
        upload = None
        if sections and (document is None or not document.file):
            # An invented document is a small PDF that says it is an example.
            pdf = example_document_pdf(
                title=fields["title"], date=fields["date"], sections=sections
            )
            upload = _pdf_upload(pdf)
            fields["external_url"] = ""
        elif sections:
            fields["external_url"] = ""
        if document is None:
            services.document_create(actor=SYSTEM_ACTOR, upload=upload, **fields)
        else:
            services.document_update(actor=SYSTEM_ACTOR, document=document, upload=upload, **fields)
    _forum_minutes()


def _pdf_upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("documento.pdf", content, content_type="application/pdf")


def _forum_minutes() -> None:
    """The example actas of the forum's held meetings, also in the repository (a copy of
    the PDF the forum page serves), marked as examples."""
    meetings = ForumMeeting.objects.filter(is_example=True).exclude(minutes_file="")
    for meeting in meetings.order_by("date"):
        title = f"Acta de la reunión del Grupo Núcleo: {meeting.title}"[:255]
        if Document.objects.filter(title=title).exists():
            continue
        with meeting.minutes_file.open("rb") as handle:
            content = handle.read()
        services.document_create(
            actor=SYSTEM_ACTOR,
            doc_type=DocumentType.MINUTES,
            title=title,
            date=meeting.date,
            description="Acta de ejemplo para la demostración: orden del día, asistencia y "
            "acuerdos de una reunión del Grupo Núcleo.",
            upload=_pdf_upload(content),
            plan=meeting.plan,
            is_example=True,
        )
