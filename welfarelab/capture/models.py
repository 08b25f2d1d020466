"""Phase 1, Capture: referral, qualification, the explanatory conversation, joining and consent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from welfarelab.people.models import TEXT_LIMIT, Household, Municipality, Organisation, Person

STAFF = settings.AUTH_USER_MODEL


class Referral(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New, in the inbox")
        TAKEN = "taken", _("Taken by an investment leader")
        QUALIFIED = "qualified", _("Qualified")
        NOT_NOW = "not_now", _("Not now")
        DECLINED = "declined", _("Declined by the family")
        NOT_SUITABLE = "not_suitable", _("Not suitable")
        JOINED = "joined", _("Joined")

    household = models.OneToOneField(Household, on_delete=models.PROTECT, related_name="referral")
    referred_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="referrals_made")
    referring_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, verbose_name=_("referring unit"), related_name="+"
    )
    why_now = models.TextField(_("why now"), max_length=TEXT_LIMIT)
    what_is_known = models.TextField(_("what is known"), max_length=TEXT_LIMIT)
    family_told = models.TextField(_("what the family has been told"), max_length=TEXT_LIMIT)
    agreed_to_contact = models.BooleanField(_("the family agreed to be contacted"))
    created_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_taken")
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["taken_by", "-created_at"])]

    def __str__(self):
        return str(self.household)

    @property
    def status(self):
        if self.household.joined_on:
            return self.Status.JOINED
        qualification = getattr(self, "qualification", None)
        if qualification:
            return self.Status(qualification.outcome)
        return self.Status.TAKEN if self.taken_by_id else self.Status.NEW


class Qualification(models.Model):
    """The qualification checklist and its outcome."""

    class Outcome(models.TextChoices):
        QUALIFIED = "qualified", _("Qualified")
        NOT_NOW = "not_now", _("Not now")
        DECLINED = "declined", _("Declined by the family")
        NOT_SUITABLE = "not_suitable", _("Not suitable")

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="qualification")
    wants_change = models.BooleanField(_("The family wants a change and is ready to commit"))
    wants_change_note = models.TextField(_("note"), max_length=TEXT_LIMIT, blank=True)
    lifts_confidentiality = models.BooleanField(_("The family agrees to lift confidentiality between the services"))
    lifts_confidentiality_note = models.TextField(_("note"), max_length=TEXT_LIMIT, blank=True)
    complex_needs = models.BooleanField(_("Complex needs that require several kinds of expertise"))
    complex_needs_note = models.TextField(_("note"), max_length=TEXT_LIMIT, blank=True)
    long_term_plan = models.BooleanField(_("A long-term plan with goals and measures makes sense"))
    long_term_plan_note = models.TextField(_("note"), max_length=TEXT_LIMIT, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), max_length=TEXT_LIMIT)
    assessed_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("assessed on"))
    version = models.PositiveIntegerField(default=1)

    CRITERIA = ("wants_change", "lifts_confidentiality", "complex_needs", "long_term_plan")

    class Meta:
        verbose_name = _("qualification")

    @property
    def household(self):
        return self.referral.household


class Conversation(models.Model):
    """The explanatory conversation: what the lab is, what joining means, and the family's answer."""

    class Answer(models.TextChoices):
        WANTS_TO_JOIN = "wants_to_join", _("Wants to join")
        NEEDS_TIME = "needs_time", _("Needs time to think")
        DECLINED = "declined", _("Does not want to join")

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="conversations")
    held_on = models.DateField(_("date"))
    held_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+", verbose_name=_("held by"))
    present = models.CharField(_("who else was present"), max_length=300, blank=True)
    explained = models.TextField(_("what was explained"), max_length=TEXT_LIMIT)
    answer = models.CharField(_("the family's answer"), max_length=20, choices=Answer.choices)
    answer_note = models.TextField(_("in the family's words"), max_length=TEXT_LIMIT, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("explanatory conversation")
        ordering = ["held_on", "id"]

    @property
    def household(self):
        return self.referral.household


class SigningMethod(models.TextChoices):
    IN_APP = "in_app", _("In the app, in the meeting")
    PAPER = "paper", _("On paper, scan attached")


class Scan(models.Model):
    """The scan of a signed paper, kept in the database beside what it proves: saved in the same transaction (a
    save that fails or is killed leaves no scan behind), backed up and restored with it, and kept to its
    municipality by the same row security. Checked as a PDF, JPEG or PNG of at most 10 MB (`capture.scans`)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=40)  # "agreement.pdf": the kind of paper, and the type its bytes are
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("scan of a signed paper")

    @classmethod
    def keep(cls, upload, municipality):
        """The checked `upload` as a scan of the municipality whose id is `municipality` (None for no upload)."""
        if not upload:
            return None
        return cls.objects.create(municipality_id=municipality, name=upload.name, content=upload.read())


class ParticipationAgreement(models.Model):
    household = models.OneToOneField(Household, on_delete=models.PROTECT, related_name="agreement")
    signed_on = models.DateField(_("signed on"))
    method = models.CharField(_("how it was signed"), max_length=10, choices=SigningMethod.choices)
    scan = models.ForeignKey(
        Scan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("scan of the signed paper"),
        related_name="+",
    )
    signed_by = models.ManyToManyField(Person, related_name="+", verbose_name=_("signed by"))
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participation agreement")


class ConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """One person's consent that one organisation may share information about the family.

    Withdrawal takes effect at once: access rules read only consents with no withdrawal.
    """

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="consents")
    given_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents_given")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="consents")
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how it was given"), max_length=10, choices=SigningMethod.choices)
    scan = models.ForeignKey(
        Scan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("scan of the signed paper"),
        related_name="+",
    )
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, null=True, related_name="+")
    withdrawal_note = models.CharField(_("note on the withdrawal"), max_length=300, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        ordering = ["given_on", "id"]
        indexes = [
            models.Index(
                fields=["organisation", "household"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="active_consent_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["given_by", "organisation"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_person_and_organisation",
            )
        ]
