"""Fixtures for the proposals tests: the example plan (open today) and a filled-in form."""

import time
import uuid

import pytest
from django.utils import timezone

from abierto.proposals import demo
from abierto.proposals.forms import started_token

PERSONAL = {
    "contact_name": "Ana Quispe Zambrano",
    "contact_email": "ana.quispe@example.org",
    "contact_phone": "+593 99 123 4567",
}


@pytest.fixture
def plan(db):
    """The example plan in co-creation, its proposal stage open today."""
    return demo._example_plan(timezone.localdate())


def form_data(plan, **overrides) -> dict:
    """A complete, valid submission (final step) for ``plan``."""
    data = {
        "title": "Datos abiertos de compras públicas municipales",
        "problem": "Los municipios publican sus compras en archivos escaneados que nadie "
        "puede analizar ni comparar.",
        "solution": "Publicar cada compra municipal en formato abierto, con un estándar común "
        "y actualización mensual.",
        "beneficiaries": "Veedurías ciudadanas y periodistas.",
        "axis": str(plan.axes.order_by("order").first().pk),
        "theme": "",
        "province": "pichincha",
        "canton": "Quito",
        "proposer_type": "ciudadania",
        "organization_name": "",
        **PERSONAL,
        "gender": "mujer",
        "age_range": "30-44",
        "self_identification": "",
        "token": str(uuid.uuid4()),
        "started": started_token(time.time() - 120),
        "sitio_web": "",
        "consent": "on",
        "paso": "enviar",
    }
    data.update(overrides)
    return data
