"""The licences a site may publish its data under (setting ``ABIERTO_DATA_LICENSE``)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class License:
    id: str  # SPDX identifier, as Frictionless Data Packages name licences
    title: str
    url: str
    #: Whether reusers must credit the source (CC0 and PDDL waive it).
    attribution: bool = True


LICENSES = {
    lic.id: lic
    for lic in (
        License(
            "CC-BY-4.0",
            "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)",
            "https://creativecommons.org/licenses/by/4.0/deed.es",
        ),
        License(
            "CC-BY-SA-4.0",
            "Creative Commons Atribución-CompartirIgual 4.0 Internacional (CC BY-SA 4.0)",
            "https://creativecommons.org/licenses/by-sa/4.0/deed.es",
        ),
        License(
            "CC0-1.0",
            "Creative Commons CC0 1.0 Universal (dominio público)",
            "https://creativecommons.org/publicdomain/zero/1.0/deed.es",
            attribution=False,
        ),
        License(
            "ODbL-1.0",
            "Open Data Commons Open Database License (ODbL) 1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
        ),
        License(
            "PDDL-1.0",
            "Open Data Commons Public Domain Dedication and License (PDDL) 1.0",
            "https://opendatacommons.org/licenses/pddl/1-0/",
            attribution=False,
        ),
    )
}


def get_license(license_id: str | None = None) -> License:
    """The licence named (by SPDX id), or the site's data licence."""
    wanted = license_id or settings.ABIERTO_DATA_LICENSE
    try:
        return LICENSES[wanted]
    except KeyError:
        raise ImproperlyConfigured(
            f"ABIERTO_DATA_LICENSE={wanted!r}: use one of {', '.join(sorted(LICENSES))}."
        ) from None
