"""The staff back office (/gestion/): a dashboard that lists each app's sections."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from abierto.accounts.roles import Role, user_has_role


@dataclass(frozen=True)
class StaffSection:
    title: str | Promise
    description: str | Promise
    url_name: str
    roles: tuple[Role, ...]
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


STAFF_SECTIONS: list[StaffSection] = []


def register_staff_section(section: StaffSection) -> None:
    """Called from an app's ``AppConfig.ready`` to put its section on the dashboard."""
    if section not in STAFF_SECTIONS:
        STAFF_SECTIONS.append(section)
        STAFF_SECTIONS.sort(key=lambda s: s.order)


def staff_sections_for(user) -> list[StaffSection]:
    return [s for s in STAFF_SECTIONS if user_has_role(user, *s.roles)]
