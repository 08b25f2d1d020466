"""Who is asking: the principals the policy answers and the audit log names.

- A staff user in a role (`people.StaffUser`, the only principal that can hold a role).
- A citizen: a person of a household, logged in on the family's own door. A `Citizen` wraps the
  person and nothing else; it has no role to gain, so no staff rule can ever match it.
- An API client: another system of the municipality (comes with the open API).
- The system itself: a scheduled or background task, named by what it does.

Each has `principal_kind`, `pk`, `principal_name` (readable, for the audit log), `municipality_id`
and `is_authenticated`.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from welfarelab.people.models import Person


class Kind(models.TextChoices):
    STAFF = "staff", _("Staff")
    CITIZEN = "citizen", _("Citizen")
    API_CLIENT = "api_client", _("API client")
    SYSTEM = "system", _("The system")


@dataclass(frozen=True)
class Citizen:
    """A person of a household acting for themselves."""

    person: "Person"
    principal_kind = Kind.CITIZEN
    is_authenticated = True

    @property
    def pk(self):
        return self.person.pk

    @property
    def municipality_id(self):
        return self.person.municipality_id

    @property
    def principal_name(self):
        return str(self.person)


@dataclass(frozen=True)
class System:
    """The lab itself, doing `task` (for one municipality, or for all when `municipality_id` is None)."""

    task: str
    municipality_id: int | None = None
    principal_kind = Kind.SYSTEM
    is_authenticated = True
    pk = None

    @property
    def principal_name(self):
        return self.task


def is_staff(principal):
    """A staff user logged in: the only principal the staff rules of the policy can match."""
    return principal.is_authenticated and getattr(principal, "principal_kind", None) == Kind.STAFF


def is_citizen(principal):
    """A person of a household logged in on the family's own door."""
    return getattr(principal, "principal_kind", None) == Kind.CITIZEN
