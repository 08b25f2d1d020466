"""The agreement: the plan frozen as a document in the family's language, signed by each adult and the leader.

A version's content is written once, when it is prepared for signing, in the words and language the
family reads; it never changes afterwards. Adjusting a signed plan prepares a new version with a
reason, and the family signs again. Any two versions can be compared.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, minimisation, policy
from welfarelab.access.principals import is_staff
from welfarelab.capture.models import Scan
from welfarelab.capture.scans import checked_scan, scan_problems
from welfarelab.forms import DateField, add_problems
from welfarelab.journey.exits import refuse_after_exit
from welfarelab.mapping.models import Meeting
from welfarelab.people.models import Person, StaffUser
from welfarelab.plans.models import AgreementVersion, Signature, Status, TrustedPerson
from welfarelab.plans.plan import plan_of

Reason = AgreementVersion.Reason


def _day(value):
    return date_format(value, "DATE_FORMAT") if value else ""


def _who(measure):
    parts = [str(p) for p in (measure.organisation, measure.responsible) if p]
    if measure.family_member:
        parts.append(measure.family_member.given_name)
    return ", ".join(parts)


def content(household, language):
    """The plan as the family will read it, in `language`: what a version freezes."""
    plan = plan_of(household)
    goals = list(plan.goals.exclude(state="dropped").select_related("life_area", "person", "main_goal"))
    kept = {g.pk for g in goals}
    measures = plan.measures.exclude(status=Status.STOPPED).select_related(
        "organisation", "responsible", "family_member", "goal"
    )
    leader = household.investment_leader
    with translation.override(language):
        return {
            "situation": plan.situation,
            "signers": [
                {"person": p.pk, "name": str(p)}
                for p in household.members.order_by("birth_date")
                if p.gives_own_consent  # a child from their 18th birthday
            ],
            "leader": {"staff": leader.pk, "name": str(leader), "email": leader.email},
            "team": [
                {"name": str(m.member), "organisation": str(m.organisation), "authority": m.authority}
                for m in household.team.current().select_related("member", "organisation")
            ],
            "consents": [
                {"person": person.pk, "name": person.given_name, "organisations": [str(c.organisation) for c in given]}
                for person, given in _consents(household)
            ],
            "trusted": [str(t) for t in TrustedPerson.objects.filter(household=household, left_on__isnull=True)],
            "goals": [
                {
                    "id": g.pk,
                    "main_goal": g.main_goal_id,
                    "sub_goal_of": g.main_goal.text if g.main_goal else "",
                    "text": g.text,
                    "life_area": g.life_area.name,
                    "indicator": g.indicator,
                    "target": _day(g.target_on),
                    "person": g.person_id,
                    "whose": g.person.given_name if g.person else gettext("The whole family"),
                }
                for g in goals
            ],
            "measures": [
                {
                    "id": m.pk,
                    "goal": m.goal_id if m.goal_id in kept else None,
                    "towards": m.goal.text if m.goal_id in kept else "",
                    "text": m.text,
                    "who": _who(m),
                    "family": m.is_family_task,
                    "person": m.family_member_id,
                    "how_often": m.how_often,
                    "when": " – ".join(filter(None, [_day(m.starts_on), _day(m.ends_on)])),
                }
                for m in measures
            ],
            "meetings": [
                {
                    "when": date_format(timezone.localtime(m.planned_at), "DATETIME_FORMAT"),
                    "what": m.get_kind_display(),
                    "place": m.place,
                }
                for m in household.meetings.filter(status=Meeting.Status.PLANNED, planned_at__gte=timezone.now())
            ],
        }


def _consents(household):
    by_person = {}
    for consent in household.consents.active().select_related("given_by", "organisation").order_by("pk"):
        by_person.setdefault(consent.given_by, []).append(consent)
    return by_person.items()


# What the family agreed to; the team, contacts and meeting dates may change without signing again.
AGREED = ["situation", "goals", "measures"]


def agreed_part(data):
    return {key: data[key] for key in AGREED}


class PrepareForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why a new version"), choices=Reason.choices)
    explanation = forms.CharField(
        label=_("What changed and why"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    language = forms.ChoiceField(label=_("Language of the agreement"), choices=settings.LANGUAGES)

    asks = ()

    def __init__(self, *args, user, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.first = not signed(household).exists()
        if self.first:
            self.fields["reason"].choices = [(Reason.FIRST, Reason.FIRST.label)]
            del self.fields["explanation"]
        else:
            self.fields["reason"].choices = [c for c in Reason.choices if c[0] != Reason.FIRST]
            minimisation.ask(self, "explanation", persons=policy.persons(user, household))
        self.fields["language"].initial = translation.get_language()

    def values(self):
        """What `prepare` takes."""
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.asks}

    def clean(self):
        cleaned = super().clean()
        if not self.first:
            minimisation.check(self, cleaned)
        add_problems(self, prepare_problems(self.household, **self.values()))
        return cleaned


def prepare_problems(household, *, reason=None, language=None, explanation=None):
    """{field: messages}: the first version is the first agreement; a later one says why it is needed, what
    changed and why; the language is one the agreement is written in."""
    errors = {}
    first = not signed(household).exists()
    if reason is not None and (reason == Reason.FIRST) != first:
        errors["reason"] = [
            _("This is the first agreement.") if first else _("Choose why the signed agreement needs a new version.")
        ]
    if language is not None and language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose one of the languages the agreement is written in.")]
    if not first and not (explanation or "").strip():
        errors["explanation"] = [_("Say what changed and why, so the family can agree to it.")]
    return errors


def versions(household):
    return AgreementVersion.objects.filter(plan__household=household)


def signed(household):
    return versions(household).filter(signed_at__isnull=False)


@transaction.atomic
def prepare(principal, household, *, reason: str, language: str, explanation: str | None = "") -> AgreementVersion:
    """Freeze the plan as the next version for signing, in `language`; an earlier version still unsigned is
    replaced."""
    refuse_after_exit(household)
    errors = prepare_problems(household, reason=reason, language=language, explanation=explanation)
    if errors:
        raise ValidationError(errors)
    plan = plan_of(household)
    type(plan).objects.select_for_update().get(pk=plan.pk)  # one preparation at a time per plan
    data = content(household, language)
    if not data["goals"] or not data["measures"]:
        raise ValidationError(_("The plan is empty: it needs at least one goal and one measure before it is signed."))
    if not data["signers"]:
        raise ValidationError(_("Nobody in the family is an adult who can sign. Check who is in the household."))
    latest = signed(household).order_by("-number").first()
    if latest and agreed_part(latest.content) == agreed_part(data):
        raise ValidationError(_("Nothing the family agreed to has changed since version %(n)s.") % {"n": latest.number})
    versions(household).filter(signed_at__isnull=True, replaced=False).update(replaced=True)
    number = (versions(household).aggregate(n=Max("number"))["n"] or 0) + 1
    version = AgreementVersion.objects.create(
        plan=plan,
        number=number,
        reason=reason,
        explanation=explanation or "",
        language=language,
        content=data,
        prepared_by=principal,
    )
    audit.record(principal, audit.CREATE, version, household=household, detail=f"agreement version {number}")
    return version


def missing_signatures(version):
    """Who still has to sign: each adult of the family and the leader for the municipality."""
    done = {(s.person_id, s.staff_id) for s in version.signatures.all()}
    people = [s for s in version.content["signers"] if (s["person"], None) not in done]
    leader = version.content["leader"]
    return people + ([leader] if (None, leader["staff"]) not in done else [])


def waiting_for(user, household, version):
    """Who still has to sign, as `user` may see it: the leader, and the family members they may see."""
    shown = set(policy.persons(user, household).values_list("pk", flat=True))
    return [s for s in missing_signatures(version) if "staff" in s or s["person"] in shown]


class SignForm(forms.Form):
    signer = forms.ChoiceField(label=_("Who signs"))
    method = forms.ChoiceField(label=_("How"), choices=Signature.Method.choices[:2], widget=forms.RadioSelect)
    agrees = forms.BooleanField(
        label=_("They have read the agreement, or had it read to them, and agree to it."), required=False
    )
    signed_on = DateField(label=_("Signed on"))
    scan = forms.FileField(label=_("Scan of the signed paper (PDF, JPEG or PNG, at most 10 MB)"), required=False)

    def __init__(self, *args, version, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        leader = version.content["leader"]
        self.fields["signer"].choices = [
            (f"person:{s['person']}", s["name"]) for s in missing_signatures(version) if "person" in s
        ] + (
            [(f"staff:{leader['staff']}", gettext("%(name)s, for the municipality") % leader)]
            if leader["staff"] == user.pk and leader in missing_signatures(version)
            else []
        )
        self.fields["signed_on"].initial = timezone.localdate()

    def clean_scan(self):
        return checked_scan(self.cleaned_data.get("scan"), "agreement")

    def values(self):
        """What `sign` takes: the signer as the person or the leader they are."""
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        if values["signer"]:
            kind, _sep, pk = values["signer"].partition(":")
            model = Person if kind == "person" else StaffUser
            values["signer"] = model.objects.get(pk=pk)
        return values

    def clean(self):
        cleaned = super().clean()
        add_problems(self, sign_problems(self.version, **(self.values() | {"signer": None})))
        return cleaned


def sign_problems(version, *, signer=None, method=None, agrees=False, signed_on=None, scan=None):
    """{field: messages}: the day has come and is not before the version was prepared; in the app the person has
    read it and agrees, on paper the version has a scan of it."""
    errors = {}
    if signed_on and signed_on > timezone.localdate():
        errors["signed_on"] = [_("The signing date cannot be in the future.")]
    elif signed_on and signed_on < timezone.localtime(version.prepared_at).date():
        errors["signed_on"] = [_("The signing date cannot be before the agreement was prepared.")]
    if method in (Signature.Method.APP, Signature.Method.ID_PORTEN) and not agrees:
        errors["agrees"] = [_("Tick this when the person has read the agreement and agrees to it.")]
    if method == Signature.Method.PAPER and not scan and not version.scan_id:
        errors["scan"] = [_("Attach a scan of the signed paper, or choose signing in the app.")]
    if method is not None and method not in Signature.Method.values:
        errors["method"] = [_("Choose how they sign.")]
    return errors


@transaction.atomic
def sign(
    principal,
    household,
    version,
    *,
    signer: Person | StaffUser,
    method: str,
    signed_on: datetime.date,
    agrees: bool = False,
    scan=None,
) -> AgreementVersion:
    """Record `signer`'s signature of `version`: an adult of the family, or the leader for the municipality. The
    last one needed makes the version the agreement."""
    refuse_after_exit(household)
    errors = sign_problems(version, method=method, agrees=agrees, signed_on=signed_on, scan=scan)
    scan = scan_problems(scan, "agreement", errors)
    if errors:
        raise ValidationError(errors)
    version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if version.signed_at or version.replaced:
        raise ValidationError(_("This version can no longer be signed."))
    staff = isinstance(signer, StaffUser)
    on_the_door = method == Signature.Method.ID_PORTEN
    if on_the_door == is_staff(principal) or (on_the_door and signer != principal.person):
        raise ValidationError(_("With ID-porten, a person signs for themselves on their own page, and only there."))
    waiting = {("person", s["person"]) if "person" in s else ("staff", s["staff"]) for s in missing_signatures(version)}
    if staff and signer.pk != household.investment_leader_id:
        raise ValidationError(_("Only the investment leader signs for the municipality."))
    if ("staff" if staff else "person", signer.pk) not in waiting:
        raise ValidationError(_("This signature is already recorded."))
    signature = Signature.objects.create(
        version=version,
        person=None if staff else signer,
        staff=signer if staff else None,
        method=method,
        signed_on=signed_on,
        recorded_by=principal if is_staff(principal) else None,  # or the person themselves, on the family's door
    )
    if scan:
        version.scan = Scan.keep(scan, household.municipality_id)
    if not missing_signatures(version):
        version.signed_at = timezone.now()
    version.save(update_fields=["scan", "signed_at"])
    detail = f"agreement version {version.number}"
    audit.record(principal, audit.CREATE, signature, household=household, detail=detail)
    return version


def document(user, household, version, detail):
    """The version as `user` may read it, with its signatures, for the screen or the paper; the look is audited."""
    audit.record(user, audit.VIEW, version, household=household, detail=detail)
    return {
        "household": household,
        "version": version,
        "data": visible_content(user, household, version.content),
        "signatures": version.signatures.select_related("person", "staff"),
    }


def page(user, household, version, sign_form=None):
    """The agreement page: the version, who is still to sign, and every version. While it waits for signatures the
    leader gets the form to record one: `sign_form` is the one posted, when it was refused."""
    leading = policy.may(user, "lead", household)
    if sign_form is None and leading and not version.signed_at and not version.replaced:
        sign_form = SignForm(version=version, user=user)
    context = document(user, household, version, detail=f"agreement version {version.number}") | {
        "leading": leading,
        "missing": waiting_for(user, household, version),
        "versions": versions(household),
    }
    return context | ({"sign_form": sign_form} if sign_form is not None else {})


def visible_content(user, household, data):
    """A version's content without the goals and measures of family members `user` may not see."""
    shown = set(policy.persons(user, household).values_list("pk", flat=True))
    goals = [g for g in data["goals"] if g["person"] is None or g["person"] in shown]
    hidden_goals = {g["id"] for g in data["goals"]} - {g["id"] for g in goals}
    measures = [
        m for m in data["measures"] if (m["person"] is None or m["person"] in shown) and m["goal"] not in hidden_goals
    ]
    consents = [c for c in data.get("consents", []) if c["person"] in shown]
    signers = [s for s in data["signers"] if s["person"] in shown]
    # A whole-family sub-goal may hang under a goal of someone hidden: it is shown without that goal's words.
    goals = [g | {"sub_goal_of": "", "main_goal": None} if g["main_goal"] in hidden_goals else g for g in goals]
    return data | {"goals": goals, "measures": measures, "consents": consents, "signers": signers}


