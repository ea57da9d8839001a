"""Territorial units of Ecuador used across apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    AZUAY = "azuay", "Azuay"
    BOLIVAR = "bolivar", "Bolívar"
    CANAR = "canar", "Cañar"
    CARCHI = "carchi", "Carchi"
    CHIMBORAZO = "chimborazo", "Chimborazo"
    COTOPAXI = "cotopaxi", "Cotopaxi"
    EL_ORO = "el-oro", "El Oro"
    ESMERALDAS = "esmeraldas", "Esmeraldas"
    GALAPAGOS = "galapagos", "Galápagos"
    GUAYAS = "guayas", "Guayas"
    IMBABURA = "imbabura", "Imbabura"
    LOJA = "loja", "Loja"
    LOS_RIOS = "los-rios", "Los Ríos"
    MANABI = "manabi", "Manabí"
    MORONA_SANTIAGO = "morona-santiago", "Morona Santiago"
    NAPO = "napo", "Napo"
    ORELLANA = "orellana", "Orellana"
    PASTAZA = "pastaza", "Pastaza"
    PICHINCHA = "pichincha", "Pichincha"
    SANTA_ELENA = "santa-elena", "Santa Elena"
    SANTO_DOMINGO = "santo-domingo", "Santo Domingo de los Tsáchilas"
    SUCUMBIOS = "sucumbios", "Sucumbíos"
    TUNGURAHUA = "tungurahua", "Tungurahua"
    ZAMORA_CHINCHIPE = "zamora-chinchipe", "Zamora Chinchipe"


#: Where a proposal applies: the whole country, Ecuadorians abroad, or one province. The two
#: extra values come first, then the provinces as ``Province`` lists them. Model field, forms,
#: list filter, facets, export and API all read this one list.
ProposalScope = models.TextChoices(  # type: ignore[call-overload]  # functional API
    "ProposalScope",
    [
        ("NATIONAL", ("nacional", _("Todo el país (alcance nacional)"))),
        ("ABROAD", ("exterior", _("Ecuatorianos en el exterior"))),
        *((p.name, (p.value, p.label)) for p in Province),
    ],
)
