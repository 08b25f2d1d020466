import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from welfarelab.people import identity

TEXT_LIMIT = 4000  # long enough for a page of notes, short enough to refuse pasted documents


class Municipality(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    default_language = models.CharField(
        _("default language"), max_length=5, choices=[("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")]
    )
    large_investment_from = models.DecimalField(
        _("a large investment is from (NOK a year)"),
        max_digits=12,
        decimal_places=0,
        default=500000,
        help_text=_("An investment in a participant of this much or more over 12 months counts as large."),
    )
    staff_names_shown_to_families = models.BooleanField(
        _("families see the names of staff who looked at their data"),
        default=True,
        help_text=_(
            "On the family's own page of who has looked at their data. Otherwise they see organisation and role."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NamedInOurLanguages(models.Model):
    """Something each municipality names itself, in English, bokmål and nynorsk."""

    name_en = models.CharField(_("name in English"), max_length=120)
    name_nb = models.CharField(_("name in bokmål"), max_length=120)
    name_nn = models.CharField(_("name in nynorsk"), max_length=120)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        return getattr(self, f"name_{get_language() or 'en'}", None) or self.name_en


class OrganisationQuerySet(models.QuerySet):
    def choosable(self, municipality_id, keeping=None):
        """The municipality's active organisations, and `keeping` (an id), which stays on what already names it
        after it was retired."""
        return self.filter(municipality_id=municipality_id).filter(models.Q(active=True) | models.Q(pk=keeping))


class Organisation(NamedInOurLanguages):
    """A municipal unit or an outside partner whose people may sit on an investment team."""

    class Owner(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTY = "county", _("County")
        STATE = "state", _("State")
        HEALTH_TRUST = "health_trust", _("Health trust")
        VOLUNTARY = "voluntary", _("Voluntary")
        PRIVATE = "private", _("Private")

    class OwnSay(models.IntegerChoices):
        """From which birthday a child, not a guardian, consents to what the service shares about them."""

        CHILD_WELFARE = 15, _("From 15 (child welfare: a party to their own case, barnevernsloven § 12-3)")
        HEALTH = 16, _("From 16 (health services: pasient- og brukerrettighetsloven § 4-3)")
        MAJORITY = 18, _("From 18 (the age of majority)")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="organisations")
    code = models.SlugField(_("code"), max_length=40)
    owner = models.CharField(_("owner"), max_length=20, choices=Owner.choices)
    own_say_from = models.PositiveSmallIntegerField(
        _("a child consents for themselves from"), choices=OwnSay.choices, default=OwnSay.MAJORITY
    )
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="organisation_code_unique_per_municipality")
        ]


class StaffUser(AbstractUser):
    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        INVESTMENT_LEADER = "investment_leader", _("Investment leader")
        TEAM_MEMBER = "team_member", _("Investment team member")
        REFERRER = "referrer", _("Referrer")
        ANALYST = "analyst", _("Analyst")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, related_name="staff", verbose_name=_("municipality")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REFERRER)
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Chosen by the user; empty means the municipality's default language."),
    )
    # An ended membership keeps the user (their name stays on everything they did) but not the login.
    ended_at = models.DateTimeField(_("membership ended"), null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    principal_kind = "staff"  # access.principals.Kind.STAFF: the only kind of principal with a role

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def principal_name(self):
        return self.get_username()


class Household(models.Model):
    """A family, or a young person alone, from first referral onwards.

    It becomes a participant (a co-investor) when the participation agreement is recorded.
    """

    class TargetGroup(models.TextChoices):
        A = "A", _("A: family with children in vulnerable living conditions")
        B = "B", _("B: vulnerable young person aged 16-25")
        C = "C", _("C: family with a child with disabilities")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="households")
    name = models.CharField(
        _("household name"), max_length=120, help_text=_('How the family wants to be named, e.g. "The Berg family".')
    )
    target_group = models.CharField(_("target group"), max_length=1, choices=TargetGroup.choices, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=60, blank=True)
    interpreter_language = models.CharField(
        _("interpreter needed for language"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty if no interpreter is needed."),
    )
    investment_leader = models.ForeignKey(
        StaffUser,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_households",
        verbose_name=_("investment leader"),
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(
        _("left on"), null=True, blank=True, editable=False, help_text=_("Empty while taking part.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name"]
        indexes = [models.Index(fields=["municipality", "investment_leader"])]

    def __str__(self):
        return self.name

    @property
    def is_participant(self):
        return self.joined_on is not None

    @property
    def has_left(self):
        return self.left_on is not None

    def suggested_target_group(self, today=None):
        """A, B or C from the family's make-up and ages; staff confirm it."""
        people = list(self.members.all())
        children = [p for p in people if p.relation == Person.Relation.CHILD]
        if any(c.has_disability for c in children):
            return self.TargetGroup.C
        if children:
            return self.TargetGroup.A
        if len(people) == 1 and 16 <= people[0].age(today) <= 25:
            return self.TargetGroup.B
        return ""


ADULT = 18  # the age of majority (vergemålsloven § 2): a guardian's consent and signature stop covering a child


def adults_born_by(today, age=ADULT):
    """The latest birth date of someone who is `age` (of age, unless said) `today`."""
    try:
        return today.replace(year=today.year - age)
    except ValueError:  # today is 29 February: who was born on 1 March has the birthday tomorrow
        return datetime.date(today.year - age, 2, 28)


class Person(models.Model):
    class Relation(models.TextChoices):
        PARENT = "parent", _("Parent or guardian")
        OTHER_ADULT = "other_adult", _("Other adult in the household")
        YOUNG_PERSON = "young_person", _("Young person (joins on their own)")
        CHILD = "child", _("Child")

    class Protection(models.TextChoices):
        """Adressebeskyttelse, as the National Population Register marks it."""

        NONE = "", _("No")
        CONFIDENTIAL = "confidential", _("Confidential address (fortrolig, code 7)")
        STRICT = "strict", _("Strictly confidential address (strengt fortrolig, code 6)")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    given_name = models.CharField(_("given name"), max_length=80)
    family_name = models.CharField(_("family name"), max_length=80, blank=True)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    birth_date = models.DateField(_("birth date"))
    national_id = models.CharField(
        _("national identity number"),
        max_length=11,
        blank=True,
        help_text=_("Fødselsnummer or D-number, 11 digits. Optional."),
    )
    has_disability = models.BooleanField(_("has a disability"), default=False)
    # Where the person lives is shown only through `people.addresses`: to nobody but the family's investment
    # leader when the address is protected.
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Street, postcode and place, for letters and visits.")
    )
    address_protection = models.CharField(
        _("protected address"),
        max_length=12,
        choices=Protection.choices,
        blank=True,
        help_text=_("As the National Population Register marks it. Then only the investment leader sees the address."),
    )
    version = models.PositiveIntegerField(default=1)
    # Who wrote this person into the lab: a referrer keeps seeing the people she referred, and no others.
    registered_by = models.ForeignKey(
        "people.StaffUser", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["birth_date"]
        # Not unique: a referral naming someone already in the lab is accepted (the referrer must not learn
        # who is known) and the investment leader sees the possible duplicate.
        indexes = [models.Index(fields=["municipality", "national_id"], name="person_national_id")]

    def __str__(self):
        return f"{self.given_name} {self.family_name}".strip()

    def age(self, today=None):
        today = today or timezone.localdate()
        b = self.birth_date
        return today.year - b.year - ((today.month, today.day) < (b.month, b.day))

    @property
    def gives_own_consent(self):
        """Adults and young people give consent for themselves; a child is covered by a guardian's until their
        18th birthday, and from that day gives their own."""
        return self.has_own_say(Organisation.OwnSay.MAJORITY)

    def has_own_say(self, age):
        """Whether this member consents for themselves where young people do from `age` (`Organisation.own_say_from`):
        before that birthday a guardian's consent covers a child."""
        return self.relation != self.Relation.CHILD or self.birth_date <= adults_born_by(timezone.localdate(), age)

    @property
    def of_age_on(self):
        """The 18th birthday (for someone born on 29 February, 1 March in a year that has none)."""
        try:
            return self.birth_date.replace(year=self.birth_date.year + ADULT)
        except ValueError:
            return datetime.date(self.birth_date.year + ADULT, 3, 1)

    @property
    def masked_national_id(self):
        return f"{self.national_id[:6]} *****" if self.national_id else ""

    def clean_identity(self):
        """Rules that need more than one field; returns {field: message}."""
        errors = {}
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = _("The birth date cannot be in the future.")
        if self.birth_date and self.birth_date < datetime.date(1900, 1, 1):
            errors["birth_date"] = _("Check the birth date: it is before 1900.")
        if self.national_id:
            try:
                number = identity.parse(self.national_id)
            except identity.InvalidIdentityNumber:
                errors["national_id"] = _("This is not a valid fødselsnummer or D-number. Check the 11 digits.")
            else:
                if self.birth_date and not number.matches_birth_date(self.birth_date):
                    errors["national_id"] = _("The first six digits do not match the birth date.")
        return errors
