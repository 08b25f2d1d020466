"""A child comes of age: on their 18th birthday a guardian's consent and signature stop covering them.

From that day the team sees the young adult only through a consent of their own (`policy.persons`), and they sign
the plan for themselves. The investment leader is told `AHEAD` of time, on the family's page and on their start
page, and records the young adult's own consent when they give it (`capture.steps.give_consent`).
"""

import dataclasses
import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from welfarelab.capture.models import Consent
from welfarelab.people.models import Person, adults_born_by

AHEAD = datetime.timedelta(days=90)


@dataclasses.dataclass(frozen=True)
class Notice:
    person: Person
    of_age_on: datetime.date
    today: datetime.date

    @property
    def is_of_age(self):
        return self.of_age_on <= self.today


def notices(households, today=None):
    """The children of `households` who come of age within `AHEAD`, and those already of age who have not yet
    consented themselves, soonest first: one query, whatever the number of families."""
    today = today or timezone.localdate()
    own = Consent.objects.active().filter(given_by=OuterRef("pk"))
    found = (
        Person.objects.filter(
            household__in=households,
            household__left_on__isnull=True,
            relation=Person.Relation.CHILD,
            birth_date__lte=adults_born_by(today + AHEAD),
        )
        .filter(Q(birth_date__gt=adults_born_by(today)) | ~Exists(own))
        .select_related("household")
        .order_by("birth_date", "pk")
    )
    return [Notice(person, person.of_age_on, today) for person in found]