FIELDS = {
    "goals": {
        "text": _("Goal"),
        "sub_goal_of": _("Sub-goal of"),
        "life_area": _("Life area"),
        "indicator": _("What success looks like"),
        "target": _("Target date"),
        "whose": _("Whose goal"),
    },
    "measures": {
        "text": _("What will be done"),
        "towards": _("Goal it works towards"),
        "who": _("Who"),
        "how_often": _("How often"),
        "when": _("When"),
    },
}


def compare(before, after):
    """What changed between two versions' contents: situation, and goals and measures added, removed or changed."""
    changes = {"situation": None, "goals": [], "measures": []}
    if before["situation"] != after["situation"]:
        changes["situation"] = (before["situation"], after["situation"])
    for kind, fields in FIELDS.items():
        old = {item["id"]: item for item in before[kind]}
        new = {item["id"]: item for item in after[kind]}
        for key, item in new.items():
            if key not in old:
                changes[kind].append({"change": "added", "item": item})
            else:
                differ = [(label, old[key][f], item[f]) for f, label in fields.items() if old[key][f] != item[f]]
                if differ:
                    changes[kind].append({"change": "changed", "item": item, "fields": differ})
        changes[kind] += [{"change": "removed", "item": item} for key, item in old.items() if key not in new]
    return changes


def changed_since_signed(household, latest_signed):
    """Whether the plan now differs, in what the family agreed to, from the last signed version."""
    if latest_signed is None:
        return False
    return agreed_part(content(household, latest_signed.language)) != agreed_part(latest_signed.content)
